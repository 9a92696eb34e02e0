"""The right-hand pane of a list view: one record's fields, with Save and Revert.

A form knows whether it holds unsaved changes, and never drops them silently:
the list view asks before moving to another row. Subclasses say which editors
they have and which store functions load and save them.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.operations import Changes
from desktop.store.failures import WriteFailed
from desktop.store.validation import ValidationError
from desktop.ui.dialogs.write_failure import tell_not_saved

#: Below this width (pixels) a form puts its labels above the fields.
LABELS_ABOVE_BELOW = 560


class DetailForm(QWidget):
    """Edits one record. ``record_id`` is None for a record not yet saved."""

    saved = Signal(int)
    #: What a save (or an action on the record) changed, for the other views.
    changed = Signal(object)
    dirtyChanged = Signal(bool)
    deleteRequested = Signal()

    #: Shown in the header for a new record, e.g. "New person".
    new_title = "New"
    #: What an empty pane says when nothing is selected.
    empty_text = "Select a row to see its details."

    def __init__(self, parent=None):
        super().__init__(parent)
        self.record_id: int | None = None
        self._dirty = False
        self._editors: dict[str, QWidget] = {}
        self._loaded: dict = {}

        self.header = QLabel(objectName="detailHeader")
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subheader = QLabel(objectName="detailSubheader")
        self.error = QLabel(objectName="formError", wordWrap=True, visible=False)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.extra = QVBoxLayout()  # timelines, linked records: below the fields
        self.extra.setSpacing(12)

        body = QWidget(objectName="detailBody")
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(self.form)
        body_layout.addLayout(self.extra)
        body_layout.addStretch(1)
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take the focus
        # A form scrolls down, never sideways: its fields shrink to the width it has.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self._scroll = scroll

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.revert_button = QPushButton("Revert")
        self.revert_button.setToolTip("Throw away the changes since the last save")
        self.buttons.addButton(self.revert_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.delete_button = QPushButton("Delete…")
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.delete_button.clicked.connect(self.deleteRequested)

        self.placeholder = QLabel(self.empty_text, objectName="emptyDetail")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.header)
        content_layout.addWidget(self.subheader)
        content_layout.addWidget(self.error)
        content_layout.addWidget(scroll, 1)
        content_layout.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.content, 1)
        self.show_empty()

    def resizeEvent(self, event) -> None:
        """Narrower than ``LABELS_ABOVE_BELOW`` the labels go above their fields, so
        the fields keep a useful width instead of being squeezed beside the labels."""
        wrap = (QFormLayout.RowWrapPolicy.WrapAllRows if event.size().width() < LABELS_ABOVE_BELOW
                else QFormLayout.RowWrapPolicy.DontWrapRows)
        if self.form.rowWrapPolicy() != wrap:
            self.form.setRowWrapPolicy(wrap)
        super().resizeEvent(event)

    # For subclasses --------------------------------------------------------

    def add_field(self, name: str, label: str, editor: QWidget) -> QWidget:
        """Put an editor in the form and watch it for changes."""
        self._editors[name] = editor
        editor.setObjectName(f"field_{name}")
        editor.edited.connect(self._on_edited)
        self.form.addRow(label, editor)
        return editor

    def add_section(self, title: str) -> None:
        """A heading between groups of fields."""
        self.form.addRow(QLabel(title, objectName="sectionTitle"))

    def editor(self, name: str) -> QWidget:
        return self._editors[name]

    def load_values(self, record_id: int) -> dict:
        raise NotImplementedError

    def save_values(self, record_id: int | None, values: dict) -> Changes:
        """Write ``values`` through an operation; returns its Changes (``created`` is the
        record's id). May raise ValidationError or WriteFailed."""
        raise NotImplementedError

    def new_values(self) -> dict:
        return {}

    def describe(self, values: dict) -> tuple[str, str]:
        """(header, subheader) for a loaded record."""
        raise NotImplementedError

    def after_load(self) -> None:
        """Refresh what sits below the fields (timeline, linked records)."""

    # State ----------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def showing_record(self) -> bool:
        """True while a record, saved or new, is in the pane."""
        return not self.content.isHidden()

    def values(self) -> dict:
        return {name: editor.value() for name, editor in self._editors.items()}

    def show_empty(self) -> None:
        self.record_id = None
        self._set_dirty(False)
        self.content.hide()
        self.placeholder.show()

    def load(self, record_id: int) -> None:
        values = self.load_values(record_id)
        self.record_id = record_id
        self._show(values)
        header, subheader = self.describe(values)
        self.header.setText(header)
        self.subheader.setText(subheader)
        self.subheader.setVisible(bool(self.subheader.text()))
        self.delete_button.setEnabled(True)
        self.after_load()

    def start_new(self) -> None:
        self.record_id = None
        self._show(self.new_values())
        self.header.setText(self.new_title)
        self.subheader.hide()
        self.delete_button.setEnabled(False)
        self.after_load()
        self.save_button.setEnabled(True)
        self.focus_first()

    def _show(self, values: dict) -> None:
        for name, editor in self._editors.items():
            editor.set_value(values.get(name))
        self._loaded = self.values()
        self._clear_error()
        self._set_dirty(False)
        self.placeholder.hide()
        self.content.show()

    def focus_first(self) -> None:
        if self._editors:
            next(iter(self._editors.values())).setFocus(Qt.FocusReason.OtherFocusReason)

    # Actions ----------------------------------------------------------------

    def save(self) -> bool:
        """Save the form; on a validation error, point at the field and keep the text.

        When the disk refuses the write (full, read-only, locked too long) the form
        says so, keeps every edit and offers to try again.
        """
        if not self.showing_record:
            return True
        for name, editor in self._editors.items():
            if problem := getattr(editor, "problem", ""):  # e.g. a date that is not one
                self._show_error(ValidationError(name, problem))
                return False
        try:
            changes = self.save_values(self.record_id, self.values())
        except ValidationError as exc:
            self._show_error(exc)
            return False
        except WriteFailed as exc:
            self._clear_error()
            self.error.setText(exc.message)
            self.error.show()
            if tell_not_saved(self, exc, can_retry=True):
                return self.save()
            return False
        record_id = changes.created if changes.created is not None else self.record_id
        self.load(record_id)
        self.saved.emit(record_id)
        self.changed.emit(changes)
        return True

    def revert(self) -> None:
        if self.record_id is None:
            self._show(self.new_values())
        else:
            self.load(self.record_id)

    def _on_edited(self) -> None:
        self._set_dirty(self.values() != self._loaded)

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty or self.record_id is None)
        self.revert_button.setEnabled(dirty)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def scroll_to(self, widget: QWidget) -> None:
        """Bring a part of the form (a list below the fields) into sight."""
        self._scroll.ensureWidgetVisible(widget)

    def _show_error(self, exc: ValidationError) -> None:
        self._clear_error()
        self.error.setText(exc.message)
        self.error.show()
        editor = self._editors.get(exc.field)
        if editor is not None:
            editor.setProperty("invalid", True)
            editor.style().unpolish(editor)
            editor.style().polish(editor)
            editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_error(self) -> None:
        self.error.hide()
        for editor in self._editors.values():
            if editor.property("invalid"):
                editor.setProperty("invalid", False)
                editor.style().unpolish(editor)
                editor.style().polish(editor)
