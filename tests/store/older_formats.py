"""Taking a current database file back to an older format, as an older Rebound left
it, to test the migrations that bring it forward."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

from desktop.store import lifecycle

#: What migration 5 (search everything) made.
_SEARCH_EVERYTHING_TABLES = ("company_search", "application_search", "interaction_search")


def drop_follow_up_tally(conn: sqlite3.Connection) -> None:
    """Remove migration 7's table and triggers: the file reads as format 6."""
    for trigger in ("step_tally_insert", "step_tally_delete", "step_tally_update",
                    "interaction_tally_insert", "interaction_tally_delete",
                    "interaction_tally_update"):
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DROP TABLE follow_up_tally")
    conn.execute("PRAGMA user_version = 6")


def drop_reach_and_answers(conn: sqlite3.Connection) -> None:
    """Remove migrations 7 and 6: the file reads as format 5."""
    drop_follow_up_tally(conn)
    for trigger in ("application_reach_insert", "application_reach_update",
                    "step_answers_insert", "step_answers_update", "interaction_answers_insert",
                    "interaction_answers_update", "interaction_answers_delete",
                    "involvement_role_insert", "involvement_role_update",
                    "involvement_role_delete", "person_role_update"):
        conn.execute(f"DROP TRIGGER {trigger}")
    for index in ("application_furthest_stage", "step_sent_kind", "step_sent_role",
                  "interaction_incoming", "application_month", "application_skill_gaps"):
        conn.execute(f"DROP INDEX {index}")
    for table, column in (("application", "furthest_stage"), ("step", "sent_at"),
                          ("step", "answered_at"), ("step", "answer_days"), ("step", "answer_rank"),
                          ("step", "sent_role")):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.execute("PRAGMA user_version = 5")


def drop_search_everything(conn: sqlite3.Connection) -> None:
    """Remove migrations 7, 6 and 5: the file reads as format 4."""
    drop_reach_and_answers(conn)
    triggers = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'step_sent%' "
        + "".join(f" OR name LIKE '{table}%'" for table in _SEARCH_EVERYTHING_TABLES) + ")"
    ).fetchall()
    for (name,) in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    for table in _SEARCH_EVERYTHING_TABLES:
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP INDEX step_interaction_id")
    conn.execute("PRAGMA user_version = 4")


def reopened_as_older(store, data_dir: Path, back: Callable[[sqlite3.Connection], None]):
    """Close ``store``, take its file back with ``back`` (one of the functions above),
    as an older Rebound would have left it, and open it again: the migrations run."""
    lifecycle.close_store(store)
    conn = sqlite3.connect(data_dir / "rebound.db")
    with conn:
        back(conn)
    conn.close()
    return lifecycle.open_store(data_dir)
