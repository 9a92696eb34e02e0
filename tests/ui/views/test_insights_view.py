"""The Insights view in the window: its figures are the ones ``rebound insights``
prints, the charts give their numbers on hover and from the keyboard, each has a
table and saves as PNG (or says why not), and the runner-up list opens a company."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QToolTip

from desktop.operations import people
from desktop.playbook.insights import gather
from desktop.store.models import Person
from desktop.ui.shell.menus import view_row
from desktop.ui.views import insights_charts
from desktop.ui.widgets import chart_card
from desktop.ui.widgets.chart_card import TABLE_PAGE
from desktop.vocabulary import Found
from tests.ui.shell.test_colour_schemes import dark_palette


@pytest.fixture
def insights(sample_window, qtbot):
    sample_window.show_view(view_row("Insights"))
    view = sample_window.current_view()
    qtbot.waitUntil(lambda: not view.is_reading(), timeout=5000)
    return view


def _cells(card) -> list[list[str]]:
    model = card.table.model()
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def test_the_figures_are_the_ones_the_command_prints(insights):
    """The sample: Maya at Fernhill answered the thank-you (a reply) and the feedback
    request (a call with the team's lead); Northwind's notes are not sent yet."""
    assert insights.figures == gather()
    assert insights.tiles["sent"].number.text() == "2"
    assert insights.tiles["answered"].number.text() == "100%"
    assert [bar.text for bar in insights.funnel.chart.data.bars] == [
        "2", "2 (100%)", "2 (100%)", "0 (0%)", "0 (0%)"]  # Maya's call counts for both
    assert _cells(insights.by_kind) == [
        ["Feedback request", "1", "1", "100%", "6.1 days"],
        ["Thank-you note", "1", "1", "100%", "2.3 days"]]
    companies = insights.feedback_companies
    assert companies.topLevelItem(0).text(0) == "Fernhill Studios"
    assert "more hands-on live-ops experience" in companies.topLevelItem(0).child(0).text(0)
    runner_ups = [insights.runner_ups.topLevelItem(row).text(0)
                  for row in range(insights.runner_ups.topLevelItemCount())]
    assert runner_ups == ["Northwind Health — Product Analyst",
                          "Fernhill Studios — Junior Producer"]


def test_a_new_answer_shows_when_insights_is_next_opened(sample_window, insights, qtbot):
    sample_window.show_view(view_row("Today"))
    tom = Person.get(Person.first_name == "Tom").id
    before = insights.figures["doors_kept_open"]
    sample_window.apply_changes(people.log_contact(
        tom, channel="email", direction="incoming", summary="Coffee next week?",
        outcome="conversation"))
    sample_window.show_view(view_row("Insights"))
    qtbot.waitUntil(lambda: not insights.is_reading(), timeout=5000)
    assert insights.figures == gather()
    assert insights.figures["doors_kept_open"] == before + 1
    assert insights.tiles["doors"].number.text() == str(before + 1)


def test_hovering_a_bar_gives_its_number(insights, qtbot):
    chart = insights.funnel.chart
    chart.repaint()
    rect, _bar, _series = chart._items[1]  # "Answered"
    qtbot.mouseMove(chart, rect.center().toPoint())
    qtbot.waitUntil(lambda: chart.hovered == 1)
    assert QToolTip.text() == ("Answered: 2 of 2 notes sent (100%), within 90 days of "
                               "the note")


def test_arrows_walk_the_bars_with_their_numbers(insights, qtbot):
    chart = insights.by_kind.chart
    chart.setFocus()
    chart.repaint()
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert chart.hovered == 0
    assert QToolTip.text().startswith("Feedback request: 1 of 1 answered (100%)")
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert QToolTip.text().startswith("Thank-you note: 1 of 1 answered (100%)")
    assert "Feedback request" in chart.accessibleDescription()


def test_the_table_shows_the_same_figures(insights, qtbot):
    card = insights.months
    assert card.table_button.accessibleName() == "Show “Applications by month” as a table"
    qtbot.mouseClick(card.table_button, Qt.MouseButton.LeftButton)
    assert card.pages.currentIndex() == TABLE_PAGE
    rows = _cells(card)
    heading = [card.table.model().headerData(c, Qt.Orientation.Horizontal)
               for c in range(card.table.model().columnCount())]
    assert heading[0] == "Month" and heading[-1] == "All"
    assert sum(int(row[-1]) for row in rows) == 5  # the sample's five applications


def test_save_png_writes_the_chart(insights, tmp_path, monkeypatch):
    target = tmp_path / "funnel"
    monkeypatch.setattr(chart_card, "choose_png_path", lambda _parent, _suggested: str(target))
    said = []
    insights.statusMessage.connect(said.append)
    insights.funnel.save_button.click()
    image = QImage(str(target) + ".png")
    chart = insights.funnel.chart
    assert (image.width(), image.height()) == (chart.width() * 2, chart.height() * 2)
    assert len({image.pixel(x, y) for x in range(0, image.width(), 5)
                for y in range(0, image.height(), 5)}) > 3  # bars and words, not a blank
    assert said == [f"Saved “What your notes led to” to {target}.png."]


def test_save_png_says_so_when_the_folder_refuses(insights, tmp_path, monkeypatch):
    target = tmp_path / "gone" / "funnel.png"
    monkeypatch.setattr(chart_card, "choose_png_path", lambda _parent, _suggested: str(target))
    said = []
    insights.statusMessage.connect(said.append)
    insights.funnel.save_button.click()
    assert not target.exists()
    assert said and "could not be saved" in said[0] and "Saved" not in said[0]


def test_charts_follow_a_dark_scheme(insights, qapp):
    chart = insights.funnel.chart
    light = chart.image()
    before = qapp.palette()
    try:
        qapp.setPalette(dark_palette())
        qapp.processEvents()
        dark = chart.image()
    finally:
        qapp.setPalette(before)
    assert QColor(light.pixel(2, 2)).lightness() > 200
    assert QColor(dark.pixel(2, 2)).lightness() < 80
    # The labels are drawn in the scheme's text colour: light on dark.
    assert max(QColor(dark.pixel(x, y)).lightness() for x in range(dark.width() // 4)
               for y in range(0, dark.height(), 3)) > 180


def test_enter_on_a_runner_up_opens_the_company(sample_window, insights, qtbot):
    opened = []
    insights.openRequested.connect(lambda kind, record: opened.append((kind, record)))
    runner_ups = insights.runner_ups
    runner_ups.setFocus()
    runner_ups.setCurrentItem(runner_ups.topLevelItem(0))
    qtbot.keyClick(runner_ups, Qt.Key.Key_Return)
    assert opened and opened[0][0] == Found.COMPANY


def test_empty_data_says_what_will_show(window, qtbot):
    window.show_view(view_row("Insights"))
    view = window.current_view()
    qtbot.waitUntil(lambda: not view.is_reading(), timeout=5000)
    assert view.funnel.chart.data.is_empty
    assert view.funnel.chart.accessibleDescription().startswith("No notes sent yet.")
    assert not view.funnel.save_button.isEnabled()
    assert view.runner_ups.topLevelItem(0).text(0).startswith("No runner-up places yet")


def test_a_month_without_applications_keeps_its_place():
    figures = {"applications_by_month": [{"month": "2026-07", "stages": {"Rejected": 1}},
                                         {"month": "2026-10", "stages": {"Applied": 2}}]}
    data = insights_charts.months(figures)
    assert [bar.label for bar in data.bars] == ["Jul", "Aug", "Sep", "Oct"]
    assert [bar.values for bar in data.bars] == [(0, 1), (0, 0), (0, 0), (2, 0)]
    assert data.series == ("Applied", "Rejected")


def test_a_failed_reading_is_said_not_hidden(sample_window, qtbot, monkeypatch):
    from desktop.ui.views import insights as module

    def broken(_since):
        raise OSError("disk I/O error")

    monkeypatch.setattr(module, "details", broken)
    sample_window.show_view(view_row("Insights"))
    view = sample_window.current_view()
    said = []
    view.statusMessage.connect(said.append)
    qtbot.waitUntil(lambda: not view.is_reading(), timeout=5000)
    assert said == ["Feedback and runner-ups could not be read: disk I/O error"]
    assert view.tiles["doors"].number.text() == "—"


def test_a_shorter_period_counts_only_what_happened_in_it(insights, qtbot):
    """Maya's notes went four months ago: the last 30 days have none of them."""
    insights.period.setCurrentIndex(insights.period.findText("Last 30 days"))
    qtbot.waitUntil(lambda: not insights.is_reading(), timeout=5000)
    assert insights.figures == gather(insights.since())
    assert insights.tiles["sent"].number.text() == "0"
    assert insights.funnel.chart.data.is_empty


def test_the_themes_say_they_are_being_read_until_they_are(sample_window, qtbot):
    sample_window.show_view(view_row("Insights"))
    view = sample_window.current_view()
    assert view.themes.title.text() == "Skill gaps you were told about"
    assert view.themes.chart.data.empty == "Reading…"  # before the worker has reported
    qtbot.waitUntil(lambda: not view.is_reading(), timeout=5000)
    assert [bar.label for bar in view.themes.chart.data.bars] == [
        "clinical data standards such as fhir", "sql window functions"]
