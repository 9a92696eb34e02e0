"""Keep only the parts of Qt that Rebound uses in a PyInstaller bundle.

PyInstaller's PySide6 hooks collect whole families of Qt libraries, plugins and
translations, and ``excludes`` only stops Python modules from being imported: a
Qt library already found as a dependency stays. So ``rebound.spec`` passes its
``a.binaries`` and ``a.datas`` through :func:`trim`, which drops

- Qt libraries and bindings other than :data:`QT_MODULES` (Quick, QML, PDF,
  Designer, OpenGL, Wayland, EGLFS ... never used by a widgets app);
- Qt plugins other than :data:`QT_PLUGINS` (Rebound needs a platform, the SVG
  icon engine and image format for its SVG icon, and on Linux the portal theme
  and input methods, so accented and CJK typing work);
- Qt's translations (Rebound's interface is English; Qt's few built-in strings
  stay English with it) and any QML files;
- on Linux, system libraries nothing kept links to any more, found by following
  ``DT_NEEDED``: Cairo, Pango, HarfBuzz, GIO ... came only for the GTK theme
  plugin (about 8 MB here; GTK itself too where it is installed).

Paths are matched on the bundle side (the TOC's first element), with ``/``
separators, in the three layouts PySide6 uses: ``PySide6/Qt/lib/libQt6Gui.so.6``
(Linux), ``PySide6/Qt6Gui.dll`` (Windows), ``PySide6/Qt/lib/QtGui.framework/...``
(macOS).
"""

import re
import sys
from pathlib import PurePosixPath

#: Qt modules Rebound imports (``QtNetwork`` for the single-instance
#: ``QLocalServer``, ``QtSvg`` for the SVG icon), plus what they link to:
#: ``DBus`` (QtGui on Linux) and ``XcbQpa`` (the X11 platform plugin's library).
QT_MODULES = frozenset({"Core", "Gui", "Widgets", "Network", "Svg", "DBus", "XcbQpa"})

#: Plugin folder -> plugin names kept (file name without ``lib`` and extension);
#: ``None`` keeps the whole folder. Folders not listed are dropped.
QT_PLUGINS: dict[str, frozenset[str] | None] = {
    # xcb for X11 and XWayland; offscreen for --self-test; windows; cocoa.
    "platforms": frozenset({"qxcb", "qoffscreen", "qwindows", "qcocoa"}),
    "iconengines": frozenset({"qsvgicon"}),
    "imageformats": frozenset({"qsvg"}),
    # Not qgtk3: it alone pulls in GTK 3, Cairo, Pango and HarfBuzz.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    "styles": None,  # the native look: Windows 11 / macOS styles
}

_QT_LIBRARY = re.compile(
    r"(?:^|/)(?:libQt6(?P<linux>\w+?)\.so"  # Linux
    r"|Qt6(?P<windows>\w+?)\.dll"  # Windows
    r"|Qt(?P<macos>\w+?)\.framework(?:/|$))"  # macOS
)
_BINDING = re.compile(r"^PySide6/Qt(?P<name>\w+?)\.(?:abi3\.so|pyd|pyi)$")
_PLUGIN = re.compile(r"^PySide6/(?:Qt/)?plugins/(?P<folder>[^/]+)/(?P<file>[^/]+)$")
_DROPPED_DATA = re.compile(r"^PySide6/(?:Qt/)?(?:translations|qml)/")
#: Windows: the software OpenGL fallback (20 MB) for apps that draw with OpenGL.
_DROPPED_FILES = frozenset({"PySide6/opengl32sw.dll"})


def _qt_module(dest: str) -> str | None:
    if match := _BINDING.match(dest):
        return match["name"]
    if match := _QT_LIBRARY.search(dest):
        return match["linux"] or match["windows"] or match["macos"]
    return None


def _plugin_kept(folder: str, filename: str) -> bool:
    if folder not in QT_PLUGINS:
        return False
    allowed = QT_PLUGINS[folder]
    name = filename.split(".", 1)[0].removeprefix("lib")
    return allowed is None or name in allowed


def keep(dest: str) -> bool:
    """Whether a bundle path is kept, judged by its path alone."""
    dest = dest.replace("\\", "/")
    if dest in _DROPPED_FILES or _DROPPED_DATA.match(dest):
        return False
    if match := _PLUGIN.match(dest):
        return _plugin_kept(match["folder"], match["file"])
    module = _qt_module(dest)
    return module is None or module in QT_MODULES


def _linked_names(path: str) -> set[str]:
    from PyInstaller.depend.bindepend import get_imports

    return {PurePosixPath(name).name for name, _full in get_imports(path)}


def _drop_orphans(binaries: list) -> list:
    """Linux: drop bundled system libraries no longer reachable through DT_NEEDED.

    Everything except the top-level shared libraries (where PyInstaller puts
    system libraries) is a root: extension modules, Qt libraries and plugins.
    """
    top_level = {
        dest: entry
        for entry in binaries
        if "/" not in (dest := entry[0]) and ".so" in dest and not dest.startswith("libpython")
    }
    reachable: set[str] = set()
    pending = [source for dest, source, kind in binaries
               if dest not in top_level and kind != "SYMLINK"]
    seen = set()
    while pending:
        source = pending.pop()
        if source in seen:
            continue
        seen.add(source)
        for name in _linked_names(source):
            if name in top_level and name not in reachable:
                reachable.add(name)
                if top_level[name][2] != "SYMLINK":
                    pending.append(top_level[name][1])
    return [entry for entry in binaries if entry[0] not in top_level or entry[0] in reachable]


def _drop_dangling_symlinks(entries: list, dropped: set[str]) -> list:
    """Drop links to files removed above (links to folders, as in macOS
    frameworks, point at no entry and are left alone)."""
    return [
        entry
        for entry in entries
        if entry[2] != "SYMLINK"
        or _normalise(str(PurePosixPath(entry[0]).parent / entry[1])) not in dropped
    ]


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in PurePosixPath(path).parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def trim(binaries: list, datas: list) -> tuple[list, list]:
    """The ``a.binaries`` and ``a.datas`` TOCs with unused Qt (and, on Linux,
    orphaned system libraries) removed."""
    before = {entry[0] for entry in binaries + datas}
    binaries = [entry for entry in binaries if keep(entry[0])]
    datas = [entry for entry in datas if keep(entry[0])]
    if sys.platform.startswith("linux"):
        binaries = _drop_orphans(binaries)
    dropped = before - {entry[0] for entry in binaries + datas}
    return _drop_dangling_symlinks(binaries, dropped), _drop_dangling_symlinks(datas, dropped)
