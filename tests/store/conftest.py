"""Helpers for the store tests: all of them work on real SQLite files in tmp folders."""

import pytest

from desktop.store.connection import transaction
from desktop.store.people import save_person


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
