"""Taking a current database file back to an older format, as an older Rebound left
it, to test the migrations that bring it forward."""

import sqlite3

#: What migration 5 (search everything) made.
_SEARCH_EVERYTHING_TABLES = ("company_search", "application_search", "interaction_search")


def drop_search_everything(conn: sqlite3.Connection) -> None:
    """Remove migration 5's indexes and triggers: the file reads as format 4."""
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
