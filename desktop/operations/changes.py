"""What an operation changed: which kinds of record, which ids, and what it made."""

from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple


class Record(StrEnum):
    """Kinds of record a view may show."""

    PERSON = "person"
    COMPANY = "company"
    APPLICATION = "application"
    STEP = "step"
    CONTACT = "contact"
    TEMPLATE = "template"
    SKILL = "skill"
    SETTINGS = "settings"


class Changes(NamedTuple):  # not a dataclass: see ``boot``, rule 4
    """The result of one operation.

    ``records`` are the kinds that changed and ``ids`` the records of each kind
    where they are known; ``everything`` means the data as a whole was replaced
    (a restore, an import into an empty Rebound). ``created`` is the id of the
    record the operation made, and ``planned`` the steps it planned, for the
    caller to select or announce.
    """

    records: frozenset[Record] = frozenset()
    ids: tuple[tuple[Record, int], ...] = ()
    created: int | None = None
    planned: tuple[int, ...] = ()
    everything: bool = False
    #: Anything else the caller may want to say (an import's report, say).
    detail: object = None

    @classmethod
    def of(cls, *records: Record, ids: Iterable[tuple[Record, int]] = (), **rest) -> "Changes":
        return cls(records=frozenset(records), ids=tuple(ids), **rest)

    @classmethod
    def all(cls, **rest) -> "Changes":
        return cls(records=frozenset(Record), everything=True, **rest)

    def touches(self, *records: Record) -> bool:
        """True when any of these kinds of record changed."""
        return self.everything or any(record in self.records for record in records)

    def ids_of(self, record: Record) -> set[int]:
        return {record_id for kind, record_id in self.ids if kind is record}

    def __bool__(self) -> bool:
        return bool(self.records) or self.everything
