"""The user's own note templates, and their changes to the built-in ones.

A row whose key is a built-in's key overrides that built-in; deleting the row
resets it. The built-ins themselves live in ``resources/templates``.
"""

from dataclasses import dataclass

from desktop.clock import utcnow
from desktop.store.connection import transaction
from desktop.store.models import NoteTemplate
from desktop.store.validation import clean_text, require


@dataclass(frozen=True)
class StoredTemplate:
    key: str
    kind: str
    name: str
    description: str
    subject: str
    body: str


def stored_templates() -> dict[str, StoredTemplate]:
    return {
        row.key: StoredTemplate(row.key, row.kind, row.name, row.description, row.subject,
                                row.body)
        for row in NoteTemplate.select().order_by(NoteTemplate.name)
    }


def save_template(key: str, kind: str, name: str, description: str, subject: str,
                  body: str) -> None:
    """Create or replace the template stored under ``key``."""
    values = dict(kind=kind, name=require(name, "name", "The template's name"),
                  description=clean_text(description), subject=subject, body=body,
                  updated_at=utcnow())
    with transaction():
        updated = NoteTemplate.update(**values).where(NoteTemplate.key == key).execute()
        if not updated:
            NoteTemplate.create(key=key, **values)


def delete_template(key: str) -> None:
    with transaction():
        NoteTemplate.delete().where(NoteTemplate.key == key).execute()


def unused_key(prefix: str) -> str:
    """A key like ``custom-3`` that no stored template has yet."""
    taken = {key for (key,) in NoteTemplate.select(NoteTemplate.key).tuples()}
    number = 1
    while f"{prefix}-{number}" in taken:
        number += 1
    return f"{prefix}-{number}"


