"""The QApplication, named and given Rebound's icon: made once per process, by the
window's start-up and by the self-test alike."""

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import APP_NAME, __version__
from desktop.paths import resource_path

#: Sizes of the PNG renderings of the icon in resources/icons (made by
#: packaging/make_icons.py): PNGs need no SVG plugin at start-up.
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"rebound-{size}.png")))
    return icon


def create_qapp() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(app_icon())
    return app
