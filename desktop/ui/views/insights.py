"""Insights: what the follow-ups led to, what feedback requests yielded, how quickly
people answer, the applications month by month, and the runner-up radar.

The headline figures (funnel, rates, months) are read from indexes as the view
opens; the lists that read the applications and contacts themselves (feedback,
themes, doors kept open, runner-ups) follow from a worker thread, so the view
opens at once at any size. Every figure is ``playbook.insights``'s, the same
``rebound insights --json`` prints.
"""

import datetime

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import local_today
from desktop.operations.changes import Record
from desktop.playbook.insights import BEGINNING, details, headline
from desktop.store.connection import close_thread_connection
from desktop.ui.shell.view import View
from desktop.ui.startup import background
from desktop.ui.views import insights_charts as charts
from desktop.ui.widgets.chart_card import ChartCard
from desktop.ui.widgets.charts import HorizontalBars, StackedColumns
from desktop.ui.widgets.formatting import percent
from desktop.ui.widgets.insight_lists import FeedbackByCompany, FeedbackByRecruiter, RunnerUps

#: The periods offered: (label, days back; None for all time).
PERIODS = (("All time", None), ("Last 12 months", 365), ("Last 3 months", 91),
           ("Last 30 days", 30))
_SETTING = "insights/period"


def details_on_worker(since: datetime.date) -> dict:
    """``details`` on a pool thread, which then lets go of its own connection."""
    try:
        return details(since)
    finally:
        close_thread_connection()


class Tile(QFrame):
    """One headline figure: a large number and what it counts."""

    def __init__(self, caption: str, parent=None):
        super().__init__(parent, objectName="insightTile")
        self.number = QLabel("—", objectName="tileNumber")
        self.caption = QLabel(caption, objectName="tileCaption", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)

    def set(self, number: str, caption: str | None = None) -> None:
        self.number.setText(number)
        if caption is not None:
            self.caption.setText(caption)
        self.setAccessibleName(f"{number} {self.caption.text()}")


def _titled(title: str, widget: QWidget, note: str = "") -> QFrame:
    frame = QFrame(objectName="chartCard")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(10, 8, 10, 10)
    layout.addWidget(QLabel(title, objectName="sectionTitle"))
    if note:
        layout.addWidget(QLabel(note, wordWrap=True, objectName="hint"))
    layout.addWidget(widget)
    return frame


class InsightsView(View):
    name = "insights"
    shows = frozenset({Record.STEP, Record.CONTACT, Record.APPLICATION, Record.PERSON,
                       Record.COMPANY})

    def __init__(self, parent=None):
        super().__init__(parent)
        self.figures: dict = {}
        #: Readings of the lists under way; each kept until it reports (a job whose
        #: last reference went would lose its signals mid-run).
        self._jobs: set[background.Job] = set()
        #: Bumped at each reading: details of an older reading are dropped.
        self._reading = 0
        self.period = QComboBox(objectName="insightsPeriod")
        for label, days in PERIODS:
            self.period.addItem(label, days)
        self.period.currentIndexChanged.connect(lambda _index: self.reload())
        self.status = QLabel(objectName="hint")

        self.tiles = {key: Tile(caption) for key, caption in (
            ("sent", "notes sent"), ("answered", "answered within 90 days"),
            ("thanks", "thank-yous sent within a day"), ("doors", "doors kept open"),
            ("offers", "offers after a note"))}
        self.funnel = ChartCard(HorizontalBars())
        self.by_kind = ChartCard(HorizontalBars())
        self.by_role = ChartCard(HorizontalBars())
        self.months = ChartCard(StackedColumns())
        self.themes = ChartCard(HorizontalBars())
        self.cards = (self.funnel, self.by_kind, self.by_role, self.months, self.themes)
        for card in self.cards:
            card.saved.connect(self.statusMessage)
        self.feedback_companies = FeedbackByCompany(objectName="feedbackByCompany")
        self.feedback_recruiters = FeedbackByRecruiter(objectName="feedbackByRecruiter")
        self.runner_ups = RunnerUps(objectName="runnerUps")
        self.runner_ups.openRequested.connect(self.openRequested)

        content = QWidget(objectName="insightsPage")
        grid = QGridLayout(content)
        grid.setContentsMargins(16, 12, 16, 16)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(14)
        top = QHBoxLayout()
        top.addWidget(QLabel("Insights", objectName="viewTitle"))
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(QLabel("Period:"))
        top.addWidget(self.period)
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        grid.addLayout(top, 0, 0, 1, 2)
        grid.addLayout(tiles, 1, 0, 1, 2)
        grid.addWidget(self.funnel, 2, 0)
        grid.addWidget(self.by_kind, 2, 1)
        grid.addWidget(self.months, 3, 0, 1, 2)
        grid.addWidget(_titled(
            "Runner-up radar", self.runner_ups,
            "Where you reached the last rounds: these teams already know you. Enter opens "
            "the company."), 4, 0, 1, 2)
        grid.addWidget(self.by_role, 5, 0)
        grid.addWidget(self.themes, 5, 1)
        grid.addWidget(_titled("Feedback, by company", self.feedback_companies,
                               "The first answer to each request, newest first."), 6, 0)
        grid.addWidget(_titled("Feedback, by recruiter", self.feedback_recruiters), 6, 1)
        grid.setRowStretch(7, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.reload()

    def since(self) -> datetime.date:
        days = self.period.currentData()
        return BEGINNING if days is None else local_today() - datetime.timedelta(days=days)

    def reload(self) -> None:
        """Draw the headline figures now; the lists follow from a worker thread."""
        since = self.since()
        self._reading += 1
        self.figures = headline(since)
        self._show_headline()
        self.status.setText("Reading feedback and runner-ups…")
        reading = self._reading
        job = background.Job("insights", lambda: details_on_worker(since))
        job.signals.finished.connect(lambda more: self._show_details(job, reading, more))
        job.signals.failed.connect(lambda exc: self._details_failed(job, reading, exc))
        self._jobs.add(job)
        # Once the headline is drawn: a worker started now would hold Python's lock
        # while the charts paint.
        QTimer.singleShot(0, lambda: background.start(job))

    def _show_headline(self) -> None:
        figures = self.figures
        total = figures["funnel"]["total"]
        self.tiles["sent"].set(charts.count(total["sent"]))
        self.tiles["answered"].set(percent(total["replied"], total["sent"]),
                                   f"answered within {figures['answer_window_days']} days "
                                   f"({charts.count(total['replied'])})")
        self.tiles["offers"].set(charts.count(total["offers"]))
        for later in ("thanks", "doors"):
            self.tiles[later].set("…")
        self.funnel.set_data(charts.funnel(figures))
        self.by_kind.set_data(charts.responses(figures, "by_kind"))
        self.by_role.set_data(charts.responses(figures, "by_role"))
        self.months.set_data(charts.months(figures))
        self.themes.set_data(charts.themes(figures))

    def _show_details(self, job: background.Job, reading: int, more: dict) -> None:
        self._jobs.discard(job)
        if reading != self._reading:
            return  # the period changed since: a newer reading is on its way
        self.figures["feedback"].update(more["feedback"])
        self.figures.update({key: value for key, value in more.items() if key != "feedback"})
        thanks = more["thank_you_within_a_day"]
        self.tiles["thanks"].set(percent(thanks["within_a_day"], thanks["sent"]))
        self.tiles["doors"].set(charts.count(more["doors_kept_open"]))
        self.themes.set_data(charts.themes(self.figures))
        self.feedback_companies.set_rows(more["feedback"]["by_company"])
        self.feedback_recruiters.set_rows(more["feedback"]["by_recruiter"])
        self.runner_ups.set_rows(more["runner_ups"])
        self.status.setText("")

    def _details_failed(self, job: background.Job, reading: int, exc: BaseException) -> None:
        self._jobs.discard(job)
        if reading == self._reading:
            self.status.setText("")
            for later in ("thanks", "doors"):
                self.tiles[later].set("—")
            self.statusMessage.emit(f"Feedback and runner-ups could not be read: {exc}")

    def is_reading(self) -> bool:
        return bool(self._jobs)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(_SETTING, self.period.currentIndex())

    def restore_state(self, settings: QSettings) -> None:
        index = int(settings.value(_SETTING, 0) or 0)
        if 0 <= index < self.period.count() and index != self.period.currentIndex():
            self.period.setCurrentIndex(index)
