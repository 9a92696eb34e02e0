"""The Backups dialog: list with contents, back up now, restore while running."""

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.store import people
from desktop.store.backups import list_backups
from desktop.ui.dialogs.backups import HOLDS, KIND, BackupsDialog
from desktop.ui.startup import data_swaps
from desktop.ui.startup.app import Rebound


@pytest.fixture
def rebound(data_dir):
    """Rebound on a fresh data folder, opened as at start-up, closed after the test."""
    running = Rebound(data_dir, interactive=False)
    running.open()
    yield running
    running.close()


def shown(rebound, qtbot):
    window = rebound.show_window()
    qtbot.addWidget(window)
    return window


def test_restore_brings_back_yesterdays_data_and_keeps_todays(rebound, data_dir, qtbot,
                                                              answer):
    people.save_person(None, {"first_name": "Kept", "last_name": "Before"})
    window = shown(rebound, qtbot)
    data_swaps.back_up_now(rebound)
    people.save_person(None, {"first_name": "Added", "last_name": "After"})

    dialog = BackupsDialog(rebound.store.backup_dir, window)
    qtbot.addWidget(dialog)
    dialog.backupRequested.connect(lambda: data_swaps.back_up_now(rebound))
    dialog.restoreRequested.connect(lambda backup: data_swaps.restore(rebound, backup))
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, KIND).text() == "Manual"
    assert dialog.table.item(0, HOLDS).text().startswith("1 person")

    asked = answer(question=QMessageBox.StandardButton.Yes)
    dialog.restore_selected()
    assert "backed up first" in asked[0][1]
    assert [p.name for p in people.search_people("")] == ["Kept Before"]
    window.show_view(1)
    assert window.current_view().model.rowCount() == 1
    # Today's data was kept as a backup, listed in the dialog, and can be restored.
    reasons = [b.reason.label for b in list_backups(rebound.store.backup_dir)]
    assert "Before a restore" in reasons
    assert dialog.table.rowCount() == 2
    assert not any(p.name.startswith("rebound-replaced") for p in data_dir.iterdir())


def test_back_up_now_adds_a_row(rebound, qtbot):
    window = shown(rebound, qtbot)
    dialog = BackupsDialog(rebound.store.backup_dir, window)
    qtbot.addWidget(dialog)
    dialog.backupRequested.connect(lambda: data_swaps.back_up_now(rebound))
    dialog.backupRequested.connect(dialog.refresh)
    assert dialog.table.rowCount() == 0
    dialog.backup_button.click()
    assert dialog.table.rowCount() == 1


def test_move_the_data_folder_while_running(rebound, tmp_path, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: None))
    people.save_person(None, {"first_name": "Travels", "last_name": "Along"})
    window = shown(rebound, qtbot)
    target = tmp_path / "new-home"
    assert data_swaps.move_data(rebound, target)
    assert rebound.store.data_dir == target
    window.show_view(1)
    assert window.current_view().model.rowCount() == 1
    people.save_person(None, {"first_name": "Written", "last_name": "Later"})
    assert (target / "rebound.db").stat().st_size > 0


def test_a_restore_that_fails_on_its_worker_says_so_and_changes_nothing(rebound, tmp_path,
                                                                       qtbot, answer):
    """The restore runs beside the window: its refusal still comes back as a message,
    and the data is open again as it was."""
    people.save_person(None, {"first_name": "Still", "last_name": "Here"})
    shown(rebound, qtbot)
    not_a_backup = tmp_path / "holiday-photo.db"
    not_a_backup.write_bytes(b"not a database at all" * 100)
    said = answer(warning=None)
    assert data_swaps.restore(rebound, not_a_backup) is False
    ((kind, text),) = said
    assert kind == "warning" and text.endswith("Your data has not been changed.")
    assert [p.name for p in people.search_people("")] == ["Still Here"]


def test_a_move_to_a_folder_in_use_says_so_and_carries_on_where_it_was(rebound, data_dir,
                                                                       tmp_path, qtbot,
                                                                       answer):
    people.save_person(None, {"first_name": "Stays", "last_name": "Put"})
    shown(rebound, qtbot)
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "rebound.db").write_bytes(b"someone else's data")
    said = answer(warning=None)
    assert data_swaps.move_data(rebound, taken) is False
    assert [kind for kind, _text in said] == ["warning"]
    assert rebound.store.data_dir == data_dir
    assert (taken / "rebound.db").read_bytes() == b"someone else's data"
    assert [p.name for p in people.search_people("")] == ["Stays Put"]
