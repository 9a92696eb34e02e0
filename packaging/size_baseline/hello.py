"""The size baseline: the least a PySide6 window costs when frozen the same way.

Built untrimmed by ``packaging/build.py --baseline`` (PyInstaller onedir, windowed,
no UPX) so Rebound's trimmed bundle can be compared with what PyInstaller
collects for a bare ``QMainWindow`` with no filtering at all.
"""

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Hello")
    window.setCentralWidget(QLabel("Hello, window"))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
