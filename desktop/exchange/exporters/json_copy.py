"""Everything Rebound holds, as one JSON file a person can read and Rebound can load back.

The file is the user's way out (and back in): every table with every column and
the original ids, so nothing is lost and a later Rebound, or a script, can rebuild
the data exactly::

    {
      "rebound_export": {"format_version": 1, "schema_version": 3,
                         "exported_at": "2025-05-01T09:30:00Z", "rebound_version": "0.1.0"},
      "tables": {"company": [{"id": 1, "name": "Northwind Health", ...}, ...], ...}
    }

Timestamps are UTC, as stored, in ISO form (``2025-05-01T09:30:00.123456``); dates
are ``2025-05-01``. The store's own bookkeeping (``meta``) and the full-text index
are left out: the index is rebuilt by the database's triggers while the people are
loaded.

:func:`import_json` loads such a file into an empty database only: merging with
existing rows would need decisions about duplicates that a whole-database restore
cannot make. It runs in one transaction, so a problem halfway leaves the database
empty, as it was.
"""

import datetime
import json
import os
from collections.abc import Iterator
from pathlib import Path

import peewee

from desktop import __version__
from desktop.clock import utcnow
from desktop.exchange.exporters.atomic import atomic_write
from desktop.exchange.import_refused import ImportRefused
from desktop.store.connection import transaction
from desktop.store.data_format import SCHEMA_VERSION
from desktop.store.models import (
    Application,
    Company,
    Interaction,
    Involvement,
    NoteTemplate,
    Person,
    Setting,
    Skill,
    Step,
)

#: Bumped when the file's layout changes (not when a table gains a column: that
#: is what ``schema_version`` records).
FORMAT_VERSION = 1

#: In an order where every row's references are loaded before it.
TABLES: tuple[type[peewee.Model], ...] = (
    Company, Person, Application, Involvement, Interaction, Step, NoteTemplate, Skill, Setting,
)
_BY_NAME = {model._meta.table_name: model for model in TABLES}
_INSERT_BATCH = 200


class InvalidExport(ImportRefused):
    """The file is not a Rebound JSON export, or is damaged; says what and where.

    An ImportRefused like the others, so a caller handles every refusal in one place.
    """


def _columns(model: type[peewee.Model]) -> dict[str, peewee.Field]:
    return {field.column_name: field for field in model._meta.sorted_fields}


def _json_value(value):
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    return value


def table_rows(model: type[peewee.Model]) -> Iterator[dict]:
    """The table's rows in primary-key order, as JSON-ready dicts keyed by column."""
    columns = _columns(model)
    query = model.select(*columns.values()).order_by(model._meta.primary_key).tuples()
    for row in query.iterator():
        yield {name: _json_value(value) for name, value in zip(columns, row, strict=True)}


def dump_tables() -> dict[str, list[dict]]:
    """Every exported table's rows, as the file holds them, by table name."""
    return {model._meta.table_name: list(table_rows(model)) for model in TABLES}


def _dumps(value, level: int) -> str:
    """``value`` as ``json.dump(indent=2)`` writes it ``level`` spaces deep. JSON text
    holds no raw line breaks (they are escaped), so re-indenting is safe."""
    text = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)
    return text.replace("\n", "\n" + " " * level)


def export_json(path: str | os.PathLike) -> dict[str, int]:
    """Write the whole database to ``path``; returns the row count of each table.

    Rows are written one at a time, so 100,000 people never sit in memory at once;
    the text is what ``json.dump(document, indent=2, sort_keys=True)`` would give.
    """
    header = {
        "format_version": FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "exported_at": utcnow().isoformat(timespec="seconds") + "Z",
        "rebound_version": __version__,
    }
    counts = {}
    with atomic_write(path) as handle:
        handle.write(f'{{\n  "rebound_export": {_dumps(header, 2)},\n  "tables": {{')
        models = sorted(TABLES, key=lambda model: model._meta.table_name)
        for index, model in enumerate(models):
            name = model._meta.table_name
            handle.write(f'{"," if index else ""}\n    {json.dumps(name)}: [')
            count = 0
            for row in table_rows(model):
                handle.write(f'{"," if count else ""}\n      {_dumps(row, 6)}')
                count += 1
            handle.write("\n    ]" if count else "]")
            counts[name] = count
        handle.write("\n  }\n}\n")
    return counts


def load_json(path: str | os.PathLike) -> dict:
    """Read and check an export; returns ``{"rebound_export": {...}, "tables": {...}}``.

    Raises InvalidExport (what is wrong, and where) or ImportRefused (a newer format);
    both are ImportRefused, with the sentence for the user as ``reason``.
    Values are checked against each column's type; references between rows are
    left to the database, which checks them while importing.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidExport(f"{path} is not a Rebound export: it is not UTF-8 text.") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidExport(
            f"{path} is not a Rebound export: it is not valid JSON "
            f"({exc.msg} at line {exc.lineno}, column {exc.colno})."
        ) from exc
    if not isinstance(document, dict) or not isinstance(document.get("rebound_export"), dict):
        raise InvalidExport(f"{path} is not a Rebound export: there is no \"rebound_export\" "
                            "header.")
    _check_versions(document["rebound_export"])
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise InvalidExport("The export has no \"tables\" object.")
    for name, rows in tables.items():
        model = _BY_NAME.get(name)
        if model is None:
            known = ", ".join(sorted(_BY_NAME))
            raise InvalidExport(f"The export has an unknown table \"{name}\" (known: {known}).")
        if not isinstance(rows, list):
            raise InvalidExport(f"Table \"{name}\" should be a list of rows.")
        for index, row in enumerate(rows, start=1):
            _check_row(name, model, index, row)
    return {"rebound_export": document["rebound_export"], "tables": tables}


def _check_versions(header: dict) -> None:
    for key, newest in (("format_version", FORMAT_VERSION), ("schema_version", SCHEMA_VERSION)):
        value = header.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidExport(f"The export's header has no valid \"{key}\".")
        if value > newest:
            raise ImportRefused(
                f"The export was made by a newer version of Rebound ({key} {value}; this "
                f"version reads up to {newest}). Install the newer version to import it."
            )


def _check_row(table: str, model: type[peewee.Model], index: int, row) -> None:
    where = f"Table \"{table}\", row {index}"
    if not isinstance(row, dict):
        raise InvalidExport(f"{where} is not an object.")
    columns = _columns(model)
    unknown = sorted(set(row) - set(columns))
    if unknown:
        raise InvalidExport(f"{where} has unknown column(s): {', '.join(unknown)}.")
    primary_key = model._meta.primary_key.column_name
    if row.get(primary_key) is None:
        raise InvalidExport(f"{where} has no \"{primary_key}\".")
    for name, value in row.items():
        try:
            _python_value(columns[name], value)
        except (TypeError, ValueError) as exc:
            raise InvalidExport(f"{where}, column \"{name}\": {exc}") from None


def _python_value(field: peewee.Field, value):
    """The value as the model takes it; raises ValueError/TypeError for a wrong type."""
    if value is None:
        if not field.null:
            raise ValueError("a value is required.")
        return None
    if isinstance(field, peewee.DateTimeField):
        if not isinstance(value, str):
            raise TypeError(f"expected a date and time, found {value!r}.")
        moment = datetime.datetime.fromisoformat(value)
        if moment.tzinfo is not None:  # "…Z" or "+02:00" written by hand: stored as UTC
            moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
        return moment
    if isinstance(field, peewee.DateField):
        if not isinstance(value, str):
            raise TypeError(f"expected a date, found {value!r}.")
        return datetime.date.fromisoformat(value)
    if isinstance(field, peewee.IntegerField | peewee.ForeignKeyField):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"expected a whole number, found {value!r}.")
        return value
    if isinstance(field, peewee.FloatField):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"expected a number, found {value!r}.")
        return float(value)
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {value!r}.")
    return value


def is_database_empty() -> bool:
    """True when none of the exported tables holds a row."""
    return not any(model.select().exists() for model in TABLES)


def import_json(path: str | os.PathLike) -> dict[str, int]:
    """Load an export into the open, empty database; returns the rows added per table.

    Ids and values are kept exactly. Raises InvalidExport, or ImportRefused when the
    database already holds data or the file comes from a newer Rebound.
    """
    _refuse_unless_empty()  # before reading what may be a large file
    document = load_json(path)
    counts = {}
    try:
        with transaction():
            _refuse_unless_empty()
            for model in TABLES:
                rows = document["tables"].get(model._meta.table_name, [])
                _insert(model, rows)
                counts[model._meta.table_name] = len(rows)
    except peewee.IntegrityError as exc:
        raise InvalidExport(f"The export's rows do not fit together: {exc}. "
                            "Nothing has been imported.") from exc
    return counts


def _refuse_unless_empty() -> None:
    if not is_database_empty():
        raise ImportRefused(
            "A full export goes only into an empty Rebound database, so it never mixes "
            "with data already there. Nothing has been changed."
        )


def _insert(model: type[peewee.Model], rows: list[dict]) -> None:
    columns = _columns(model)
    for start in range(0, len(rows), _INSERT_BATCH):
        batch = rows[start:start + _INSERT_BATCH]
        # Rows keyed by field (peewee's name), so missing columns take the model's
        # default, as a row written by Rebound would.
        values = [
            {columns[name]: _python_value(columns[name], value) for name, value in row.items()}
            for row in batch
        ]
        for same_columns in _runs_with_same_columns(values):
            model.insert_many(same_columns).execute()


def _runs_with_same_columns(rows: list[dict]) -> list[list[dict]]:
    """Consecutive rows with the same columns: one INSERT can only take one column list."""
    runs: list[list[dict]] = []
    for row in rows:
        if runs and runs[-1][0].keys() == row.keys():
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs
