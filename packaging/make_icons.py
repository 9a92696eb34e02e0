"""Render the app icon, drawn once as ``resources/icons/rebound.svg``, into the files
installers need: ``rebound.ico`` (Windows), ``rebound.icns`` (macOS) and PNGs.

Every size is rendered from the vector drawing rather than scaled down from one
big bitmap, so the 16 and 32 pixel icons stay crisp. Qt draws the pixels; the two
containers are assembled here because Qt's writers put one image in a file:

- ICO: each size below 256 as a classic 32-bit BMP entry (what every Windows
  tool reads; Qt's own ICO writer leaves stray bits in the transparency mask),
  the 256 entry as PNG, as Windows expects.
- ICNS: PNG entries under their OSType codes (``icp4`` ... ``ic10``).

Run ``uv run python packaging/make_icons.py`` after changing the SVG; the outputs
are committed, so builds do not need to render them.
"""

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "rebound.svg"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS entry type for each pixel size; the @2x Retina variants share the bitmap.
ICNS_TYPES = (
    ("icp4", 16), ("ic11", 32), ("icp5", 32), ("ic12", 64), ("icp6", 64),
    ("ic07", 128), ("ic08", 256), ("ic13", 256), ("ic09", 512), ("ic14", 512),
    ("ic10", 1024),
)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def encode(image: QImage, image_format: str) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, image_format.encode())
    if not writer.write(image):
        raise RuntimeError(f"Qt could not write {image_format}: {writer.errorString()}")
    buffer.close()
    return bytes(data)


def ico_entry(image: QImage) -> bytes:
    """One size's data: a 32-bit BMP (pixels bottom-up, then the 1-bit AND mask,
    set where fully transparent), or PNG at 256 as Windows expects."""
    if image.width() >= 256:
        return encode(image, "png")
    size = image.width()
    # Format_ARGB32 sits in memory as B, G, R, A: exactly a 32-bit BMP row.
    pixels = bytes(image.constBits())[: size * size * 4]
    rows = [pixels[y * size * 4 : (y + 1) * size * 4] for y in range(size)]
    mask_row_bytes = (size + 31) // 32 * 4
    mask = b""
    for row in reversed(rows):
        bits = 0
        for x in range(size):
            bits = bits << 1 | (row[x * 4 + 3] == 0)
        bits <<= mask_row_bytes * 8 - size
        mask += bits.to_bytes(mask_row_bytes, "big")
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    return header + b"".join(reversed(rows)) + mask


def build_ico(images: dict[int, QImage]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(images))
    directory, blobs = b"", b""
    offset = len(header) + 16 * len(images)
    for size, image in sorted(images.items()):
        blob = ico_entry(image)
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + directory + blobs


def build_icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(
        kind.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])  # QImageWriter's plugins need an application
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"Cannot read {SVG}", file=sys.stderr)
        return 1
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _kind, size in ICNS_TYPES)})
    images = {size: render(renderer, size) for size in sizes}
    pngs = {size: encode(image, "png") for size, image in images.items()}
    written = []
    for size in PNG_SIZES:
        path = ICONS / f"rebound-{size}.png"
        path.write_bytes(pngs[size])
        written.append(path)
    ico = ICONS / "rebound.ico"
    ico.write_bytes(build_ico({size: images[size] for size in ICO_SIZES}))
    icns = ICONS / "rebound.icns"
    icns.write_bytes(build_icns(pngs))
    written += [ico, icns]
    for path in written:
        print(f"{path.relative_to(ICONS.parent.parent)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
