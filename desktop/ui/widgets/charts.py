"""Charts drawn with QPainter: horizontal bars (a funnel, rates, themes) and stacked
columns (applications by month and stage).

Why not Qt Charts: it ships in PySide6-Addons, which must match PySide6-Essentials
exactly; the registry's newest Addons build is 6.9.3 while Rebound runs on 6.12,
and the wheel is 167 MB for 3.3 MB of charting in the bundle. Two chart shapes
are a few hundred lines of painting.

Colours come from the palette at paint time, so a chart follows the light or dark
scheme as the rest of the window does. The series hues are the Okabe-Ito set,
told apart with the common forms of colour blindness; on a dark scheme they are
lightened. Every value is on hover and on the keyboard (arrows move between
bars; the tooltip says the figure), and ``ChartData.rows`` is the same data as a
table for screen readers (``chart_card``).
"""

from typing import NamedTuple

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

#: Okabe-Ito hues: blue, orange, bluish green, reddish purple, sky, vermilion,
#: yellow, grey.
HUES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
        "#999999")
#: Space around the plot, in pixels.
MARGIN = 8
#: The widest a column is drawn, however few there are.
COLUMN_WIDTH = 48
#: Scale of an exported PNG: crisp on a high-density screen or in a document.
EXPORT_SCALE = 2


class Bar(NamedTuple):
    """One category: its value in each series, the text at its end and on hover."""

    label: str
    values: tuple[float, ...]
    text: str = ""
    tips: tuple[str, ...] = ()


class ChartData(NamedTuple):
    title: str
    bars: tuple[Bar, ...] = ()
    #: Series names, for the legend (one series: no legend).
    series: tuple[str, ...] = ("",)
    #: The same data as a table: headings and rows of text.
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    #: What the chart says when there is nothing to draw.
    empty: str = "Nothing to show yet."
    #: Each series' place in HUES (default: in order), so a stage keeps its colour.
    hues: tuple[int, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(any(bar.values) for bar in self.bars)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def series_colour(index: int, palette: QPalette, hues: tuple[int, ...] = ()) -> QColor:
    hue = hues[index] if index < len(hues) else index
    colour = QColor(HUES[hue % len(HUES)])
    return colour.lighter(125) if is_dark(palette) else colour


class Chart(QWidget):
    """A chart's common parts: data, hover and keyboard focus on one item, the
    tooltip, accessible text and PNG export. Subclasses lay out ``_items``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.data = ChartData("")
        #: (rectangle, bar index, series index) of every drawn item, hit-testing order.
        self._items: list[tuple[QRectF, int, int]] = []
        self.hovered: int | None = None  # index into _items
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.hovered = None
        self.setAccessibleName(data.title)
        self.setAccessibleDescription(self.summary())
        self.updateGeometry()
        self.update()

    def summary(self) -> str:
        """The chart in words: what a screen reader says for it."""
        if self.data.is_empty:
            return self.data.empty
        lines = ["; ".join(f"{heading} {cell}" for heading, cell
                           in zip(self.data.columns, row, strict=False) if cell)
                 for row in self.data.rows]
        return ". ".join(lines)

    def tip(self, item: int) -> str:
        _rect, bar, series = self._items[item]
        tips = self.data.bars[bar].tips
        return tips[series] if series < len(tips) else self.data.bars[bar].text

    # -- painting ----------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRectF(self.rect()))
        if self.hasFocus():
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 1,
                       Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    def paint(self, painter: QPainter, area: QRectF) -> None:
        painter.fillRect(area, self.palette().color(QPalette.ColorRole.Base))
        self._items = []
        if self.data.is_empty:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(area.adjusted(2 * MARGIN, MARGIN, -2 * MARGIN, -MARGIN),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.data.empty)
            return
        self.draw(painter, area.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN))

    def draw(self, painter: QPainter, area: QRectF) -> None:
        raise NotImplementedError

    def add_item(self, painter: QPainter, rect: QRectF, bar: int, series: int) -> None:
        """Fill one bar or segment, marked when it is the one hovered or focused."""
        colour = series_colour(series, self.palette(), self.data.hues)
        if self.hovered == len(self._items):
            colour = colour.lighter(130) if is_dark(self.palette()) else colour.darker(130)
        self._items.append((rect, bar, series))
        painter.fillRect(rect, colour)

    def text_pen(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def legend(self, painter: QPainter, area: QRectF) -> float:
        """Draw the series names across the top; returns the height used."""
        if len(self.data.series) < 2:
            return 0.0
        metrics = QFontMetricsF(self.font())
        x, y, box = area.left(), area.top(), metrics.height() * 0.7
        for index, name in enumerate(self.data.series):
            width = box + 4 + metrics.horizontalAdvance(name) + 14
            if x + width > area.right() and x > area.left():
                x, y = area.left(), y + metrics.height() + 2
            painter.fillRect(QRectF(x, y + (metrics.height() - box) / 2, box, box),
                             series_colour(index, self.palette(), self.data.hues))
            painter.setPen(self.text_pen())
            painter.drawText(QPointF(x + box + 4, y + metrics.ascent()), name)
            x += width
        return y - area.top() + metrics.height() + 6

    # -- hover and keyboard ---------------------------------------------------------
    def _item_at(self, point: QPointF) -> int | None:
        return next((index for index, (rect, _bar, _series) in enumerate(self._items)
                     if rect.contains(point)), None)

    def mouseMoveEvent(self, event) -> None:
        self._show(self._item_at(event.position()), event.globalPosition().toPoint())

    def leaveEvent(self, _event) -> None:
        self._show(None, None)

    def keyPressEvent(self, event) -> None:
        step = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1,
                Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}.get(event.key())
        if step is None or not self._items:
            super().keyPressEvent(event)
            return
        current = -1 if self.hovered is None and step > 0 else (self.hovered or 0)
        item = max(0, min(len(self._items) - 1, current + step))
        centre = self._items[item][0].center().toPoint()
        self._show(item, self.mapToGlobal(centre))

    def focusOutEvent(self, event) -> None:
        self._show(None, None)
        super().focusOutEvent(event)

    def _show(self, item: int | None, at: QPoint | None) -> None:
        if item == self.hovered:
            return
        self.hovered = item
        if item is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(at, self.tip(item), self)
        self.update()

    # -- export ----------------------------------------------------------------------
    def image(self, scale: int = EXPORT_SCALE) -> QImage:
        """The chart as an image at ``scale`` times its size on screen, without the
        focus frame or the hover highlight."""
        size = self.size() if self.isVisible() else self.sizeHint().expandedTo(self.size())
        image = QImage(size * scale, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(scale)
        hovered, self.hovered = self.hovered, None
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        self.hovered = hovered
        return image


class HorizontalBars(Chart):
    """One bar per category, labelled on the left, the value at its end."""

    def row_height(self) -> float:
        return QFontMetricsF(self.font()).height() * 1.9

    def sizeHint(self) -> QSize:
        rows = max(len(self.data.bars), 2)
        extra = QFontMetricsF(self.font()).height() * 1.5 if len(self.data.series) > 1 else 0
        return QSize(360, int(rows * self.row_height() + extra + 2 * MARGIN))

    def draw(self, painter: QPainter, area: QRectF) -> None:
        metrics = QFontMetricsF(self.font())
        area = area.adjusted(0, self.legend(painter, area), 0, 0)
        label_width = min(max(metrics.horizontalAdvance(bar.label) for bar in self.data.bars)
                          + 12, area.width() * 0.4)
        text_width = max(metrics.horizontalAdvance(bar.text) for bar in self.data.bars) + 8
        plot = QRectF(area.left() + label_width, area.top(),
                      max(area.width() - label_width - text_width, 10), area.height())
        top = max((sum(bar.values) for bar in self.data.bars), default=0) or 1
        height = self.row_height()
        for row, bar in enumerate(self.data.bars):
            y = area.top() + row * height
            painter.setPen(self.text_pen())
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 12)
            painter.drawText(QRectF(area.left(), y, label_width - 12, height),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            x = plot.left()
            for series, value in enumerate(bar.values):
                rect = QRectF(x, y + height * 0.18, plot.width() * value / top, height * 0.64)
                self.add_item(painter, rect, row, series)
                x = rect.right()
            painter.setPen(self.text_pen())
            painter.drawText(QRectF(x + 6, y, text_width, height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             bar.text)


class StackedColumns(Chart):
    """One column per category (a month), its series stacked, with a value axis."""

    def sizeHint(self) -> QSize:
        return QSize(420, 260)

    def draw(self, painter: QPainter, area: QRectF) -> None:
        metrics = QFontMetricsF(self.font())
        area = area.adjusted(0, self.legend(painter, area), 0, 0)
        top = max(sum(bar.values) for bar in self.data.bars) or 1
        step = nice_step(top)
        axis_width = metrics.horizontalAdvance(f"{step * 4:,.0f}") + 8
        plot = QRectF(area.left() + axis_width, area.top() + metrics.height() / 2,
                      area.width() - axis_width, area.height() - 1.8 * metrics.height())
        ceiling = step * max(1, -(-top // step))
        grid = QColor(self.text_pen())
        grid.setAlpha(50)
        tick = 0.0
        while tick <= ceiling:
            y = plot.bottom() - plot.height() * tick / ceiling
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(self.text_pen())
            painter.drawText(QRectF(area.left(), y - metrics.height() / 2, axis_width - 6,
                                    metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{tick:,.0f}")
            tick += step
        count = len(self.data.bars)
        slot = plot.width() / count
        widest = max(metrics.horizontalAdvance(bar.label) for bar in self.data.bars) + 8
        every = max(1, int(-(-widest // slot)))  # label every n-th column so none overlap
        for column, bar in enumerate(self.data.bars):
            x = plot.left() + column * slot + slot * 0.15
            y = plot.bottom()
            width = min(slot * 0.7, COLUMN_WIDTH)
            x += (slot * 0.7 - width) / 2
            for series, value in enumerate(bar.values):
                height = plot.height() * value / ceiling
                rect = QRectF(x, y - height, width, height)
                self.add_item(painter, rect, column, series)
                y -= height
            if column % every == 0:
                painter.setPen(self.text_pen())
                painter.drawText(QRectF(plot.left() + column * slot - widest / 2 + slot / 2,
                                        plot.bottom() + 2, widest, metrics.height()),
                                 Qt.AlignmentFlag.AlignCenter, bar.label)


def nice_step(top: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about four gridlines."""
    raw = max(top / 4, 1)
    magnitude = 10 ** (len(str(int(raw))) - 1)
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
