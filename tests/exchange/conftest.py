"""Helpers for the import tests: the fixture files, and what the database holds."""

from pathlib import Path

import pytest

from desktop.store.connection import db

CONTACTS = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"

_PEOPLE = """
    SELECT p.first_name, p.last_name, p.email, p.phone, coalesce(c.name, ''), p.title,
           p.linkedin_url, p.how_met, p.notes
    FROM person p LEFT JOIN company c ON c.id = p.company_id ORDER BY p.id
"""
_FIELDS = ("first_name", "last_name", "email", "phone", "company", "title", "linkedin_url",
           "how_met", "notes")


@pytest.fixture
def contacts_file():
    """The path of a file in tests/fixtures/contacts."""

    def path(name: str) -> Path:
        return CONTACTS / name

    return path


@pytest.fixture
def stored_people():
    """Every person in the open store as a dict of the imported fields, in id order."""

    def people() -> list[dict]:
        return [dict(zip(_FIELDS, row, strict=True)) for row in db.execute_sql(_PEOPLE)]

    return people


@pytest.fixture
def db_state():
    """(people, companies, revision): what an import that writes nothing leaves equal."""

    def state() -> tuple[int, int, str]:
        people = db.execute_sql("SELECT count(*) FROM person").fetchone()[0]
        companies = db.execute_sql("SELECT count(*) FROM company").fetchone()[0]
        revision = db.execute_sql("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0]
        return people, companies, revision

    return state
