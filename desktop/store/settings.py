"""User settings kept in the database, as JSON under a key, so they travel with the data."""

import json

from desktop.store.connection import transaction
from desktop.store.models import Setting


def get_setting(key: str, default=None):
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return default
    try:
        return json.loads(row.value)
    except ValueError:
        return default


def set_setting(key: str, value) -> None:
    with transaction():
        Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()
