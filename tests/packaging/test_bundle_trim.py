"""What the installer build keeps of Qt, checked on the paths PySide6 uses on each
system (Windows and macOS bundles cannot be built here, their path rules can be
tested), and the ICU data package rewrite on the real library."""

import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_trim  # noqa: E402
import icu_trim  # noqa: E402


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libQt6XcbQpa.so.6",
    "libQt6Widgets.so.6",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/QtNetwork.abi3.so",
    "PySide6/Qt6Gui.dll",
    "PySide6/Qt6Svg.dll",
    "PySide6/QtWidgets.pyd",
    "PySide6/plugins/platforms/qwindows.dll",
    "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui",
    "PySide6/Qt/lib/QtNetwork.framework/Resources/Info.plist",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "PySide6/Qt/plugins/styles/libqmacstyle.dylib",
    "libsqlite3.so.0",
    "shiboken6/libshiboken6.abi3.so.6.12",
    "resources/icons/rebound.svg",
])
def test_kept(dest):
    assert bundle_trim.keep(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6WaylandClient.so.6",
    "libQt6EglFSDeviceIntegration.so.6",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt6Pdf.dll",
    "PySide6/Qt6Qml.dll",
    "PySide6/opengl32sw.dll",
    "PySide6/translations/qt_fr.qm",
    "PySide6\\plugins\\generic\\qtuiotouchplugin.dll",
    "PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick",
    "PySide6/QtQml.abi3.so",
])
def test_dropped(dest):
    assert not bundle_trim.keep(dest)


def test_links_to_dropped_files_go_too():
    binaries = [
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/core", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Pdf.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6", "SYMLINK"),
    ]
    kept = bundle_trim._drop_dangling_symlinks(binaries, {"PySide6/Qt/lib/libQt6Pdf.so.6"})
    assert [entry[0] for entry in kept] == ["PySide6/Qt/lib/libQt6Core.so.6", "libQt6Core.so.6"]


def _items(package: bytes) -> dict[str, bytes]:
    header_size, = struct.unpack_from("<H", package, 0)
    count, = struct.unpack_from("<I", package, header_size)
    toc = [struct.unpack_from("<II", package, header_size + 4 + 8 * i) for i in range(count)]
    names = []
    for name_at, data_at in toc:
        start = header_size + name_at
        names.append(package[start : package.index(b"\0", start)].decode())
        assert (header_size + data_at) % 16 == 0
    return dict.fromkeys(names, b"")


def test_icu_package_keeps_what_qt_reads():
    libraries = sorted(Path(__import__("PySide6").__file__).parent.glob("Qt/lib/libicudata.so.*"))
    if not libraries:
        pytest.skip("this PySide6 has no ICU library (only Linux wheels ship one)")
    _symbol, package = icu_trim.read_package(libraries[0])

    before, after = _items(package), _items(icu_trim.filter_package(package))

    assert list(after) == sorted(after)  # ICU finds items by binary search
    assert len(after) < len(before)
    folders = {name.split("/")[1] for name in after if name.count("/") > 1}
    assert folders == {"coll"}
    tops = {name.split("/", 1)[1] for name in after}
    # Root locale data, time-zone IDs, collation (root and tailorings), Windows-1252.
    assert {"root.res", "zoneinfo64.res", "cnvalias.icu", "coll/root.res", "coll/de.res",
            "coll/ucadata.icu", "ibm-5348_P100-1997.cnv"} <= tops
    # Shift-JIS and GB 18030 are multi-byte legacy code pages: left out.
    assert not {"ibm-943_P15A-2003.cnv", "gb18030.cnv"} & tops
