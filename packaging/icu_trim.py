"""Linux: a smaller ICU data library for the bundle (about 31 MB down to 16 MB).

PySide6's Linux wheels link QtCore to ICU, whose data library carries every
locale's formatting data. QtCore calls only four ICU services (its own CLDR
tables do dates and numbers): case mapping, collation (``ucol_*``, for
QCollator and sorted file dialogs), code pages (``ucnv_*``, for
QStringDecoder) and time zones (``ucal_*``). Run ``nm -D --undefined-only
libQt6Core.so.6`` to see. So the data items those never read are left out of
the package: break-iterator dictionaries, units, currencies, language, region
and rule-based number names, and transliterators. Two more go because Rebound
never asks Qt for them (its CSV and vCard import decode with Python's own
codecs): long time-zone names, and the multi-byte legacy code pages (Shift-JIS,
GBK, Big5, EUC ...: QStringDecoder then reports them invalid). Collation
tailorings, single-byte code pages (Windows-125x, ISO 8859), time-zone IDs and
the root locale data all stay; case mapping and normalisation live in libicuuc.

The package (ICU's "common data" format: header, table of contents sorted by
name, 16-byte-aligned items) is rewritten here and linked into a new
``libicudata.so.NN`` exporting the same ``icudtNN_dat`` symbol, with the C
compiler's assembler (``.incbin``). Without a compiler the original is kept.
"""

import re
import shutil
import struct
import subprocess
from pathlib import Path

#: Top folders of the ICU data package that QtCore never reads, and ``zone``:
#: long time-zone names (QTimeZone::displayName), which Rebound never shows.
DROPPED_TREES = frozenset(
    {"brkitr", "curr", "lang", "rbnf", "region", "translit", "unit", "zone"}
)

_SYMBOL = re.compile(rb"^icudt\d+_dat$")
_ASSEMBLY = """\
    .section .rodata
    .globl {symbol}
    .type {symbol}, @object
    .balign 16
{symbol}:
    .incbin "{package}"
    .size {symbol}, . - {symbol}
    .section .note.GNU-stack,"",@progbits
"""


def read_package(library: Path) -> tuple[str, bytes]:
    """The data symbol's name and bytes, read from a 64-bit little-endian ELF file."""
    elf = library.read_bytes()
    if elf[:6] != b"\x7fELF\x02\x01":
        raise ValueError(f"{library} is not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strings_offset = sections[link][4]
        for start in range(offset, offset + size, entsize):
            name_at, _info, _other, index, value, length = struct.unpack_from("<IBBHQQ", elf, start)
            name = elf[strings_offset + name_at : elf.index(b"\0", strings_offset + name_at)]
            if _SYMBOL.match(name) and index:
                _n, _k, _f, addr, file_offset, *_rest = sections[index]
                begin = file_offset + value - addr
                return name.decode(), elf[begin : begin + length]
    raise ValueError(f"no icudtNN_dat symbol in {library}")


def _max_bytes_per_char(converter: bytes) -> int:
    """From a .cnv item: its data header, then UConverterStaticData (structSize,
    name[60], codepage, platform, conversionType, minBytesPerChar, maxBytesPerChar)."""
    header_size, = struct.unpack_from("<H", converter, 0)
    return converter[header_size + 4 + 60 + 4 + 3]


def filter_package(package: bytes, dropped: frozenset[str] = DROPPED_TREES) -> bytes:
    """The common-data package without the items under ``dropped`` top folders."""
    header_size, = struct.unpack_from("<H", package, 0)
    count, = struct.unpack_from("<I", package, header_size)
    toc = [struct.unpack_from("<II", package, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(toc):
        name_start = header_size + name_at
        name = package[name_start : package.index(b"\0", name_start)]
        data_end = toc[i + 1][1] if i + 1 < count else len(package) - header_size
        blob = package[header_size + data_at : header_size + data_end]
        parts = name.split(b"/")
        if len(parts) > 2 and parts[1].decode() in dropped:
            continue
        if name.endswith(b".cnv") and _max_bytes_per_char(blob) > 1:
            continue
        items.append((name, blob))
    names, data = b"", b""
    name_offsets, data_offsets = [], []
    names_start = 4 + 8 * len(items)
    for name, _blob in items:
        name_offsets.append(names_start + len(names))
        names += name + b"\0"
    data_start = names_start + len(names)
    padding = -(header_size + data_start) % 16
    data_start += padding
    for _name, blob in items:
        data_offsets.append(data_start + len(data))
        data += blob + b"\0" * (-len(blob) % 16)
    table = struct.pack("<I", len(items)) + b"".join(
        struct.pack("<II", name_at, data_at)
        for name_at, data_at in zip(name_offsets, data_offsets, strict=True)
    )
    return package[:header_size] + table + names + b"\0" * padding + data


def build_library(library: Path, workdir: Path) -> Path | None:
    """A smaller copy of ``library`` in ``workdir``, or None without a C compiler."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        print(f"icu_trim: no C compiler, keeping the full {library.name}")
        return None
    symbol, package = read_package(library)
    workdir.mkdir(parents=True, exist_ok=True)
    data_file = workdir / "icudata.dat"
    data_file.write_bytes(filter_package(package))
    source = workdir / "icudata.S"
    source.write_text(_ASSEMBLY.format(symbol=symbol, package=data_file), encoding="utf-8")
    output = workdir / library.name
    subprocess.run(
        [compiler, "-shared", "-nostdlib", f"-Wl,-soname,{library.name}",
         "-Wl,-z,noexecstack", "-o", str(output), str(source)],
        check=True,
    )
    print(f"icu_trim: {library.name} {len(package) / 1e6:.1f} MB -> "
          f"{data_file.stat().st_size / 1e6:.1f} MB of data")
    return output


def shrink(binaries: list, workdir: Path) -> list:
    """``binaries`` with ``libicudata.so.*`` replaced by the smaller build."""
    result = []
    for entry in binaries:
        dest, source, kind = entry
        if kind != "SYMLINK" and Path(dest).name.startswith("libicudata.so"):
            smaller = build_library(Path(source), Path(workdir) / "icu")
            if smaller is not None:
                entry = (dest, str(smaller), kind)
        result.append(entry)
    return result
