"""Format 7: what the follow-ups led to, counted as it happens.

Today's summary line says how many notes were sent and how many contacts led to a
reply, a conversation, an interview or an offer. Counted on each reading, that
walked every sent step and every contact with an outcome (50,000 index entries at
100,000 people, half of Today's reading and of its first frame). The counts now
live in ``follow_up_tally``, one row per thing counted ("sent", and each outcome),
kept by triggers whenever a step's status or a contact's outcome is saved, changed
or removed; Today reads a handful of rows.

The statements are frozen like every migration's: later code never changes them.
"""

#: The tally's row for the notes sent; the outcomes have a row each, by their value.
SENT = "sent"


def _count(key: str, by: int) -> str:
    return (f"INSERT INTO follow_up_tally (what, n) VALUES ({key}, {by}) "
            f"ON CONFLICT (what) DO UPDATE SET n = n + {by}")


V7_FOLLOW_UP_TALLY = (
    'CREATE TABLE "follow_up_tally" ("what" TEXT PRIMARY KEY, "n" INTEGER NOT NULL) '
    "WITHOUT ROWID",
    f"INSERT INTO follow_up_tally (what, n) "
    f"SELECT '{SENT}', count(*) FROM step WHERE status = '{SENT}'",
    "INSERT INTO follow_up_tally (what, n) "
    "SELECT outcome, count(*) FROM interaction WHERE outcome != '' GROUP BY outcome",
    f"""CREATE TRIGGER step_tally_insert AFTER INSERT ON step
        WHEN new.status = '{SENT}' BEGIN {_count(f"'{SENT}'", 1)}; END""",
    f"""CREATE TRIGGER step_tally_delete AFTER DELETE ON step
        WHEN old.status = '{SENT}' BEGIN {_count(f"'{SENT}'", -1)}; END""",
    f"""CREATE TRIGGER step_tally_update AFTER UPDATE OF status ON step
        WHEN (old.status = '{SENT}') != (new.status = '{SENT}') BEGIN
        {_count(f"'{SENT}'", f"CASE WHEN new.status = '{SENT}' THEN 1 ELSE -1 END")};
    END""",
    f"""CREATE TRIGGER interaction_tally_insert AFTER INSERT ON interaction
        WHEN new.outcome != '' BEGIN {_count("new.outcome", 1)}; END""",
    f"""CREATE TRIGGER interaction_tally_delete AFTER DELETE ON interaction
        WHEN old.outcome != '' BEGIN {_count("old.outcome", -1)}; END""",
    """CREATE TRIGGER interaction_tally_update AFTER UPDATE OF outcome ON interaction
        WHEN old.outcome IS NOT new.outcome BEGIN
        INSERT INTO follow_up_tally (what, n) SELECT old.outcome, -1 WHERE old.outcome != ''
            ON CONFLICT (what) DO UPDATE SET n = n - 1;
        INSERT INTO follow_up_tally (what, n) SELECT new.outcome, 1 WHERE new.outcome != ''
            ON CONFLICT (what) DO UPDATE SET n = n + 1;
    END""",
)
