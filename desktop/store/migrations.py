"""Schema versions, recorded in ``PRAGMA user_version``, and how to move between them.

Each migration is a frozen list of SQL statements: later model changes never
alter what an old migration does. A migration runs in one transaction with the
version bump, after a backup of the file as it was.
"""

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from desktop.store.connection import db, explain_failure, user_version
from desktop.store.data_format import DatabaseTooNew, MigrationFailed
from desktop.store.failures import WriteFailed
from desktop.store.schema_v6 import V6_REACH_AND_ANSWERS
from desktop.store.schema_v7 import V7_FOLLOW_UP_TALLY

_TIMESTAMPS = '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL'

_V1_CORE = (
    'CREATE TABLE "meta" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    "INSERT INTO meta (key, value) VALUES ('revision', '0'), ('backup_revision', '-1')",
    f"""CREATE TABLE "company" (
        "id" INTEGER NOT NULL PRIMARY KEY, {_TIMESTAMPS},
        "name" TEXT NOT NULL CHECK (trim("name") <> ''),
        "website" TEXT NOT NULL DEFAULT '', "industry" TEXT NOT NULL DEFAULT '',
        "location" TEXT NOT NULL DEFAULT '', "notes" TEXT NOT NULL DEFAULT '')""",
    'CREATE UNIQUE INDEX "company_name" ON "company" ("name" COLLATE NOCASE)',
    f"""CREATE TABLE "person" (
        "id" INTEGER NOT NULL PRIMARY KEY, {_TIMESTAMPS},
        "first_name" TEXT NOT NULL DEFAULT '', "last_name" TEXT NOT NULL DEFAULT '',
        "company_id" INTEGER REFERENCES "company" ("id") ON DELETE SET NULL,
        "title" TEXT NOT NULL DEFAULT '', "hiring_role" TEXT NOT NULL DEFAULT '',
        "email" TEXT NOT NULL DEFAULT '', "phone" TEXT NOT NULL DEFAULT '',
        "linkedin_url" TEXT NOT NULL DEFAULT '', "how_met" TEXT NOT NULL DEFAULT '',
        "notes" TEXT NOT NULL DEFAULT '', "last_contact_at" DATETIME,
        CHECK (trim("first_name") <> '' OR trim("last_name") <> '' OR trim("email") <> ''))""",
    'CREATE INDEX "person_company_id" ON "person" ("company_id")',
    'CREATE INDEX "person_name" ON "person" '
    '("first_name" COLLATE NOCASE, "last_name" COLLATE NOCASE)',
    'CREATE INDEX "person_email" ON "person" ("email" COLLATE NOCASE)',
    'CREATE INDEX "person_last_contact_at" ON "person" ("last_contact_at")',
    f"""CREATE TABLE "application" (
        "id" INTEGER NOT NULL PRIMARY KEY, {_TIMESTAMPS},
        "company_id" INTEGER NOT NULL REFERENCES "company" ("id") ON DELETE CASCADE,
        "position" TEXT NOT NULL CHECK (trim("position") <> ''),
        "job_url" TEXT NOT NULL DEFAULT '', "source" TEXT NOT NULL DEFAULT '',
        "stage" TEXT NOT NULL DEFAULT 'applied',
        "applied_on" DATE, "interviewed_on" DATE, "rejected_on" DATE,
        "rejection_reason" TEXT NOT NULL DEFAULT '',
        "stumped_questions" TEXT NOT NULL DEFAULT '',
        "should_have_mentioned" TEXT NOT NULL DEFAULT '',
        "skill_gaps" TEXT NOT NULL DEFAULT '', "lessons" TEXT NOT NULL DEFAULT '',
        "hired_candidate" TEXT NOT NULL DEFAULT '', "notes" TEXT NOT NULL DEFAULT '')""",
    'CREATE INDEX "application_company_id" ON "application" ("company_id")',
    'CREATE INDEX "application_stage" ON "application" ("stage")',
    'CREATE INDEX "application_applied_on" ON "application" ("applied_on")',
    f"""CREATE TABLE "involvement" (
        "id" INTEGER NOT NULL PRIMARY KEY, {_TIMESTAMPS},
        "application_id" INTEGER NOT NULL REFERENCES "application" ("id") ON DELETE CASCADE,
        "person_id" INTEGER NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
        "role" TEXT NOT NULL DEFAULT '')""",
    'CREATE UNIQUE INDEX "involvement_application_id_person_id" '
    'ON "involvement" ("application_id", "person_id")',
    'CREATE INDEX "involvement_person_id" ON "involvement" ("person_id")',
    f"""CREATE TABLE "interaction" (
        "id" INTEGER NOT NULL PRIMARY KEY, {_TIMESTAMPS},
        "person_id" INTEGER NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
        "application_id" INTEGER REFERENCES "application" ("id") ON DELETE SET NULL,
        "occurred_at" DATETIME NOT NULL,
        "channel" TEXT NOT NULL DEFAULT 'email', "direction" TEXT NOT NULL DEFAULT 'outgoing',
        "summary" TEXT NOT NULL DEFAULT '', "body" TEXT NOT NULL DEFAULT '')""",
    'CREATE INDEX "interaction_person_id_occurred_at" '
    'ON "interaction" ("person_id", "occurred_at")',
    'CREATE INDEX "interaction_application_id" ON "interaction" ("application_id")',
)

# Full-text search over people, so the filter box stays instant at 100,000 rows.
# Triggers keep it in step with person and company edits, imports included.
_PERSON_SEARCH_ROW = (
    "new.id, new.first_name || ' ' || new.last_name, new.email, new.title, "
    "coalesce((SELECT name FROM company WHERE id = new.company_id), '')"
)
# Two triggers that both versions of the people search create alike. Never edit them:
# migrations are history, and a change belongs in a new migration.
_SEARCH_DELETE_TRIGGER = """CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
        DELETE FROM person_search WHERE rowid = old.id;
    END"""
_SEARCH_COMPANY_RENAME_TRIGGER = (
    """CREATE TRIGGER person_search_company_rename AFTER UPDATE OF name ON company BEGIN
        UPDATE person_search SET company = new.name
        WHERE rowid IN (SELECT id FROM person WHERE company_id = new.id);
    END""")
_V2_PERSON_SEARCH = (
    """CREATE VIRTUAL TABLE "person_search" USING fts5(
        name, email, title, company,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')""",
    """INSERT INTO person_search (rowid, name, email, title, company)
        SELECT p.id, p.first_name || ' ' || p.last_name, p.email, p.title,
               coalesce(c.name, '')
        FROM person p LEFT JOIN company c ON c.id = p.company_id""",
    f"""CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN
        INSERT INTO person_search (rowid, name, email, title, company)
        VALUES ({_PERSON_SEARCH_ROW});
    END""",
    f"""CREATE TRIGGER person_search_update
        AFTER UPDATE OF first_name, last_name, email, title, company_id ON person BEGIN
        DELETE FROM person_search WHERE rowid = old.id;
        INSERT INTO person_search (rowid, name, email, title, company)
        VALUES ({_PERSON_SEARCH_ROW});
    END""",
    _SEARCH_DELETE_TRIGGER,
    _SEARCH_COMPANY_RENAME_TRIGGER,
)


# The playbook: planned follow-up steps, the user's own note templates, the log of
# skills gained since an interview, outcomes of contacts, and settings.
_V3_PLAYBOOK = (
    f"""CREATE TABLE "step" (
        "id" INTEGER NOT NULL PRIMARY KEY, {_TIMESTAMPS},
        "kind" TEXT NOT NULL,
        "person_id" INTEGER NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
        "application_id" INTEGER REFERENCES "application" ("id") ON DELETE CASCADE,
        "due_on" DATE NOT NULL,
        "status" TEXT NOT NULL DEFAULT 'planned',
        "template_key" TEXT NOT NULL DEFAULT '',
        "draft_subject" TEXT NOT NULL DEFAULT '', "draft_body" TEXT NOT NULL DEFAULT '',
        "interaction_id" INTEGER REFERENCES "interaction" ("id") ON DELETE SET NULL,
        "skip_reason" TEXT NOT NULL DEFAULT '',
        "done_at" DATETIME)""",
    'CREATE INDEX "step_status_due_on" ON "step" ("status", "due_on")',
    'CREATE INDEX "step_person_id" ON "step" ("person_id")',
    'CREATE INDEX "step_application_id" ON "step" ("application_id")',
    f"""CREATE TABLE "note_template" (
        "id" INTEGER NOT NULL PRIMARY KEY, {_TIMESTAMPS},
        "key" TEXT NOT NULL UNIQUE, "kind" TEXT NOT NULL,
        "name" TEXT NOT NULL CHECK (trim("name") <> ''),
        "description" TEXT NOT NULL DEFAULT '',
        "subject" TEXT NOT NULL DEFAULT '', "body" TEXT NOT NULL DEFAULT '')""",
    f"""CREATE TABLE "skill" (
        "id" INTEGER NOT NULL PRIMARY KEY, {_TIMESTAMPS},
        "what" TEXT NOT NULL CHECK (trim("what") <> ''),
        "learned_on" DATE NOT NULL,
        "gap" TEXT NOT NULL DEFAULT '',
        "application_id" INTEGER REFERENCES "application" ("id") ON DELETE SET NULL)""",
    'CREATE INDEX "skill_learned_on" ON "skill" ("learned_on")',
    'ALTER TABLE "interaction" ADD COLUMN "outcome" TEXT NOT NULL DEFAULT \'\'',
    # Few contacts have an outcome: a partial index lets the Today summary count them
    # without reading every interaction.
    'CREATE INDEX "interaction_outcome" ON "interaction" ("outcome") WHERE "outcome" <> \'\'',
    'ALTER TABLE "person" ADD COLUMN "checkin_months" INTEGER',
    'CREATE TABLE "setting" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
)


# The Role column, as it reads, in the people search: typing "recruiter" finds whom
# the table shows as one. The labels are written here as they were when this was
# made; a test holds them to ``vocabulary``, so a relabelled role comes with a
# migration that rebuilds the index.
ROLE_LABELS_IN_SEARCH = {"hiring_manager": "Hiring manager", "recruiter": "Recruiter",
                         "interviewer": "Interviewer", "hr": "HR", "referrer": "Referrer",
                         "other": "Other"}


def _role_label(row: str) -> str:
    cases = " ".join(f"WHEN '{value}' THEN '{label}'"
                     for value, label in ROLE_LABELS_IN_SEARCH.items())
    return f"CASE {row}.hiring_role {cases} ELSE '' END"


_V4_SEARCH_ROW = f"{_PERSON_SEARCH_ROW}, {_role_label('new')}"
_V4_ROLE_IN_SEARCH = (
    "DROP TRIGGER person_search_insert",
    "DROP TRIGGER person_search_update",
    "DROP TRIGGER person_search_delete",
    "DROP TRIGGER person_search_company_rename",
    "DROP TABLE person_search",
    """CREATE VIRTUAL TABLE "person_search" USING fts5(
        name, email, title, company, role,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')""",
    f"""INSERT INTO person_search (rowid, name, email, title, company, role)
        SELECT p.id, p.first_name || ' ' || p.last_name, p.email, p.title,
               coalesce(c.name, ''), {_role_label('p')}
        FROM person p LEFT JOIN company c ON c.id = p.company_id""",
    f"""CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN
        INSERT INTO person_search (rowid, name, email, title, company, role)
        VALUES ({_V4_SEARCH_ROW});
    END""",
    f"""CREATE TRIGGER person_search_update
        AFTER UPDATE OF first_name, last_name, email, title, company_id, hiring_role
        ON person BEGIN
        DELETE FROM person_search WHERE rowid = old.id;
        INSERT INTO person_search (rowid, name, email, title, company, role)
        VALUES ({_V4_SEARCH_ROW});
    END""",
    _SEARCH_DELETE_TRIGGER,
    _SEARCH_COMPANY_RENAME_TRIGGER,
)


# Search everything (Ctrl+K): companies, applications with their reflection, and every
# contact on a timeline (the notes sent among them), each in its own full-text
# index so every group of results is one short, bounded lookup. Triggers keep them
# in step with every edit, import and cascade.
_REFLECTION = ("rejection_reason", "stumped_questions", "should_have_mentioned",
               "skill_gaps", "lessons", "hired_candidate", "notes")


def _reflection(row: str) -> str:
    return " || char(10) || ".join(f"{row}.{column}" for column in _REFLECTION)


def _company_name(row: str) -> str:
    return f"coalesce((SELECT name FROM company WHERE id = {row}.company_id), '')"


def _reindexed(table: str, columns: str, values: str, when: str) -> tuple[str, ...]:
    """Insert, update and delete triggers that keep ``{table}_search`` in step."""
    index = f"{table}_search"
    return (
        f"""CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN
            INSERT INTO {index} (rowid, {columns}) VALUES (new.id, {values});
        END""",
        f"""CREATE TRIGGER {index}_update AFTER UPDATE OF {when} ON {table} BEGIN
            DELETE FROM {index} WHERE rowid = old.id;
            INSERT INTO {index} (rowid, {columns}) VALUES (new.id, {values});
        END""",
        f"""CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN
            DELETE FROM {index} WHERE rowid = old.id;
        END""",
    )


_SENT = ("CASE WHEN EXISTS (SELECT 1 FROM step WHERE interaction_id = {row}.id) "
         "THEN 'sent' ELSE '' END")
_FTS_OPTIONS = "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'"
_V5_SEARCH_EVERYTHING = (
    f'CREATE VIRTUAL TABLE "company_search" USING fts5(name, details, {_FTS_OPTIONS})',
    """INSERT INTO company_search (rowid, name, details)
        SELECT id, name, industry || ' ' || location || char(10) || notes FROM company""",
    *_reindexed("company", "name, details",
                "new.name, new.industry || ' ' || new.location || char(10) || new.notes",
                "name, industry, location, notes"),
    f"""CREATE VIRTUAL TABLE "application_search" USING fts5(
        position, company, source, reflection, {_FTS_OPTIONS})""",
    f"""INSERT INTO application_search (rowid, position, company, source, reflection)
        SELECT a.id, a.position, {_company_name('a')}, a.source, {_reflection('a')}
        FROM application a""",
    *_reindexed("application", "position, company, source, reflection",
                f"new.position, {_company_name('new')}, new.source, {_reflection('new')}",
                "position, company_id, source, " + ", ".join(_REFLECTION)),
    """CREATE TRIGGER application_search_company_rename AFTER UPDATE OF name ON company
        BEGIN
        UPDATE application_search SET company = new.name
        WHERE rowid IN (SELECT id FROM application WHERE company_id = new.id);
    END""",
    # ``sent`` holds the word "sent" for a note sent through a step: "Notes sent" and
    # "Timeline" are then each one bounded lookup, however many contacts there are.
    f"""CREATE VIRTUAL TABLE "interaction_search" USING fts5(
        summary, body, sent, {_FTS_OPTIONS})""",
    f"""INSERT INTO interaction_search (rowid, summary, body, sent)
        SELECT i.id, i.summary, i.body, {_SENT.format(row='i')} FROM interaction i""",
    *_reindexed("interaction", "summary, body, sent",
                f"new.summary, new.body, {_SENT.format(row='new')}", "summary, body"),
    *(f"""CREATE TRIGGER step_sent_{name} AFTER {event} ON step
        WHEN new.interaction_id IS NOT NULL BEGIN
        UPDATE interaction_search SET sent = 'sent' WHERE rowid = new.interaction_id;
    END""" for name, event in (("insert", "INSERT"), ("update", "UPDATE OF interaction_id"))),
    'CREATE INDEX "step_interaction_id" ON "step" ("interaction_id") '
    'WHERE "interaction_id" IS NOT NULL',
)


class Migration(NamedTuple):  # not a dataclass: see ``boot``, rule 4
    version: int
    description: str
    statements: Sequence[str]

    def __repr__(self) -> str:
        return f"Migration({self.version}, {self.description!r})"

    def apply(self) -> None:
        for statement in self.statements:
            db.execute_sql(statement)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "companies, people, applications and interactions", _V1_CORE),
    Migration(2, "full-text search over people", _V2_PERSON_SEARCH),
    Migration(3, "follow-up steps, note templates, skills and settings", _V3_PLAYBOOK),
    Migration(4, "roles in the people search", _V4_ROLE_IN_SEARCH),
    Migration(5, "search everything: companies, applications, reflections and contacts",
              _V5_SEARCH_EVERYTHING),
    Migration(6, "how far each process went, and what each note sent led to",
              V6_REACH_AND_ANSWERS),
    Migration(7, "what the follow-ups led to, counted as it happens", V7_FOLLOW_UP_TALLY),
)


def pending(migrations: Sequence[Migration] = MIGRATIONS) -> list[Migration]:
    current = user_version()
    return [m for m in migrations if m.version > current]


def migrate(
    path: Path,
    before_each: Callable[[Migration], None] | None = None,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> list[Migration]:
    """Bring the open database up to date; returns the migrations applied.

    ``before_each`` runs before every migration on a database that already
    holds a schema (the backup hook). A migration that fails (or whose backup
    fails) rolls back whole, leaves ``user_version`` where it was and raises
    MigrationFailed naming the version. A newer file is refused untouched.
    """
    current = user_version()
    newest = migrations[-1].version
    if current > newest:
        raise DatabaseTooNew(path, current, newest)
    applied = []
    for migration in pending(migrations):
        try:
            # A brand-new file holds nothing worth a backup yet.
            if before_each is not None and current > 0:
                before_each(migration)
            with db.atomic("IMMEDIATE"):
                migration.apply()
                db.execute_sql(f"PRAGMA user_version = {int(migration.version)}")
        except Exception as exc:
            raise MigrationFailed(path, migration.version, _plain_reason(exc), str(exc)) from exc
        applied.append(migration)
    return applied


def _plain_reason(exc: Exception) -> str:
    """Why a migration failed, where the user can do something about it (a full disk)."""
    explained = explain_failure(exc)
    return f"{explained.what}." if isinstance(explained, WriteFailed) else ""
