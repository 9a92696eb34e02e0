"""Rebound's style sheets, each set on the widgets it styles rather than app-wide.

An application-wide style sheet sends every widget, including every message box
and the whole first frame, through QStyleSheetStyle, for a look that only the
sidebar and the detail views use (its cost is in the README, "Performance").
So the sidebar carries its own small sheet, Today is styled in code (``today``,
keeping ``boot``'s rule 3), and every other view and the windows
opened from the main window get ``rebound.qss`` when they are built; the
dialogs they open inherit it from them.
"""

from functools import cache

from PySide6.QtWidgets import QWidget

from desktop.paths import resource_path

#: The sheet of the detail views, the composer and the dialogs.
VIEWS_SHEET = "rebound"
#: The sheet of the sidebar.
NAVIGATION_SHEET = "navigation"


@cache
def style_sheet(name: str) -> str:
    """The text of ``resources/styles/<name>.qss``; read once per run."""
    return resource_path("styles", f"{name}.qss").read_text(encoding="utf-8")


def apply_style(widget: QWidget, name: str = VIEWS_SHEET) -> None:
    widget.setStyleSheet(style_sheet(name))


def restyle(root: QWidget) -> None:
    """Apply again the sheets of ``root`` and the widgets in it, after the colours
    changed (a light or dark scheme): the sheets name palette roles, which are read
    when a sheet is applied."""
    for widget in (root, *root.findChildren(QWidget)):
        if sheet := widget.styleSheet():
            widget.setStyleSheet(sheet)
