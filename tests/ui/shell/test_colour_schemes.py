"""Light and dark: text Rebound colours itself stays readable on either background,
and a change of scheme while running is followed."""

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui.views.today import LATE_COLOUR, LATE_COLOUR_ON_DARK, WHEN, late_colour


def contrast(one: QColor, other: QColor) -> float:
    """WCAG contrast ratio of two colours."""
    def luminance(colour: QColor) -> float:
        parts = []
        for value in (colour.redF(), colour.greenF(), colour.blueF()):
            parts.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def dark_palette() -> QPalette:
    """What a dark system scheme gives Qt's Fusion style."""
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"),
                         (QPalette.ColorRole.WindowText, "#eeeeee"),
                         (QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.AlternateBase, "#333333"),
                         (QPalette.ColorRole.Text, "#eeeeee"),
                         (QPalette.ColorRole.PlaceholderText, "#a0a0a0"),
                         (QPalette.ColorRole.Button, "#353535"),
                         (QPalette.ColorRole.ButtonText, "#eeeeee"),
                         (QPalette.ColorRole.Link, "#7cc4ff")):
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):  # greyed out when disabled, as systems do
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f7f7f"))
    return palette


@pytest.fixture
def dark(qapp):
    light = qapp.palette()
    qapp.setPalette(dark_palette())
    yield
    qapp.setPalette(light)


def test_the_late_red_is_lighter_on_a_dark_background():
    assert late_colour(dark_palette()).name() == LATE_COLOUR_ON_DARK
    assert late_colour(QPalette(QColor("#efefef"))).name() == LATE_COLOUR
    assert contrast(QColor(LATE_COLOUR_ON_DARK), QColor("#1e1e1e")) >= 4.5
    assert contrast(QColor(LATE_COLOUR), QColor("#ffffff")) >= 4.5


def today_colours(window):
    today = window.today
    summary = today.summary.palette().color(today.summary.foregroundRole())
    background = today.palette().color(QPalette.ColorRole.Window)
    late = [item.foreground(WHEN).color() for g in range(today.tree.topLevelItemCount())
            for item in [today.tree.topLevelItem(g).child(c)
                         for c in range(today.tree.topLevelItem(g).childCount())]
            if item.text(WHEN).endswith("late")]
    return summary, background, late


def test_todays_quiet_text_and_late_dates_read_in_light_and_dark(sample_window, qapp, dark):
    summary, background, late = today_colours(sample_window)
    assert background.lightness() < 128  # the window took the dark scheme
    assert contrast(summary, background) >= 4.5
    base = sample_window.today.tree.palette().color(QPalette.ColorRole.Base)
    assert late and all(contrast(colour, base) >= 4.5 for colour in late)


def test_switching_scheme_while_running_recolours_today(sample_window, qapp):
    light = qapp.palette()
    try:
        qapp.setPalette(dark_palette())
        QApplication.processEvents()
        _summary, _background, late = today_colours(sample_window)
        assert {colour.name() for colour in late} == {LATE_COLOUR_ON_DARK}
    finally:
        qapp.setPalette(light)
    QApplication.processEvents()
    _summary, _background, late = today_colours(sample_window)
    assert {colour.name() for colour in late} == {LATE_COLOUR}


def test_switching_scheme_while_running_recolours_the_template_headings(sample_window, qapp):
    from desktop.ui.shell.menus import view_row
    from desktop.ui.views.templates import KeyRole

    sample_window.show_view(view_row("Templates"))
    templates = sample_window.current_view().list

    def heading_colours():
        return {templates.item(row).foreground().color().name()
                for row in range(templates.count())
                if templates.item(row).data(KeyRole) is None}

    light = qapp.palette()
    try:
        qapp.setPalette(dark_palette())
        QApplication.processEvents()
        assert heading_colours() == {"#7cc4ff"}  # the dark scheme's link colour
    finally:
        qapp.setPalette(light)
    QApplication.processEvents()
    assert heading_colours() == {light.color(QPalette.ColorRole.Link).name()}
