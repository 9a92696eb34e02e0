"""Rebound's own exports imported again, through the commands (``cli.run``): every field comes back
where it came from, exactly as it was."""

import subprocess

import pytest

from desktop.store.lifecycle import close_store, open_store
from desktop.store.people import save_person
from tests.in_process import run_cli

#: Values a spreadsheet would take for formulas (the CSV export quotes them with an
#: apostrophe), and values that only look like that quoting.
TRICKY_PEOPLE = [
    {"first_name": "Plus", "last_name": "Phone", "email": "plus@example.org",
     "phone": "+44 113 496 0123", "company": "=Acme", "title": "-Lead-",
     "linkedin_url": "https://www.linkedin.com/in/plus-phone",
     "how_met": "@meetup, Leeds", "notes": "=SUM(A1:A2)\nsecond line"},
    {"first_name": "@handle", "last_name": "-Dash", "email": "dash@example.org",
     "phone": "-", "company": "Smith; Sons, Ltd", "title": "Head of Data, EMEA",
     "how_met": "- at the panel\n- then coffee", "notes": "- bullet one\n- bullet two"},
    {"first_name": "Apostrophe", "last_name": "O'Neil", "email": "oneil@example.org",
     "phone": "'+1 555 0100", "company": "'=Not a formula", "title": "'Tis",
     "how_met": "''@twice", "notes": "'-already quoted\n\nwith a blank line"},
    {"first_name": "Zoë", "last_name": "Ñúñez", "email": "zoe@example.org",
     "phone": "(0113) 496 0123", "company": "Café \"Zoë\"", "title": "Tab, then a comma",
     "how_met": "Backslash \\ and semicolon;", "notes": "Commas, \"quotes\" and\nlines"},
]
FIELDS = ("first_name", "last_name", "email", "phone", "company", "title", "linkedin_url",
          "how_met", "notes")


def rebound(data_dir, *args: str) -> subprocess.CompletedProcess:
    return run_cli("--data-dir", data_dir, *args)


def people_of(data_dir) -> dict[str, dict]:
    """Everyone in the store at ``data_dir`` by e-mail, as the imported fields."""
    from tests.exchange.conftest import _PEOPLE

    store = open_store(data_dir)
    try:
        from desktop.store.connection import db

        rows = [dict(zip(FIELDS, row, strict=True)) for row in db.execute_sql(_PEOPLE)]
    finally:
        close_store(store)
    return {row["email"]: row for row in rows}


@pytest.fixture
def exported_store(store):
    """A data folder holding TRICKY_PEOPLE, closed so the child processes have it alone."""
    for values in TRICKY_PEOPLE:
        save_person(None, values)
    close_store(store)
    return store.data_dir


@pytest.mark.parametrize(("format_name", "suffix"), [("csv", "csv"), ("vcard", "vcf")])
def test_own_export_imports_back_field_for_field(exported_store, tmp_path, format_name, suffix):
    path = tmp_path / f"people.{suffix}"
    exported = rebound(exported_store, "export", "people", "--format", format_name,
                       "-o", str(path))
    assert exported.returncode == 0, exported.stderr
    fresh = tmp_path / "fresh"
    imported = rebound(fresh, "import", str(path))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == f"imported {len(TRICKY_PEOPLE)}, updated 0, skipped 0, rejected 0\n"

    before, after = people_of(exported_store), people_of(fresh)
    assert after.keys() == before.keys()
    changed = [(email, name, person[name], after[email][name])
               for email, person in before.items() for name in FIELDS
               if after[email][name] != person[name]]
    assert changed == [], "\n".join(map(repr, changed))
