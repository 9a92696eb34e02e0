"""Helpers for the store tests: all of them work on real SQLite files in tmp folders."""

import hashlib
import random
import sqlite3
from pathlib import Path

import pytest

from desktop.store.connection import transaction
from desktop.store.people import save_person

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)


def table_rows(path: Path, table: str) -> list[tuple]:
    conn = read_only(path)
    try:
        return conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
    finally:
        conn.close()


def pragma(path: Path, name: str):
    conn = read_only(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def overwrite(path: Path, offset: int, length: int, seed: int = 7) -> None:
    """Replace ``length`` bytes at ``offset`` with junk, as a failing disk might."""
    data = bytearray(Path(path).read_bytes())
    data[offset : offset + length] = random.Random(seed).randbytes(length)
    Path(path).write_bytes(bytes(data))


@pytest.fixture
def add_people():
    """Create ``n`` people through save_person, in one transaction (one fsync)."""

    def add(n: int, prefix: str = "Person", **extra) -> list[int]:
        ids = []
        with transaction():
            for i in range(n):
                values = {
                    "first_name": f"{prefix}{i:04d}",
                    "last_name": "Example",
                    "email": f"{prefix.lower()}{i}@example.org",
                    "notes": "Met at the meetup. " * 10,
                    **extra,
                }
                ids.append(save_person(None, values).id)
        return ids

    return add


@pytest.fixture
def helpers():
    """The module-level helpers above, for test files (which cannot import conftest)."""

    class Helpers:
        pass

    for func in (sha256, read_only, table_rows, pragma, overwrite):
        setattr(Helpers, func.__name__, staticmethod(func))
    Helpers.FIXTURES = FIXTURES
    return Helpers
