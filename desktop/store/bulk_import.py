"""Adding many people at once, for imports: one transaction, duplicates recognised,
and rows that cannot be used reported by their line instead of stopping the import.

Written for 100,000 rows. Existing people are read once into dicts of their
duplicate keys (e-mail, LinkedIn address, name with company); new people go in
with multi-row INSERTs in chunks; each company is looked up once per name. All
of it runs inside one ``transaction()``, so a cancelled or failed import leaves
the database exactly as it was.

Readers of file formats (``desktop.exchange``) produce ``ContactRow`` and
``Rejected`` items (``import_rows``); this module decides what is stored. What it
stores shorter than the file had it is reported (``Cut``) next to what it leaves
out, so the user learns of both by line.
"""

from collections.abc import Callable, Iterable

from desktop.clock import utcnow
from desktop.store.companies import company_for_name
from desktop.store.connection import db, transaction
from desktop.store.import_rows import (
    COLUMNS,
    CONTACT_FIELDS,
    INSERT_CHUNK,
    PROGRESS_EVERY,
    ContactRow,
    DuplicatePolicy,
    ImportCancelled,
    ImportResult,
    Rejected,
    prepare_row,
    profile_key,
    text_cuts,
)


def import_people(
    items: Iterable[ContactRow | Rejected],
    on_duplicate: DuplicatePolicy | str = DuplicatePolicy.SKIP,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    total_estimate: int = 0,
) -> ImportResult:
    """Store every usable row in one transaction; returns what happened to each.

    ``items`` is consumed inside the transaction, so a reader that fails halfway, a
    ``cancelled()`` that returns True (ImportCancelled is raised) or any error
    leaves the database unchanged. ``progress(done, total)`` is called every
    PROGRESS_EVERY items and at the end; ``total`` is ``total_estimate`` until the
    count passes it.
    """
    policy = DuplicatePolicy(on_duplicate)
    result = ImportResult()
    done = 0
    with transaction():
        writer = _Writer(policy, result)
        for item in items:
            if isinstance(item, Rejected):
                result.rejected.append(item)
            else:
                writer.add(item)
            done += 1
            if done % PROGRESS_EVERY == 0:
                _checkpoint(done, total_estimate, progress, cancelled)
        writer.flush()
        _checkpoint(done, total_estimate, progress, cancelled)
    result.rejected.sort()
    result.cut.sort()
    return result


def _checkpoint(done, total_estimate, progress, cancelled) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled("The import was cancelled; nothing has been changed.")
    if progress is not None:
        progress(done, max(done, total_estimate))


#: Fields an update may fill, as person columns.
_FILLABLE = (*(name for name in CONTACT_FIELDS if name != "company"), "company_id")
_BIT = {name: 1 << position for position, name in enumerate(_FILLABLE)}


def _is_empty_sql(name: str) -> str:
    return "p.company_id IS NULL" if name == "company_id" else f"trim(p.{name}) = ''"


# Which fields each stored person has empty, computed by SQLite as one bit per field,
# so an update needs no query for people with nothing to fill.
_EMPTY_MASK = " + ".join(f"({_is_empty_sql(name)}) * {_BIT[name]}" for name in _FILLABLE)


def _empty_mask(values: dict) -> int:
    mask = 0
    for name in _FILLABLE:
        value = values[name]
        if value is None or (isinstance(value, str) and not value.strip()):
            mask |= _BIT[name]
    return mask


class _Known:
    """Everyone already stored or added by this import, by each duplicate key."""

    def __init__(self):
        self.by_email: dict[str, int] = {}
        self.by_profile: dict[str, int] = {}
        self.by_name: dict[tuple[str, str, str], int] = {}
        #: id -> [e-mail key, profile key]: a name match with conflicting ones is no match.
        self.identity: dict[int, list[str]] = {}
        #: id -> bits of _FILLABLE fields the person has empty.
        self.empty: dict[int, int] = {}

    def load(self) -> None:
        query = (
            "SELECT p.id, p.first_name, p.last_name, p.email, p.linkedin_url, "
            f"coalesce(c.name, ''), {_EMPTY_MASK} "
            "FROM person p LEFT JOIN company c ON c.id = p.company_id"
        )
        for person_id, first, last, email, url, company, empty in db.execute_sql(query):
            try:
                url = profile_key(url)
            except ValueError:
                url = ""
            self.add(person_id, first, last, email, url, company)
            self.empty[person_id] = empty

    def add(self, person_id: int, first: str, last: str, email: str, url: str, company: str):
        identity = self.identity.setdefault(person_id, ["", ""])
        if email:
            self.by_email.setdefault(email.casefold(), person_id)
            identity[0] = identity[0] or email.casefold()
        if url:
            self.by_profile.setdefault(url, person_id)
            identity[1] = identity[1] or url
        if first or last:
            key = (first.casefold(), last.casefold(), company.casefold())
            self.by_name.setdefault(key, person_id)

    def match(self, row: ContactRow) -> int | None:
        email = row.email.casefold()
        if email and email in self.by_email:
            return self.by_email[email]
        if row.linkedin_url and row.linkedin_url in self.by_profile:
            return self.by_profile[row.linkedin_url]
        if not (row.first_name or row.last_name):
            return None
        key = (row.first_name.casefold(), row.last_name.casefold(), row.company.casefold())
        person_id = self.by_name.get(key)
        if person_id is None:
            return None
        known_email, known_url = self.identity[person_id]
        if (email and known_email and email != known_email) or (
            row.linkedin_url and known_url and row.linkedin_url != known_url
        ):
            return None  # same name at the same company, but clearly someone else
        return person_id


class _Writer:
    """Puts prepared rows into the database, new people in chunks."""

    def __init__(self, policy: DuplicatePolicy, result: ImportResult):
        self.policy = policy
        self.result = result
        self.known = _Known()
        if policy is not DuplicatePolicy.NEW:
            self.known.load()
        #: Company ids by the name as written in the file.
        self.companies: dict[str, int] = {}
        #: id -> column values of people not yet inserted (an update may still fill them).
        self.pending: dict[int, dict] = {}
        # Ids are given explicitly so a later row can refer to an earlier one before it
        # is flushed. Safe inside the transaction: another writer would make ours fail
        # (SQLITE_BUSY) rather than interleave.
        self.next_id = db.execute_sql("SELECT coalesce(max(id), 0) + 1 FROM person").fetchone()[0]
        self.now = str(utcnow())

    def add(self, row: ContactRow) -> None:
        prepared = prepare_row(row)
        if isinstance(prepared, Rejected):
            self.result.rejected.append(prepared)
            return
        stored = self._store(prepared)
        # Only a cut text that was stored is worth a word: a skipped row's is not.
        self.result.cut.extend(cut for cut in text_cuts(row) if cut.field in stored)

    def _store(self, row: ContactRow) -> tuple[str, ...]:
        """Insert, fill in or skip a prepared row; returns the fields stored from it."""
        match = self.known.match(row) if self.policy is not DuplicatePolicy.NEW else None
        if match is None:
            self._insert(row)
            return CONTACT_FIELDS
        if self.policy is DuplicatePolicy.UPDATE and (filled := self._fill_empty(match, row)):
            self.result.updated += 1
            return filled
        self.result.skipped += 1
        return ()

    def _company_id(self, name: str) -> int | None:
        if not name:
            return None
        if name not in self.companies:
            self.companies[name] = company_for_name(name).id
        return self.companies[name]

    def _insert(self, row: ContactRow) -> None:
        person_id = self.next_id
        self.next_id += 1
        values = {name: getattr(row, name) for name in CONTACT_FIELDS}
        values.update(id=person_id, created_at=self.now, updated_at=self.now)
        # "company" (the name) stays for _index_filled; the INSERT takes COLUMNS only.
        values["company_id"] = self._company_id(values["company"])
        self.pending[person_id] = values
        self.known.add(person_id, row.first_name, row.last_name, row.email, row.linkedin_url,
                       row.company)
        if self.policy is DuplicatePolicy.UPDATE:
            self.known.empty[person_id] = _empty_mask(values)
        self.result.imported += 1
        if len(self.pending) >= INSERT_CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        marks = "(" + ", ".join("?" * len(COLUMNS)) + ")"
        sql = (
            f"INSERT INTO person ({', '.join(COLUMNS)}) VALUES "
            + ", ".join([marks] * len(self.pending))
        )
        db.execute_sql(sql, [row[name] for row in self.pending.values() for name in COLUMNS])
        self.pending.clear()

    def _fill_empty(self, person_id: int, row: ContactRow) -> tuple[str, ...]:
        """Give the person the row's values for the fields they have empty; returns the
        names of the fields filled (none when there was nothing to fill)."""
        empty = self.known.empty.get(person_id, 0)
        changes = {
            name: getattr(row, name)
            for name in _FILLABLE[:-1]
            if empty & _BIT[name] and getattr(row, name)
        }
        if empty & _BIT["company_id"] and row.company:
            changes["company_id"] = self._company_id(row.company)
        if not changes:
            return ()
        filled = tuple(changes)
        for name in changes:
            empty &= ~_BIT[name]
        self.known.empty[person_id] = empty
        pending = self.pending.get(person_id)
        if pending is not None:
            pending.update(changes)
            if "company_id" in changes:
                pending["company"] = row.company
        else:
            changes["updated_at"] = self.now
            db.execute_sql(
                f"UPDATE person SET {', '.join(f'{name} = ?' for name in changes)} WHERE id = ?",
                [*changes.values(), person_id],
            )
        self._index_filled(person_id, changes)
        return filled

    def _index_filled(self, person_id: int, changes: dict) -> None:
        """Make the newly filled e-mail, profile or name findable by later rows."""
        if not changes.keys() & {"first_name", "last_name", "company_id"}:
            self.known.add(person_id, "", "", changes.get("email", ""),
                           changes.get("linkedin_url", ""), "")
            return
        pending = self.pending.get(person_id)
        if pending is None:
            first, last, email, url, company = db.execute_sql(
                "SELECT p.first_name, p.last_name, p.email, p.linkedin_url, "
                "coalesce(c.name, '') FROM person p LEFT JOIN company c "
                "ON c.id = p.company_id WHERE p.id = ?",
                (person_id,),
            ).fetchone()
        else:
            first, last, email, url, company = (
                pending[name]
                for name in ("first_name", "last_name", "email", "linkedin_url", "company")
            )
        self.known.add(person_id, first, last, email, url, company)
