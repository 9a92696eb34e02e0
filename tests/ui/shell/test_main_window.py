"""The window as a whole: sample data, navigation, state kept between runs, errors."""

import json
import subprocess
import sys

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from desktop.store import people
from desktop.ui.shell import sample_data
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.shell.menus import view_row
from desktop.ui.startup.errors import ErrorReporter
from desktop.ui.views.people import COLUMNS as PEOPLE_COLUMNS

#: The People table's "Last contact" column.
LAST_CONTACT = [c.title for c in PEOPLE_COLUMNS].index("Last contact")


def test_load_sample_data_fills_an_empty_database(window, answer):
    sample_data.load_sample(window)
    assert window.current_view().name == "today"
    assert "Loaded 6 people" in window.statusBar().currentMessage()
    window.show_view(1)
    assert window.current_view().model.rowCount() == 6
    window.show_view(3)
    assert window.current_view().model.rowCount() == 5


def test_remove_sample_data_takes_it_away_and_keeps_what_you_added(window, answer):
    sample_data.load_sample(window)
    assert "Help → Remove sample data" in window.statusBar().currentMessage()
    people.save_person(None, {"first_name": "My", "last_name": "Contact"})
    answer(question=QMessageBox.StandardButton.Yes)
    sample_data.remove_sample(window)
    assert window.statusBar().currentMessage() == (
        "Removed the sample: 6 people, 4 companies and 5 applications.")
    window.show_view(1)
    assert window.current_view().model.rowCount() == 1  # yours
    assert window.today.tree.topLevelItem(0).text(0) == "Due now: nothing here"
    said = answer(information=None)
    sample_data.remove_sample(window)
    assert said[-1] == ("information", "There is no sample data to remove.")


def test_sample_data_never_goes_into_a_database_with_data(window, monkeypatch):
    people.save_person(None, {"first_name": "Only", "last_name": "Me"})
    said = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _parent, _title, text: said.append(text)))
    sample_data.load_sample(window)
    assert "only into an empty database" in said[0]
    assert people.count_people() == 1


def test_ctrl_digits_switch_views(sample_window, qtbot):
    qtbot.keyClick(sample_window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert sample_window.current_view().name == "companies"
    qtbot.keyClick(sample_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert sample_window.current_view().name == "applications"
    assert sample_window.sidebar.currentRow() == 3
    qtbot.keyClick(sample_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert sample_window.current_view().name == "today"


def test_the_title_names_the_view_and_the_status_bar_speaks_of_it(sample_window):
    due = sample_window.due_count
    assert due > 0
    titles = []
    for row in range(6):
        sample_window.show_view(row)
        titles.append(sample_window.windowTitle())
    assert titles == [f"{name} · {due} due[*] — Rebound"
                      for name in ("Today", "People", "Companies", "Applications",
                                   "Board", "Templates")]
    sample_window.show_view(1)
    assert sample_window.statusBar().currentMessage() == "6 people"
    sample_window.show_view(view_row("Templates"))  # counts nothing: the people count goes
    assert sample_window.statusBar().currentMessage() == ""


def test_other_views_refresh_after_a_change(sample_window):
    sample_window.show_view(1)
    people_view = sample_window.current_view()
    people_view.new_record()
    people_view.form.editor("first_name").set_value("Sam")
    people_view.form.editor("company").set_value("Brand New Co")
    assert people_view.form.save()
    sample_window.show_view(2)
    companies = sample_window.current_view()
    listed = [companies.model.index(r, 0).data() for r in range(companies.model.rowCount())]
    assert "Brand New Co" in listed


def test_window_geometry_column_widths_and_view_persist(store, settings, qtbot):
    first = MainWindow(store, settings)
    qtbot.addWidget(first)
    first.show()
    # Inside the offscreen 800x600 screen and above the window's minimum.
    width = min(max(first.minimumSizeHint().width() + 4, 700), 798)
    first.resize(width, 520)
    first.view(2).table.horizontalHeader().resizeSection(0, 333)
    first.close()

    second = MainWindow(store, settings)
    qtbot.addWidget(second)
    second.show()
    assert (second.size().width(), second.size().height()) == (width, 520)
    assert second.current_view().name == "today"  # always starts on Today
    assert second.view(2).table.horizontalHeader().sectionSize(0) == 333


def test_a_window_saved_larger_than_the_screen_comes_back_within_it(store, settings, qtbot):
    """A size saved on a bigger screen, or at scale factor 2, fits the free area."""
    first = MainWindow(store, settings)
    qtbot.addWidget(first)
    first.setMinimumSize(0, 0)
    first.setGeometry(2600, 1500, 3000, 2000)  # off the 800x600 screen, and bigger
    first.save_state()
    first.close()

    second = MainWindow(store, settings)
    qtbot.addWidget(second)
    second.show()
    free = second.screen().availableGeometry()
    assert second.width() <= free.width() and second.height() <= free.height()
    assert free.contains(second.frameGeometry())


def test_the_first_window_fits_a_small_screen(store, settings, qtbot):
    """At scale factor 2 a laptop screen is 640-800 points wide: the first window
    takes its default size only where it fits (the offscreen screen is 800x600)."""
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    free = window.screen().availableGeometry()
    assert free.width() < 1180 or free.height() < 740, "the test needs a small screen"
    assert free.contains(window.frameGeometry())


def test_sort_order_persists(store, settings, qtbot):
    first = MainWindow(store, settings)
    qtbot.addWidget(first)
    first.view(1).table.sortByColumn(LAST_CONTACT, Qt.SortOrder.DescendingOrder)
    first.close()
    second = MainWindow(store, settings)
    qtbot.addWidget(second)
    header = second.view(1).table.horizontalHeader()
    assert header.sortIndicatorSection() == LAST_CONTACT
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_closing_with_unsaved_changes_asks(sample_window, answer):
    sample_window.show_view(1)
    view = sample_window.current_view()
    view.table.selectRow(0)
    view.form.editor("phone").set_value("+1 555 0100")
    view.form.editor("phone").edited.emit()
    asked = answer(question=QMessageBox.StandardButton.Cancel)
    assert not sample_window.close()
    assert asked and "Save your changes" in asked[0][1]
    answer(question=QMessageBox.StandardButton.Save)
    assert sample_window.close()
    assert people.person_values(view.form.record_id)["phone"] == "+1 555 0100"


def test_an_error_in_a_slot_is_shown_and_logged(qtbot, monkeypatch, caplog):
    shown = []
    monkeypatch.setattr("desktop.ui.startup.errors.show_error",
                        lambda exc, details: shown.append((str(exc), details)))
    damaged = []
    reporter = ErrorReporter(on_storage_error=damaged.append)
    try:
        raise ValueError("the printer is on fire")
    except ValueError as exc:
        reporter.handle(type(exc), exc, exc.__traceback__)
    assert shown[0][0] == "the printer is on fire"
    assert "Traceback" in shown[0][1]
    assert "the printer is on fire" in caplog.text
    assert damaged == []


def test_a_storage_error_goes_to_the_store_owner_not_a_generic_dialog(monkeypatch):
    import sqlite3

    shown = []
    monkeypatch.setattr("desktop.ui.startup.errors.show_error", lambda *a: shown.append(a))
    handed_over = []
    reporter = ErrorReporter(on_storage_error=handed_over.append)
    malformed = sqlite3.DatabaseError("database disk image is malformed")
    full = sqlite3.OperationalError("database or disk is full")
    for error in (malformed, full):
        reporter.handle(type(error), error, None)
    assert handed_over == [malformed, full]
    assert shown == []


def run_cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True, text=True, timeout=120, env=env,
    )


def test_self_test_prints_one_json_line(tmp_path):
    result = run_cli("--data-dir", str(tmp_path / "d"), "--self-test")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["ok"] is True
    assert report["schema_version"] >= 2
    assert report["people"] == 0
    assert report["startup_ms"] > 0
    assert report["quick_check"] == "ok"
    assert report["templates"]["rendered"] >= 10
    assert report["templates"]["failed"] == []


def test_self_test_fails_plainly_on_a_damaged_database(tmp_path):
    data = tmp_path / "d"
    data.mkdir()
    (data / "rebound.db").write_bytes(b"this is not a database at all" * 100)
    result = run_cli("--data-dir", str(data), "--self-test")
    assert result.returncode != 0
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["ok"] is False
    assert "damaged" in report["error"]
    assert (data / "rebound.db").read_bytes() == b"this is not a database at all" * 100


def test_backup_command_prints_a_verified_backup(tmp_path):
    data = tmp_path / "d"
    assert run_cli("--data-dir", str(data), "demo", "--people", "30").returncode == 0
    result = run_cli("--data-dir", str(data), "backup")
    assert result.returncode == 0, result.stderr
    from pathlib import Path

    from desktop.store.backups import integrity_check

    path = Path(result.stdout.strip())
    assert path.parent == data / "backups"
    assert integrity_check(path) == "ok"


def test_forms_fit_a_1024_by_640_window_without_sideways_scrolling(sample_window, qtbot):
    """Every form fits its pane: nothing wider than the pane, no label cut off
    ("ompany"), lists wrap their long lines."""
    from PySide6.QtWidgets import QLabel, QListWidget, QScrollArea

    sample_window.setMinimumSize(0, 0)
    sample_window.resize(1024, 640)
    for row in (1, 2, 3):
        sample_window.show_view(row)
        view = sample_window.current_view()
        view.table.selectRow(0)
        qtbot.wait(10)
        pane = view.form.findChild(QScrollArea)
        body = pane.widget()
        assert body.width() <= pane.viewport().width(), view.name
        assert body.minimumSizeHint().width() <= pane.viewport().width(), view.name
        for label in body.findChildren(QLabel):
            if label.isVisible() and label.text() and not label.wordWrap():
                assert label.width() >= label.minimumSizeHint().width(), (view.name,
                                                                         label.text())
        narrow = {name: editor.width() for name, editor in view.form._editors.items()
                  if editor.isVisible() and editor.width() < 200}
        assert narrow == {}, view.name  # fields keep a width one can read and type in
        for lines in body.findChildren(QListWidget):
            assert lines.wordWrap(), (view.name, lines.objectName())


def test_the_read_only_notice_is_said_once_and_goes_when_the_data_can_be_written(window):
    """The store may open again read-only, or writable after a move: the notice says
    the latest, once, and never outlives the data being read-only."""
    window.show_read_only("Your data folder /media/usb is on a read-only disk.")
    window.show_read_only("Your data file /media/usb/rebound.db is read-only.")
    notices = window.findChildren(QLabel, "readOnlyNotice")
    assert len(notices) == 1
    assert "Your data file /media/usb/rebound.db is read-only." in notices[0].text()
    assert "(read-only)" in window.windowTitle()

    window.show_read_only("")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(QLabel, "readOnlyNotice") == []
    assert "(read-only)" not in window.windowTitle()
