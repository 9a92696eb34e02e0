"""The import wizard: pick (or drop) a contacts file, check how it will be read,
choose what happens to people already in Rebound, and import in one go.

Nothing is written until the last page; cancelling the import part-way leaves
the database exactly as it was (the import is one transaction). The import runs on
a worker thread (``LongWork``), so the window keeps painting and Stop answers at once.
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop.exchange import import_contacts as importer
from desktop.exchange.formats import IMPORT_FORMAT_LABELS
from desktop.exchange.import_contacts import DuplicatePolicy, ImportCancelled, ImportRefused
from desktop.exchange.importers.mapping import FIELD_LABELS as MAPPING_LABELS
from desktop.operations import data
from desktop.store.failures import WriteFailed
from desktop.ui.shell.change_hub import hub
from desktop.ui.shell.long_work import LongWork
from desktop.ui.shell.style import apply_style

#: The fields a person is stored with: the preview's columns.
STORED_FIELDS = {field: label for field, label in MAPPING_LABELS.items()
                 if field != "full_name"}
PREVIEW_ROWS = 20


class ChooseFilePage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Choose a contacts file")
        self.setSubTitle("LinkedIn's Connections.csv, a Google, Apple or Outlook export, a vCard "
                         "file, or any spreadsheet saved as CSV. You can also drop a file on "
                         "Rebound's window.")
        self.path = QLineEdit(objectName="importPath")
        self.path.setPlaceholderText("Choose a file…")
        self.path.textChanged.connect(self._on_path)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self.browse)
        self.detected = QLabel(objectName="detectedFormat", wordWrap=True)
        self.error = QLabel(objectName="formError", wordWrap=True)
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.detected)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Choose a contacts file", str(Path.home()),
            "Contacts (*.csv *.vcf *.vcard *.json *.txt);;All files (*)")
        if chosen:
            self.path.setText(chosen)

    def _on_path(self, text: str) -> None:
        self.wizard_.load(Path(text.strip()) if text.strip() else None)
        self.completeChanged.emit()

    def show_result(self) -> None:
        preview, problem = self.wizard_.preview, self.wizard_.problem
        self.error.setVisible(bool(problem))
        self.error.setText(problem or "")
        label = IMPORT_FORMAT_LABELS.get(preview.format, preview.format) if preview else ""
        self.detected.setText(f"Looks like: {label}" if preview else "")

    def isComplete(self) -> bool:
        return self.wizard_.preview is not None


class PreviewPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Check how the file will be read")
        self.setSubTitle("The first rows as Rebound will store them. Rows that cannot be used "
                         "are listed with the reason; the others still go in.")
        self.mapping_box = QGroupBox("Which column fills which field")
        self.mapping_grid = QGridLayout(self.mapping_box)
        self.combos: dict[str, QComboBox] = {}
        self.columns_toggle = QToolButton(text="Change how the columns are read",
                                          checkable=True, objectName="columnsToggle")
        self.columns_toggle.toggled.connect(self.mapping_box.setVisible)
        self.table = QTableWidget(objectName="importPreview")
        self.table.setMinimumHeight(220)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        duplicates = QGroupBox("People already in Rebound (same e-mail, LinkedIn profile, or "
                               "name and company)")
        self.policy = QButtonGroup(self)
        policy_layout = QVBoxLayout(duplicates)
        for text, policy in (("Skip them", DuplicatePolicy.SKIP),
                             ("Fill in what is missing (never overwrite)",
                              DuplicatePolicy.UPDATE),
                             ("Import them as new people", DuplicatePolicy.NEW)):
            button = QRadioButton(text)
            button.setProperty("policy", policy.value)
            self.policy.addButton(button)
            policy_layout.addWidget(button)
        self.policy.buttons()[1].setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.columns_toggle)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(duplicates)

    def initializePage(self) -> None:
        self._build_mapping()
        self.fill_table()

    def chosen_policy(self) -> DuplicatePolicy:
        return DuplicatePolicy(self.policy.checkedButton().property("policy"))

    def _build_mapping(self) -> None:
        """Two pairs of label and column per row. Known exports (LinkedIn, Google,
        Outlook) are read correctly already, so their columns start folded away."""
        while self.mapping_grid.count():
            self.mapping_grid.takeAt(0).widget().deleteLater()
        self.combos.clear()
        preview = self.wizard_.preview
        has_columns = bool(preview.header)
        self.columns_toggle.setVisible(has_columns)
        self.columns_toggle.setChecked(has_columns and preview.format == "csv")
        self.mapping_box.setVisible(self.columns_toggle.isChecked())
        for index, (field, label) in enumerate(MAPPING_LABELS.items()):
            combo = QComboBox()
            combo.addItem("(not in the file)", "")
            for column in preview.header:
                combo.addItem(column, column)
            combo.setCurrentIndex(max(combo.findData(preview.mapping.get(field, "")), 0))
            combo.currentIndexChanged.connect(self._on_mapping_changed)
            self.combos[field] = combo
            row, pair = divmod(index, 2)
            self.mapping_grid.addWidget(QLabel(label), row, pair * 2)
            self.mapping_grid.addWidget(combo, row, pair * 2 + 1)

    def _on_mapping_changed(self) -> None:
        mapping = {field: combo.currentData() for field, combo in self.combos.items()
                   if combo.currentData()}
        self.wizard_.load(self.wizard_.path, mapping)
        self.fill_table()

    def fill_table(self) -> None:
        preview = self.wizard_.preview
        columns = ["Line", *STORED_FIELDS.values()]
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        rows = preview.rows if preview else []
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(str(row.line)))
            if isinstance(row, importer.Rejected):
                item = QTableWidgetItem(f"Will not be imported: {row.reason}")
                item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(r, 1, item)
                self.table.setSpan(r, 1, 1, len(STORED_FIELDS))
                continue
            for c, field in enumerate(STORED_FIELDS, start=1):
                self.table.setItem(r, c, QTableWidgetItem(getattr(row, field)))
        self.table.resizeColumnsToContents()
        if self.wizard_.problem:
            self.setSubTitle(self.wizard_.problem)


class ImportPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Import")
        self.progress = QProgressBar(objectName="importProgress")
        self.summary = QLabel(objectName="importSummary", wordWrap=True)
        self.report_title = QLabel("Rows not imported or shortened, by line in the file:")
        self.report = QPlainTextEdit(readOnly=True, objectName="importReport")
        self.save_report = QPushButton("Save this list…")
        self.save_report.clicked.connect(self.save)
        self.cancel_import = QPushButton("Stop")
        self.cancel_import.clicked.connect(self.wizard_.stop)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_import)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.report_title)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.save_report)
        layout.addStretch(0)  # keeps the summary at the top when there is no list
        self._done = False

    def initializePage(self) -> None:
        self._done = False
        self.report.clear()
        for widget in (self.report_title, self.report, self.save_report):
            widget.hide()
        self.summary.setText("Importing…")
        self.cancel_import.show()
        self.wizard_.run_import(self)

    def isComplete(self) -> bool:
        return self._done

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, done, 1))
        self.progress.setValue(done)

    def finish(self, text: str, rejected: list) -> None:
        self._done = True
        self.cancel_import.hide()
        self.summary.setText(text)
        lines = [f"line {row.line}: {row.reason}" for row in rejected]
        self.report.setPlainText("\n".join(lines))
        for widget in (self.report_title, self.report, self.save_report):
            widget.setVisible(bool(lines))
        self.completeChanged.emit()

    def save(self) -> None:
        target, _filter = QFileDialog.getSaveFileName(
            self, "Save the list of rows not imported or shortened",
            str(Path.home() / "rebound-import-report.txt"), "Text (*.txt)")
        if target:
            Path(target).write_text(self.report.toPlainText() + "\n", encoding="utf-8")


class ImportWizard(QWizard):
    """Import contacts from ``path`` (optional: the file dropped on the window)."""

    def __init__(self, path: Path | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Import contacts")
        self.setObjectName("importWizard")
        apply_style(self)
        self.path: Path | None = None
        self.mapping: dict[str, str] | None = None
        self.preview = None
        self.problem = ""
        self.result = None
        #: The import while it runs.
        self.work: LongWork | None = None
        self.choose_page = ChooseFilePage(self)
        self.preview_page = PreviewPage(self)
        self.import_page = ImportPage(self)
        for page in (self.choose_page, self.preview_page, self.import_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Import")
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.preview_page.setCommitPage(True)
        self.resize(1000, 700)
        if path is not None:
            self.choose_page.path.setText(str(path))

    def load(self, path: Path | None, mapping: dict[str, str] | None = None) -> None:
        """Read the start of the file; nothing is written."""
        self.path, self.mapping = path, mapping
        self.preview, self.problem = None, ""
        if path is not None:
            try:
                self.preview = importer.preview(path, PREVIEW_ROWS, mapping=mapping)
            except ImportRefused as exc:
                self.problem = str(exc)
            except OSError as exc:
                self.problem = f"Could not read the file: {exc.strerror or exc}"
        self.choose_page.show_result()

    def stop(self) -> None:
        """Stop a running import; it ends with nothing written."""
        if self.work is not None:
            self.work.stop()

    def reject(self) -> None:
        """Escape or the close button while importing stops the import first; the
        wizard stays open to say that nothing was imported."""
        if self.work is not None:
            self.stop()
            return
        super().reject()

    def run_import(self, page: ImportPage) -> None:
        """Start the import on a worker thread; ``page`` shows its progress and end."""
        self.work = LongWork(data.import_file, self.path,
                             on_duplicate=self.preview_page.chosen_policy(),
                             mapping=self.mapping)
        self.work.progressed.connect(page.show_progress)
        self.work.succeeded.connect(lambda changes: self._imported(page, changes))
        self.work.failed.connect(lambda exc: self._not_imported(page, exc))
        self.work.finished.connect(self._work_ended)
        hub().start_long(self.work, source=self)

    def _work_ended(self) -> None:
        self.work = None  # the hub deletes it

    def _not_imported(self, page: ImportPage, exc: Exception) -> None:
        if isinstance(exc, ImportCancelled):
            page.finish("Stopped. Nothing was imported: your data is as it was.", [])
        elif isinstance(exc, ImportRefused):
            page.finish(f"Nothing was imported: {exc}", [])
        elif isinstance(exc, WriteFailed):  # one transaction: all of it was undone
            page.finish(f"Nothing was imported. {exc.what}. {exc.remedy}", [])
        else:
            page.finish("Nothing was imported.", [])
            raise exc  # damage and the unexpected go to the window's error handling

    def _imported(self, page: ImportPage, changes) -> None:
        self.result = r = changes.detail
        page.progress.setMaximum(1)
        page.progress.setValue(1)
        shortened = f", {len(r.cut):,} shortened" if r.cut else ""
        page.finish(f"Imported {r.imported:,}, updated {r.updated:,}, skipped {r.skipped:,} "
                    f"already there, {len(r.rejected):,} not usable{shortened}.", r.report)
