"""Before the window on Linux: are the libraries Qt's X11 plugin needs all there?

When one is missing, Qt stops the process with a message that names at most one
of them ("xcb-cursor0 is needed"), often not the one that is missing, and no way
to go on. Rebound loads each library Qt's ``xcb`` plugin links against first; if
any is missing it says which, with the packages to install, and exits cleanly.
Qt-free: it runs before Qt is loaded.
"""

import os
import sys
from collections.abc import Callable

#: Each shared library Qt's xcb platform plugin and QtGui load, with the Debian and
#: Ubuntu package that provides it (what ``ldd libQt6XcbQpa.so.6`` lists).
X11_LIBRARIES = {
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}


def _loads(library: str) -> bool:
    import ctypes  # here: only X11 sessions ask, and start-up elsewhere skips it

    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def uses_x11(environ=os.environ) -> bool:
    """Qt will open the window through X11: Linux, no other platform asked for, and
    not a Wayland session (where Qt uses its Wayland plugin)."""
    if not sys.platform.startswith("linux"):
        return False
    asked = environ.get("QT_QPA_PLATFORM", "")
    if asked:
        return asked.split(":")[0] == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def missing_packages(loads: Callable[[str], bool] = _loads) -> list[str]:
    """The packages whose libraries do not load, in the order listed."""
    return [package for library, package in X11_LIBRARIES.items() if not loads(library)]


def explain(packages: list[str]) -> str:
    return ("Rebound cannot open its window: libraries that Qt needs to draw it on this "
            f"Linux desktop are missing ({', '.join(packages)}). On Debian or Ubuntu, "
            f"install them with:\n\n    sudo apt-get install {' '.join(packages)}\n\n"
            "Other distributions name them alike (for instance xcb-util-cursor on Fedora).")
