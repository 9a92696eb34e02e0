"""Templates: read, change, duplicate and preview the notes Rebound drafts from.

A broken template is explained with its line and field, and the text being
edited is never thrown away: it stays in the editor until it is fixed or reverted.
"""

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.operations import notes
from desktop.operations.changes import Record
from desktop.playbook import catalog, templates
from desktop.playbook.context import build_context
from desktop.playbook.kinds import StepKind
from desktop.playbook.templates import TemplateProblem
from desktop.store import people
from desktop.store.applications import applications_for_person
from desktop.ui.shell.change_hub import hub
from desktop.ui.shell.view import View
from desktop.ui.widgets.fields import wrapping

#: Pause after typing before the preview renders again.
PREVIEW_DELAY_MS = 250

KeyRole = Qt.ItemDataRole.UserRole + 30


class TemplatesView(View):
    name = "templates"
    shows = frozenset({Record.TEMPLATE, Record.SETTINGS})

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("templatesView")
        self.template = None
        self._loaded: tuple[str, str, str, str] = ("", "", "", "")

        self.list = wrapping(QListWidget(objectName="templateList"))
        self.list.currentItemChanged.connect(self._on_current_changed)

        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.name_line = QLineEdit(objectName="templateName")
        self.description = QLineEdit(objectName="templateDescription")
        self.kind_label = QLabel()
        self.subject = QLineEdit(objectName="templateSubject")
        self.subject.setFont(mono)
        self.body = QPlainTextEdit(objectName="templateBody")
        self.body.setFont(mono)
        self.body.setTabChangesFocus(True)
        for line in (self.name_line, self.description, self.subject):
            line.textEdited.connect(self._on_edited)
        self.body.textChanged.connect(self._on_edited)
        self.error = QLabel(objectName="formError", wordWrap=True)
        self.error.hide()

        self.save_button = QPushButton("Save", objectName="saveTemplate")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Revert")
        self.revert_button.clicked.connect(self.revert)
        self.duplicate_button = QPushButton("Duplicate", objectName="duplicateTemplate")
        self.duplicate_button.clicked.connect(self.duplicate)
        self.reset_button = QPushButton("Reset to original", objectName="resetTemplate")
        self.reset_button.clicked.connect(self.reset)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.revert_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.duplicate_button, self.reset_button):
            buttons.addWidget(button)

        form = QFormLayout()
        form.addRow("Name", self.name_line)
        form.addRow("Use it", self.description)
        form.addRow("For", self.kind_label)
        form.addRow("Subject", self.subject)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.body, 1)
        editor_layout.addWidget(self.error)
        editor_layout.addLayout(buttons)

        self.preview_person = QComboBox(objectName="previewPerson")
        self.preview_application = QComboBox(objectName="previewApplication")
        self.preview_person.currentIndexChanged.connect(self._on_person_changed)
        self.preview_application.currentIndexChanged.connect(self.update_preview)
        self.preview = QPlainTextEdit(readOnly=True, objectName="templatePreview")
        fields = "\n".join(f"{name} — {about}" for name, about in templates.FIELDS)
        help_label = QLabel("Fields you can use: write them as {{ person.first_name }}.",
                            wordWrap=True)
        help_label.setToolTip(fields)
        self.fields = QPlainTextEdit(fields, readOnly=True, objectName="templateFields")
        self.fields.setMaximumHeight(130)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        pickers = QFormLayout()
        pickers.addRow("Preview for", self.preview_person)
        pickers.addRow("Application", self.preview_application)
        preview_layout.addLayout(pickers)
        preview_layout.addWidget(self.preview, 1)
        preview_layout.addWidget(help_label)
        preview_layout.addWidget(self.fields)

        splitter = QSplitter(Qt.Orientation.Horizontal, childrenCollapsible=False)
        splitter.addWidget(self.list)
        splitter.addWidget(editor)
        splitter.addWidget(preview_box)
        splitter.setSizes([270, 460, 380])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self.reload()

    # Loading ----------------------------------------------------------------

    def main_widget(self):
        return self.list

    def reload(self) -> None:
        keep = self.template.key if self.template else None
        self._fill_list(keep)
        self._fill_people()

    def _colour_headings(self) -> None:
        """Headings in the palette's link colour: set again when the scheme changes,
        as an item keeps the colour it was given."""
        colour = self.palette().color(QPalette.ColorRole.Link)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(KeyRole) is None:
                item.setForeground(colour)

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._colour_headings()
        super().changeEvent(event)

    def _fill_list(self, select_key: str | None) -> None:
        """Templates grouped under a heading for each kind of step."""
        self.list.blockSignals(True)
        self.list.clear()
        every = catalog.all_templates()
        chosen = fallback = None
        for kind in StepKind:
            heading = QListWidgetItem(kind.label)
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            self.list.addItem(heading)
            for template in (t for t in every if t.kind == kind):
                mark = ""
                if not template.builtin:
                    mark = "  (yours)"
                elif catalog.is_changed_builtin(template.key):
                    mark = "  (changed)"
                item = QListWidgetItem(f"   {template.name}{mark}")
                item.setData(KeyRole, template.key)
                item.setToolTip(template.description)
                self.list.addItem(item)
                fallback = fallback or item
                if template.key == select_key:
                    chosen = item
        self.list.blockSignals(False)
        self._colour_headings()
        target = chosen or fallback
        if target is not None:
            self.list.setCurrentItem(target)
            self._show(catalog.get_template(target.data(KeyRole)))

    def _fill_people(self) -> None:
        self.preview_person.blockSignals(True)
        current = self.preview_person.currentData()
        self.preview_person.clear()
        self.preview_person.addItem("An example person", None)
        for match in people.search_people("", limit=200):
            label = " — ".join(p for p in (match.name, match.company) if p)
            self.preview_person.addItem(label, match.id)
        index = self.preview_person.findData(current)
        self.preview_person.setCurrentIndex(max(index, 0))
        self.preview_person.blockSignals(False)
        self._on_person_changed()

    def _on_person_changed(self, *_args) -> None:
        self.preview_application.blockSignals(True)
        self.preview_application.clear()
        person_id = self.preview_person.currentData()
        if person_id is None:
            self.preview_application.addItem("Their application", None)
        else:
            for app_id, label in applications_for_person(person_id):
                self.preview_application.addItem(label, app_id)
            if not self.preview_application.count():
                self.preview_application.addItem("No application", None)
        self.preview_application.blockSignals(False)
        self.update_preview()

    def _show(self, template) -> None:
        self.template = template
        for line, text in ((self.name_line, template.name),
                           (self.description, template.description),
                           (self.subject, template.subject)):
            line.setText(text)
            line.setCursorPosition(0)  # a long line reads from its start, not its end
        self.kind_label.setText(template.kind.label)
        self.body.blockSignals(True)
        self.body.setPlainText(template.body)
        self.body.blockSignals(False)
        self._loaded = self._values()
        self.error.hide()
        self.reset_button.setText("Reset to original" if template.builtin else "Delete")
        self.reset_button.setEnabled(not template.builtin
                                     or catalog.is_changed_builtin(template.key))
        self._update_dirty()
        self.update_preview()

    def _values(self) -> tuple[str, str, str, str]:
        return (self.name_line.text(), self.description.text(), self.subject.text(),
                self.body.toPlainText())

    # Editing ----------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        return self.template is not None and self._values() != self._loaded

    def _on_edited(self) -> None:
        self._update_dirty()
        self._preview_timer.start()

    def _update_dirty(self) -> None:
        dirty = self.has_unsaved_changes()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.dirtyChanged.emit(dirty)

    def _on_current_changed(self, current, previous) -> None:
        if current is None:
            return
        if not self.confirm_leave():
            self.list.blockSignals(True)
            self.list.setCurrentItem(previous)
            self.list.blockSignals(False)
            return
        self._show(catalog.get_template(current.data(KeyRole)))

    def confirm_leave(self) -> bool:
        if not self.has_unsaved_changes():
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes", f"Save your changes to “{self.template.name}”?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.revert()
            return True
        return False

    def save(self) -> bool:
        """Save if it renders; otherwise explain, and keep the text in the editor."""
        if self.template is None:
            return True
        name, description, subject, body = self._values()
        try:
            changes = hub().run(notes.save_template, self.template, name, description,
                                subject, body, source=self, parent=self)
        except TemplateProblem as problem:
            self._show_problem(problem)
            return False
        except ValueError as exc:  # e.g. an empty name
            self.error.setText(str(exc))
            self.error.show()
            return False
        if changes is None:
            return False
        key = self.template.key
        self._loaded = self._values()
        self._fill_list(key)
        return True

    def revert(self) -> None:
        if self.template is not None:
            self._show(catalog.get_template(self.template.key))

    def duplicate(self) -> None:
        if self.template is None or not self.confirm_leave():
            return
        changes = hub().run(notes.duplicate_template, self.template, source=self, parent=self)
        if changes is None:
            return
        self._fill_list(changes.detail.key)
        self.name_line.setFocus()
        self.name_line.selectAll()

    def reset(self) -> None:
        if self.template is None:
            return
        what = ("put back the original words of" if self.template.builtin else "delete")
        answer = QMessageBox.question(self, "Templates",
                                      f"This will {what} “{self.template.name}”. Go ahead?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        key = self.template.key
        builtin = self.template.builtin
        if hub().run(notes.reset_template, key, source=self, parent=self) is None:
            return
        self._loaded = ("", "", "", "")
        self.template = None
        self._fill_list(key if builtin else None)

    # Preview ----------------------------------------------------------------

    def update_preview(self) -> None:
        if self.template is None:
            return
        subject, body = self.subject.text(), self.body.toPlainText()
        person_id = self.preview_person.currentData()
        try:
            if person_id is None:
                rendered = templates.render_text(subject, body, templates.sample_context())
            else:
                context = build_context(person_id, self.preview_application.currentData())
                rendered = templates.render_text(subject, body, context)
        except TemplateProblem as problem:
            self._show_problem(problem)
            return
        self.error.hide()
        self.body.setExtraSelections([])
        self.preview.setPlainText(f"Subject: {rendered.subject}\n\n{rendered.body}")

    def _show_problem(self, problem: TemplateProblem) -> None:
        where = f"Line {problem.line} of the {problem.part}: " if problem.line else ""
        self.error.setText(where + problem.explanation)
        if problem.line and problem.part == "body":
            self._mark_line(problem.line)
        self.error.show()
        self.preview.setPlainText("The preview appears when the template works again.")

    def _mark_line(self, line: int) -> None:
        """Tint the line the problem is on, without moving the user's cursor."""
        block = self.body.document().findBlockByNumber(line - 1)
        if not block.isValid():
            return
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(QColor(192, 57, 43, 40))
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = QTextCursor(block)
        self.body.setExtraSelections([selection])

    def save_state(self, settings) -> None:
        settings.setValue("templates/splitter", self.splitter.saveState())

    def restore_state(self, settings) -> None:
        state = settings.value("templates/splitter")
        if state is not None:
            self.splitter.restoreState(state)
