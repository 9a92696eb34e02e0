"""A chart with its title, the same figures as a table, and Save as PNG.

The table is the chart for whoever cannot see it, or wants the exact numbers: a
real QTableView, read by screen readers and copied with Ctrl+C like any other.
"""

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
)

from desktop.ui.widgets.charts import Chart, ChartData

#: Pages of the card.
CHART_PAGE, TABLE_PAGE = range(2)
_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def choose_png_path(parent, suggested: Path) -> str:
    """Ask where to save a chart (a seam for tests)."""
    path, _filter = QFileDialog.getSaveFileName(parent, "Save chart as PNG", str(suggested),
                                                "PNG image (*.png)")
    return path


def _pictures() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return Path(folder) if folder else Path.home()


def file_name(title: str) -> str:
    """"Follow-up funnel" → "rebound-follow-up-funnel.png"."""
    words = "".join(ch.lower() if ch.isalnum() else " " for ch in title).split()
    return "-".join(["rebound", *words]) + ".png"


class ChartCard(QFrame):
    #: What happened to a save, for the status bar: the words to show.
    saved = Signal(str)

    def __init__(self, chart: Chart, parent=None):
        super().__init__(parent, objectName="chartCard")
        self.chart = chart
        self.title = QLabel(objectName="sectionTitle")
        self.table = QTableView(objectName="chartTable")
        self.table.setModel(QStandardItemModel(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table_button = QToolButton(text="Table", checkable=True, objectName="showTable")
        self.table_button.setToolTip("Show the figures as a table")
        self.table_button.toggled.connect(self.show_table)
        self.save_button = QToolButton(text="Save PNG…", objectName="savePng")
        self.save_button.setToolTip("Save this chart as a PNG image")
        self.save_button.clicked.connect(self.save_png)
        self.pages = QStackedWidget()
        self.pages.addWidget(chart)
        self.pages.addWidget(self.table)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.table_button)
        header.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.addLayout(header)
        layout.addWidget(self.pages)
        layout.addStretch(1)  # beside a taller card, stay at the top

    def set_data(self, data: ChartData) -> None:
        self.title.setText(data.title)
        # Each card's buttons read the same on screen; a screen reader says whose.
        self.table_button.setAccessibleName(f"Show “{data.title}” as a table")
        self.save_button.setAccessibleName(f"Save “{data.title}” as a PNG image")
        self.chart.set_data(data)
        model = self.table.model()
        model.clear()
        model.setHorizontalHeaderLabels(list(data.columns))
        for row in data.rows:
            items = [QStandardItem(cell) for cell in row]
            for item in items[1:]:
                item.setTextAlignment(_NUMBER)
            model.appendRow(items)
        self.save_button.setEnabled(not data.is_empty)
        self._fit_pages()

    def show_table(self, shown: bool) -> None:
        self.pages.setCurrentIndex(TABLE_PAGE if shown else CHART_PAGE)
        self.table_button.setToolTip("Show the chart" if shown else
                                     "Show the figures as a table")
        self._fit_pages()

    def _fit_pages(self) -> None:
        rows = self.table.model().rowCount()
        table_height = (self.table.horizontalHeader().sizeHint().height()
                        + rows * self.table.verticalHeader().defaultSectionSize() + 4)
        height = (min(table_height, 320) if self.pages.currentIndex() == TABLE_PAGE
                  else self.chart.sizeHint().height())
        self.pages.setFixedHeight(height)

    def save_png(self) -> None:
        title = self.title.text()
        path = choose_png_path(self.window(), _pictures() / file_name(title))
        if not path:
            return
        if not path.lower().endswith(".png"):
            path += ".png"
        if self.chart.image().save(path, "PNG"):
            self.saved.emit(f"Saved “{title}” to {path}.")
        else:
            self.saved.emit(f"“{title}” could not be saved to {path}: the folder may not "
                            "exist or may not accept new files.")
