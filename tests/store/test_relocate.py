"""Moving the data folder: verified copy, remembered for later starts, old folder kept."""

import pytest

from desktop.paths import location_file, resolve_data_dir
from desktop.store import people
from desktop.store.lifecycle import backup_now, close_store, open_store
from desktop.store.relocate import MoveRefused, move_data


@pytest.fixture
def filled(data_dir):
    store = open_store(data_dir)
    people.save_person(None, {"first_name": "Ada", "last_name": "Moved"})
    backup_now(store)
    close_store(store)
    return data_dir


def test_move_copies_verifies_and_is_remembered(filled, tmp_path, monkeypatch):
    target = tmp_path / "usb" / "Rebound"
    assert move_data(filled, target) == target.resolve()
    assert location_file().read_text(encoding="utf-8") == str(target.resolve())
    monkeypatch.delenv("REBOUND_DATA_DIR")
    assert resolve_data_dir() == target.resolve()

    store = open_store(target)
    try:
        assert [p.name for p in people.search_people("ada")] == ["Ada Moved"]
    finally:
        close_store(store)
    assert len(list((target / "backups").iterdir())) == 1
    assert (filled / "rebound.db").exists()  # the old folder is left as it was


def test_a_non_empty_folder_is_refused_and_nothing_changes(filled, tmp_path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "thesis.docx").write_text("mine")
    with pytest.raises(MoveRefused, match="not empty"):
        move_data(filled, busy)
    assert not location_file().exists()
    assert sorted(p.name for p in busy.iterdir()) == ["thesis.docx"]


def test_moving_inside_itself_is_refused(filled):
    with pytest.raises(MoveRefused):
        move_data(filled, filled / "inner")
    with pytest.raises(MoveRefused):
        move_data(filled, filled)


def test_a_temporary_move_is_not_remembered(filled, tmp_path):
    move_data(filled, tmp_path / "elsewhere", remember=False)
    assert not location_file().exists()
