"""The full JSON export: readable, complete, and loaded back into an empty database exactly."""

import datetime
import json

import pytest

from desktop.clock import utcnow
from desktop.devdata.sample import load_sample_data
from desktop.exchange.exporters.json_copy import (
    FORMAT_VERSION,
    TABLES,
    InvalidExport,
    dump_tables,
    export_json,
    import_json,
    is_database_empty,
    load_json,
)
from desktop.exchange.import_refused import ImportRefused
from desktop.playbook.settings import Profile, save_profile
from desktop.store import note_templates
from desktop.store.connection import db
from desktop.store.data_format import SCHEMA_VERSION
from desktop.store.interactions import log_interaction
from desktop.store.lifecycle import close_store, open_store
from desktop.store.models import Person, Step
from desktop.store.people import save_person, search_people
from desktop.store.steps import update_step

TABLE_NAMES = [model._meta.table_name for model in TABLES]


def raw_dump() -> dict[str, list[tuple]]:
    """Every exported table exactly as SQLite holds it, plus the search index."""
    # Settings are found by their key, and a copy writes them in key order.
    order = {"setting": "key"}
    dump = {name: db.execute_sql(
                f'SELECT * FROM "{name}" ORDER BY {order.get(name, "rowid")}').fetchall()
            for name in TABLE_NAMES}
    dump["person_search"] = db.execute_sql(
        "SELECT rowid, name, email, title, company FROM person_search ORDER BY rowid").fetchall()
    return dump


@pytest.fixture
def rich(store):
    """The sample, plus every table filled and awkward values (non-ASCII, None, gaps in ids)."""
    load_sample_data()
    zoe = save_person(None, {"first_name": "Zoë", "last_name": "Ñúñez", "company": "Café Ødegaard",
                             "notes": "Line one\nline two — “quoted”, tab\there"})
    gone = save_person(None, {"first_name": "To", "last_name": "Delete"})
    Person.delete_by_id(gone.id)  # leaves a gap in the ids, which must be kept
    interaction = log_interaction(zoe.id, summary="Said hello", outcome="replied")
    step = Step.get(Step.kind == "feedback")
    update_step(step.id, status="sent", interaction=interaction, done_at=utcnow(),
                draft_subject="Feedback?", draft_body="Could you…")
    note_templates.save_template("custom-1", "check_in", "My check-in", "Mine",
                                 "Hello {{ company }}", "Hi {{ person.first_name }}")
    save_profile(Profile(name="Alex Morgan", signature="Alex\n+44 7700 900123"))
    Person.update(checkin_months=6).where(Person.id == zoe.id).execute()
    return store


def test_export_is_readable_and_complete(rich, tmp_path):
    path = tmp_path / "rebound.json"
    counts = export_json(path)
    text = path.read_text(encoding="utf-8")
    assert '"first_name": "Zoë"' in text, "written as UTF-8, not \\u-escaped"
    assert text.startswith('{\n  "rebound_export": {\n')
    document = json.loads(text)
    header = document["rebound_export"]
    assert header["format_version"] == FORMAT_VERSION == 1
    assert header["schema_version"] == SCHEMA_VERSION
    assert header["exported_at"].endswith("Z")
    datetime.datetime.fromisoformat(header["exported_at"])
    assert sorted(document["tables"]) == sorted(TABLE_NAMES)
    assert "meta" not in document["tables"] and "person_search" not in document["tables"]
    assert counts == {name: len(rows) for name, rows in document["tables"].items()}
    assert all(counts[name] > 0 for name in TABLE_NAMES), counts

    person = document["tables"]["person"][0]
    assert list(person) == sorted(person), "keys sorted"
    assert {"id", "company_id", "first_name", "last_contact_at", "checkin_months",
            "created_at", "updated_at"} <= set(person)
    datetime.datetime.fromisoformat(person["created_at"])
    application = document["tables"]["application"][0]
    assert datetime.date.fromisoformat(application["applied_on"])
    assert application["rejected_on"] is None or datetime.date.fromisoformat(
        application["rejected_on"])


def test_the_streamed_file_is_exactly_what_json_dump_writes(rich, tmp_path):
    path = tmp_path / "rebound.json"
    export_json(path)
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["tables"] == dump_tables()
    assert text == json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def test_an_empty_database_exports_empty_tables(store, tmp_path):
    path = tmp_path / "rebound.json"
    assert set(export_json(path).values()) == {0}
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["tables"] == {name: [] for name in TABLE_NAMES}
    assert text == json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def test_round_trip_into_an_empty_database_is_exact(rich, tmp_path):
    path = tmp_path / "rebound.json"
    export_json(path)
    before, before_dump = raw_dump(), dump_tables()
    close_store(rich)

    second = open_store(tmp_path / "second")
    try:
        assert is_database_empty()
        counts = import_json(path)
        assert counts == {name: len(rows) for name, rows in before_dump.items()}
        after = raw_dump()
        for name in before:
            assert after[name] == before[name], name
        assert dump_tables() == before_dump
        assert [m.name for m in search_people("Ñúñez")] == ["Zoë Ñúñez"]
        assert [m.company for m in search_people("Priya")] == ["Northwind Health"]
        assert [m.name for m in search_people("Cafe")] == ["Zoë Ñúñez"]
        # The imported database is a working one: new rows get fresh ids.
        added = save_person(None, {"first_name": "New"})
        assert added.id > max(row[0] for row in before["person"])
    finally:
        close_store(second)


def test_import_refuses_a_database_that_holds_data(rich, tmp_path):
    path = tmp_path / "rebound.json"
    export_json(path)
    before = raw_dump()
    with pytest.raises(ImportRefused, match="empty"):
        import_json(path)
    assert raw_dump() == before


@pytest.mark.parametrize("key", ["format_version", "schema_version"])
def test_import_refuses_a_newer_export(store, tmp_path, key):
    path = tmp_path / "rebound.json"
    export_json(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["rebound_export"][key] += 1
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportRefused, match="newer version of Rebound"):
        import_json(path)
    assert is_database_empty()


def write(tmp_path, content) -> str:
    path = tmp_path / "bad.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content),
                    encoding="utf-8")
    return path


HEADER = {"format_version": 1, "schema_version": SCHEMA_VERSION, "exported_at": "x"}


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "not valid JSON"),
    ([1, 2], "no \"rebound_export\" header"),
    ({"rebound_export": {"format_version": "1"}, "tables": {}}, "no valid \"format_version\""),
    ({"rebound_export": HEADER}, "no \"tables\""),
    ({"rebound_export": HEADER, "tables": {"meta": []}}, "unknown table \"meta\""),
    ({"rebound_export": HEADER, "tables": {"company": {}}}, "should be a list"),
    ({"rebound_export": HEADER, "tables": {"company": [3]}}, "row 1 is not an object"),
    ({"rebound_export": HEADER, "tables": {"company": [{"id": 1, "name": "A", "ceo": "B"}]}},
     "unknown column\\(s\\): ceo"),
    ({"rebound_export": HEADER, "tables": {"company": [{"name": "A"}]}}, "has no \"id\""),
    ({"rebound_export": HEADER, "tables": {"company": [{"id": "one", "name": "A"}]}},
     "column \"id\": expected a whole number"),
    ({"rebound_export": HEADER, "tables": {"skill": [{"id": 1, "what": "x",
                                                      "learned_on": "soon"}]}},
     "column \"learned_on\""),
    ({"rebound_export": HEADER, "tables": {"company": [{"id": 1, "name": None}]}},
     "a value is required"),
])
def test_load_json_explains_what_is_wrong(tmp_path, content, message):
    with pytest.raises(InvalidExport, match=message):
        load_json(write(tmp_path, content))


def test_load_json_rejects_a_file_that_is_not_text(tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InvalidExport, match="not UTF-8"):
        load_json(path)


def test_rows_that_do_not_fit_together_import_nothing(store, tmp_path):
    now = "2025-01-01T10:00:00"
    path = write(tmp_path, {"rebound_export": HEADER, "tables": {
        "company": [{"id": 1, "name": "Acme", "created_at": now, "updated_at": now}],
        "person": [{"id": 1, "first_name": "Ann", "company_id": 99, "created_at": now,
                    "updated_at": now}],
    }})
    with pytest.raises(InvalidExport, match="do not fit together"):
        import_json(path)
    assert is_database_empty()


def test_missing_columns_take_rebounds_defaults(store, tmp_path):
    path = write(tmp_path, {"rebound_export": HEADER, "tables": {
        "company": [{"id": 7, "name": "Acme"}, {"id": 9, "name": "Beta", "notes": "n"}],
    }})
    assert import_json(path)["company"] == 2
    rows = dump_tables()["company"]
    assert [(row["id"], row["name"], row["website"], row["notes"]) for row in rows] == [
        (7, "Acme", "", ""), (9, "Beta", "", "n")]
    assert all(row["created_at"] for row in rows)
