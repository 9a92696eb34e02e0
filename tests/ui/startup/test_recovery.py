"""A damaged database at start-up: the user is told, offered the newest good backup,
and the damaged file is kept."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.store import people
from desktop.store.data_format import DatabaseDamaged
from desktop.store.lifecycle import backup_now, close_store, open_store
from desktop.ui.startup.app import Rebound


def click_modal_button(starting_with: str, seen: list) -> None:
    """Once the modal box is up, note its text and press the button named."""
    def click():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, click)
            return
        seen.append(box.text() + "\n" + box.informativeText())
        for button in box.buttons():
            if button.text().startswith(starting_with):
                button.click()
                return
        raise AssertionError(f"no button starting with {starting_with!r}")
    QTimer.singleShot(0, click)


@pytest.fixture
def damaged_with_backup(data_dir):
    store = open_store(data_dir)
    people.save_person(None, {"first_name": "Kept", "last_name": "Safe"})
    backup_now(store)
    close_store(store)
    db = data_dir / "rebound.db"
    damaged = b"\x00garbage, not SQLite" * 512
    db.write_bytes(damaged)
    return data_dir, damaged


def test_restore_the_newest_backup_and_keep_the_damaged_file(damaged_with_backup, qtbot,
                                                             monkeypatch):
    data_dir, damaged = damaged_with_backup
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: None))
    seen = []
    click_modal_button("Restore backup", seen)
    rebound = Rebound(data_dir)
    rebound.open()
    try:
        assert "damaged" in seen[0]
        assert "newest good backup" in seen[0]
        assert [p.name for p in people.search_people("kept")] == ["Kept Safe"]
        kept = [p for p in data_dir.iterdir() if p.name.startswith("rebound-damaged-")]
        assert [p.read_bytes() for p in kept if p.suffix == ".db"] == [damaged]
    finally:
        rebound.close()


def test_quitting_leaves_the_damaged_file_untouched(damaged_with_backup, qtbot):
    data_dir, damaged = damaged_with_backup
    seen = []
    click_modal_button("Quit", seen)
    with pytest.raises(DatabaseDamaged):
        Rebound(data_dir).open()
    assert (data_dir / "rebound.db").read_bytes() == damaged
    assert not any(p.name.startswith("rebound-damaged-") for p in data_dir.iterdir())


def test_damage_found_while_running_restores_and_shows_the_backup(data_dir, qtbot,
                                                                   monkeypatch, helpers):
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: None))
    rebound = Rebound(data_dir)
    rebound.open()
    try:
        people.save_person(None, {"first_name": "Backed", "last_name": "Up"})
        window = rebound.show_window()
        qtbot.addWidget(window)
        backup_now(rebound.store)
        people.save_person(None, {"first_name": "Lost", "last_name": "Later"})
        seen = []
        click_modal_button("Restore backup", seen)
        rebound.recover_from_damage(DatabaseDamaged(rebound.store.db_path,
                                                    "database disk image is malformed"))
        assert "damaged" in seen[0]
        assert [p.name for p in people.search_people("")] == ["Backed Up"]
        window.show_view(1)
        assert window.current_view().model.rowCount() == 1
        # What was there before is kept: set aside if the file failed its check, else
        # (as here, the report was all there was) backed up before the restore.
        kept = [p for p in [*data_dir.iterdir(), *(data_dir / "backups").iterdir()]
                if p.name.startswith("rebound-damaged-") or p.name.endswith("before-restore.db")]
        assert any(("Lost",) in helpers.read_only(p).execute("SELECT first_name FROM person")
                   for p in kept)
    finally:
        rebound.close()
