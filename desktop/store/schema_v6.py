"""Format 6: how far each hiring process went, and what each sent note led to, kept
on the rows themselves.

*How far it went* (``application.furthest_stage``) is what the runner-up radar reads:
once an application is turned down its stage says "Rejected", and the fact that the
user reached the final round would be lost. A trigger raises it whenever the stage
moves further; the user may also set it (an application entered after the fact).

*What a note led to* (``step.sent_at``, ``answered_at``, ``answer_days``,
``answer_rank`` and ``sent_role``): when the note went; the first incoming contact
from its person within ``ANSWER_DAYS`` of it, and how many days that took; the best
outcome logged in that time (1 a reply, 2 a conversation, 3 an interview, 4 an
offer; 0 no answer); and the part its person played (in that application, else
their usual one). Insights reads them from two indexes instead of joining every
note to every later contact, which keeps it fast at 100,000 people. Triggers work
them out again when a contact is logged, edited or removed, when a step is marked
sent, and when a person's part changes.

The statements are frozen like every migration's: later code never changes them.
"""

#: How long after a note a contact from that person counts as its answer.
ANSWER_DAYS = 90

#: The day an application counts from in Insights: when it was sent, else when it was
#: entered. Indexed as written: a query must use the same words to read the index.
APPLIED_MONTH_DAY = "coalesce(applied_on, date(created_at))"

#: How far along each stage is; stages that close a process without saying how far
#: it went (Rejected, Withdrawn) count as 0.
STAGE_REACH = ("applied", "screening", "interviewing", "final_round", "offer", "hired")


def reach_of(column: str) -> str:
    """SQL for how far along the stage in ``column`` is (0 for a closing stage)."""
    cases = " ".join(f"WHEN '{stage}' THEN {rank}"
                     for rank, stage in enumerate(STAGE_REACH, start=1))
    return f"(CASE {column} {cases} ELSE 0 END)"


#: How far an answer ``j`` went; 0 where the note ``i`` had none (the outer join's
#: empty row).
_ANSWER_RANK = ("CASE WHEN j.id IS NULL THEN 0 WHEN j.outcome = 'offer' THEN 4 "
                "WHEN j.outcome = 'interview' THEN 3 WHEN j.outcome = 'conversation' THEN 2 "
                "ELSE 1 END")


#: The person's part in the step's application, else the part they usually play.
_ROLE = """coalesce(
    (SELECT nullif(v.role, '') FROM involvement v
     WHERE v.application_id = step.application_id AND v.person_id = step.person_id),
    (SELECT nullif(p.hiring_role, '') FROM person p WHERE p.id = step.person_id), 'other')"""


def _refresh_role(where: str) -> str:
    return f"UPDATE step SET sent_role = {_ROLE} WHERE sent_at IS NOT NULL AND {where}"


_PAIR = "application_id = {row}.application_id AND person_id = {row}.person_id"
#: The link now belongs to another application or person (else the old one's
#: refresh has done it).
_MOVED = (" AND (new.application_id IS NOT old.application_id "
          "OR new.person_id IS NOT old.person_id)")


def _refresh_answers(where: str) -> str:
    """Work out again, in one pass over the note's contact and its person's later ones,
    the columns Insights reads. A step with no contact gets them empty (an aggregate
    over no rows still gives one row)."""
    return f"""UPDATE step SET
        (sent_role, sent_at, answered_at, answer_days, answer_rank) = (
            SELECT {_ROLE}, i.occurred_at, min(j.occurred_at),
                   julianday(min(j.occurred_at)) - julianday(i.occurred_at),
                   coalesce(max({_ANSWER_RANK}), 0)
            FROM interaction i LEFT JOIN interaction j
              ON j.person_id = i.person_id AND j.direction = 'incoming'
             AND j.occurred_at > i.occurred_at
             AND j.occurred_at <= datetime(i.occurred_at, '+{ANSWER_DAYS} days')
            WHERE i.id = step.interaction_id)
        WHERE {where}"""


def _notes_of(person: str) -> str:
    return (f"step.interaction_id IN (SELECT id FROM interaction "
            f"WHERE person_id = {person})")


_RAISE_REACH = f"""WHEN {reach_of('new.stage')} > {reach_of('new.furthest_stage')} BEGIN
        UPDATE application SET furthest_stage = new.stage WHERE id = new.id;
    END"""

V6_REACH_AND_ANSWERS = (
    # Answers and "doors kept open" look for a person's incoming contacts in a window.
    'CREATE INDEX "interaction_incoming" ON "interaction" ("person_id", "occurred_at") '
    "WHERE direction = 'incoming'",
    'ALTER TABLE "application" ADD COLUMN "furthest_stage" TEXT NOT NULL DEFAULT \'\'',
    f"""UPDATE application SET furthest_stage = CASE
        WHEN {reach_of('stage')} > 0 THEN stage
        WHEN interviewed_on IS NOT NULL THEN 'interviewing' ELSE 'applied' END""",
    f"CREATE TRIGGER application_reach_insert AFTER INSERT ON application {_RAISE_REACH}",
    "CREATE TRIGGER application_reach_update AFTER UPDATE OF stage, furthest_stage "
    f"ON application {_RAISE_REACH}",
    'CREATE INDEX "application_furthest_stage" ON "application" ("furthest_stage")',
    'ALTER TABLE "step" ADD COLUMN "sent_at" DATETIME',
    'ALTER TABLE "step" ADD COLUMN "answered_at" DATETIME',
    'ALTER TABLE "step" ADD COLUMN "answer_days" REAL',
    'ALTER TABLE "step" ADD COLUMN "answer_rank" INTEGER NOT NULL DEFAULT 0',
    'ALTER TABLE "step" ADD COLUMN "sent_role" TEXT NOT NULL DEFAULT \'\'',
    _refresh_answers("interaction_id IS NOT NULL"),
    f"""CREATE TRIGGER step_answers_insert AFTER INSERT ON step
        WHEN new.interaction_id IS NOT NULL BEGIN
        {_refresh_answers('id = new.id')};
    END""",
    f"""CREATE TRIGGER step_answers_update AFTER UPDATE OF interaction_id ON step BEGIN
        {_refresh_answers('id = new.id')};
    END""",
    # A contact changes the answers of its person's notes sent in the days before it;
    # an edit or a removal works out again every note of the person (a few at most).
    f"""CREATE TRIGGER interaction_answers_insert AFTER INSERT ON interaction
        WHEN new.direction = 'incoming' BEGIN
        {_refresh_answers(f'''step.interaction_id IN (SELECT id FROM interaction
            WHERE person_id = new.person_id AND occurred_at < new.occurred_at
              AND occurred_at >= datetime(new.occurred_at, '-{ANSWER_DAYS + 1} days'))''')};
    END""",
    f"""CREATE TRIGGER interaction_answers_update
        AFTER UPDATE OF person_id, occurred_at, direction, outcome ON interaction BEGIN
        {_refresh_answers(_notes_of('old.person_id'))};
        {_refresh_answers(_notes_of('new.person_id')
                          + ' AND new.person_id IS NOT old.person_id')};
    END""",
    f"""CREATE TRIGGER interaction_answers_delete AFTER DELETE ON interaction BEGIN
        {_refresh_answers(_notes_of('old.person_id'))};
    END""",
    f"""CREATE TRIGGER involvement_role_insert AFTER INSERT ON involvement BEGIN
        {_refresh_role(_PAIR.format(row="new"))};
    END""",
    f"""CREATE TRIGGER involvement_role_update AFTER UPDATE ON involvement BEGIN
        {_refresh_role(_PAIR.format(row="old"))};
        {_refresh_role(_PAIR.format(row="new") + _MOVED)};
    END""",
    f"""CREATE TRIGGER involvement_role_delete AFTER DELETE ON involvement BEGIN
        {_refresh_role(_PAIR.format(row="old"))};
    END""",
    f"""CREATE TRIGGER person_role_update AFTER UPDATE OF hiring_role ON person BEGIN
        {_refresh_role("person_id = new.id")};
    END""",
    # Insights reads the notes sent from these two indexes alone: counts by kind or
    # by role, and each group's median days to an answer, walked in order.
    *(f'CREATE INDEX "step_sent_{group}" ON "step" ("{column}", "answer_days", "sent_at", '
      '"answer_rank", "application_id", "person_id") WHERE "sent_at" IS NOT NULL'
      for group, column in (("kind", "kind"), ("role", "sent_role"))),
    # Applications by month, and the skill gaps named since a date, read from an index
    # rather than from every application's row of text.
    # (The columns the day is worked out from are in them too: SQLite reads an indexed
    # expression from the index only when the columns under it are there as well.)
    f'CREATE INDEX "application_month" ON "application" ({APPLIED_MONTH_DAY}, "stage", '
    '"applied_on", "created_at")',
    f'CREATE INDEX "application_skill_gaps" ON "application" ({APPLIED_MONTH_DAY}, '
    '"skill_gaps", "applied_on", "created_at") WHERE "skill_gaps" <> \'\'',
)
