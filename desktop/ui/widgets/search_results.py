"""The results of "Search everything": a list of group headings and hits, and the
delegate that draws a hit as its title, its facts and the words found, in bold.

The model is fed ``Hit`` rows by the dialog; it runs no query itself.
"""

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from desktop.store.search import MARK_END, MARK_START, Hit
from desktop.ui.widgets.formatting import friendly_date
from desktop.vocabulary import Found

#: The ``Hit`` a row shows (None on a group heading).
HitRole = Qt.ItemDataRole.UserRole + 1
#: True on a group heading.
HeadingRole = Qt.ItemDataRole.UserRole + 2

_PADDING = 6


def plain(snippet: str) -> str:
    """A snippet without its marks, as a screen reader or a tooltip gives it."""
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


def facts(hit: Hit) -> str:
    """"Recruiter · Acme · 2 Nov": the line under a hit's title."""
    parts = [*hit.context]
    if hit.when is not None:
        parts.append(friendly_date(hit.when))
    return " · ".join(parts)


class SearchResultsModel(QAbstractListModel):
    """Headings and hits, in the order ``search_everything`` returns them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        #: Rows: a Found (a heading) or a Hit.
        self._rows: list[Found | Hit] = []

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self._rows = []
        group = None
        for hit in hits:
            if hit.group != group:
                group = hit.group
                self._rows.append(group)
            self._rows.append(hit)
        self.endResetModel()

    def hit_count(self) -> int:
        return sum(isinstance(row, Hit) for row in self._rows)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index):
        if isinstance(self._rows[index.row()], Hit):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled  # a heading is read, never chosen

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == HeadingRole:
            return not isinstance(row, Hit)
        if role == HitRole:
            return row if isinstance(row, Hit) else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if not isinstance(row, Hit):
                return row.label
            return " — ".join(part for part in (row.title, facts(row), plain(row.snippet))
                              if part)
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(row, Hit) and row.snippet:
            return plain(row.snippet)
        return None

    def first_hit_row(self, start: int = 0, step: int = 1) -> int:
        """The first row from ``start`` (going by ``step``) that holds a hit, else -1."""
        row = start
        while 0 <= row < len(self._rows):
            if isinstance(self._rows[row], Hit):
                return row
            row += step
        return -1


class SearchResultDelegate(QStyledItemDelegate):
    """A heading in small bold letters; a hit on two lines, its found words in bold."""

    def sizeHint(self, option, index) -> QSize:
        line = option.fontMetrics.height()
        if index.data(HeadingRole) or not index.data(HitRole).snippet:
            return QSize(200, line + 2 * _PADDING)
        return QSize(200, 2 * line + 2 * _PADDING + 2)

    def paint(self, painter, option, index) -> None:
        painter.save()
        palette = option.palette
        rect = option.rect.adjusted(_PADDING * 2, _PADDING, -_PADDING * 2, -_PADDING)
        if index.data(HeadingRole):
            font = QFont(option.font)
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 0.9)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter,
                             index.data().upper())
            painter.restore()
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, palette.color(QPalette.ColorRole.Highlight))
        text_role = (QPalette.ColorRole.HighlightedText if selected
                     else QPalette.ColorRole.Text)
        quiet_role = text_role if selected else QPalette.ColorRole.PlaceholderText
        hit: Hit = index.data(HitRole)
        line = option.fontMetrics.height()
        bold = QFont(option.font)
        bold.setBold(True)
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        bottom = QRect(rect.left(), rect.top() + line + 2, rect.width(), line)

        painter.setPen(palette.color(text_role))
        painter.setFont(bold)
        title_width = min(QFontMetrics(bold).horizontalAdvance(hit.title), rect.width() * 2 // 3)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft, QFontMetrics(bold).elidedText(
            hit.title, Qt.TextElideMode.ElideRight, title_width))
        painter.setFont(option.font)
        painter.setPen(palette.color(quiet_role))
        rest = top.adjusted(title_width + 3 * _PADDING, 0, 0, 0)
        painter.drawText(rest, Qt.AlignmentFlag.AlignLeft, option.fontMetrics.elidedText(
            facts(hit), Qt.TextElideMode.ElideRight, rest.width()))
        if hit.snippet:
            painter.setPen(palette.color(text_role))
            draw_marked(painter, bottom, hit.snippet, option.font, bold)
        painter.restore()


def draw_marked(painter, rect: QRect, snippet: str, font: QFont, bold: QFont) -> None:
    """Draw ``snippet`` on one line, its marked words in ``bold``, cut with "…" at
    the right edge."""
    x, right = rect.left(), rect.right()
    ellipsis = QFontMetrics(font).horizontalAdvance("…")
    marked = False
    for part in snippet.replace(MARK_END, MARK_START).split(MARK_START):
        run_font = bold if marked else font
        metrics = QFontMetrics(run_font)
        width = metrics.horizontalAdvance(part)
        painter.setFont(run_font)
        if x + width > right:
            room = max(right - x - ellipsis, 0)
            painter.drawText(QRect(x, rect.top(), right - x, rect.height()),
                             Qt.AlignmentFlag.AlignLeft,
                             metrics.elidedText(part, Qt.TextElideMode.ElideRight, room)
                             if room else "…")
            return
        painter.drawText(QRect(x, rect.top(), width + 1, rect.height()),
                         Qt.AlignmentFlag.AlignLeft, part)
        x += width
        marked = not marked
