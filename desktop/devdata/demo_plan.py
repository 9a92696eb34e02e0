"""The demo's follow-ups: every rejected application planned through the real
planner, then lived through as a user would have.

Steps due more than a week ago were mostly sent (a note logged on the timeline, on
or a few days after the due day), some skipped and a few left late. About a third
of the notes sent got an answer: a reply, a conversation, now and then a new
interview or an offer, logged as the person's incoming contact with that outcome.
Steps due since then, and those still ahead, are open: Today, the calendar export
and Insights all have real work.

The planning is the planner's own; living it is done in bulk SQL, because sending
40,000 notes one by one would take minutes at 100,000 people.
"""

import datetime
import random

from desktop.playbook import planner
from desktop.playbook.kinds import StepKind
from desktop.playbook.settings import load_playbook_settings
from desktop.store.connection import db
from desktop.vocabulary import Outcome, StepStatus

#: Steps due longer ago than this were handled (sent or skipped), most of them.
HANDLED_AFTER_DAYS = 7
#: Of the steps due before then: sent, skipped; the rest are still late.
SENT_SHARE, SKIPPED_SHARE = 0.8, 0.1
#: Of the notes sent: the share answered, and what the answers led to.
ANSWERED_SHARE = 0.32
OUTCOME_WEIGHTS = ((Outcome.REPLIED, 60), (Outcome.CONVERSATION, 25),
                   (Outcome.INTERVIEW, 11), (Outcome.OFFER, 4))
_SUBJECTS = {StepKind.THANK_YOU: "Thank you for the interview",
             StepKind.FEEDBACK: "A short question about my interview",
             StepKind.NETWORK: "Staying in touch",
             StepKind.HIRE_WATCH: "Checking in about the role",
             StepKind.CHECK_IN: "Catching up"}
_ANSWERS = {Outcome.REPLIED: "They wrote back, kindly",
            Outcome.CONVERSATION: "They suggested a call",
            Outcome.INTERVIEW: "They invited me to interview for another role",
            Outcome.OFFER: "They made me an offer"}


def plan_and_live(rng: random.Random, today: datetime.date, now: datetime.datetime) -> dict:
    """Plan every rejected application's follow-ups, then handle the old ones; the
    counts of what was made. Runs inside the demo's transaction."""
    settings = load_playbook_settings()
    planned = 0
    for (application_id,) in db.execute_sql(
            "SELECT id FROM application WHERE stage = 'rejected' ORDER BY id").fetchall():
        planned += len(planner.plan_rejection(application_id, settings))
    handled_before = today - datetime.timedelta(days=HANDLED_AFTER_DAYS)
    old = db.execute_sql(
        "SELECT id, kind, person_id, application_id, due_on FROM step "
        "WHERE status = 'planned' AND due_on < ? ORDER BY id",
        (handled_before.isoformat(),)).fetchall()
    sent = skipped = answered = 0
    contacts: list[tuple] = []
    for step_id, kind, person_id, application_id, due_on in old:
        roll = rng.random()
        if roll >= SENT_SHARE + SKIPPED_SHARE:
            continue  # still late
        if roll >= SENT_SHARE:
            db.execute_sql("UPDATE step SET status = ?, skip_reason = ?, done_at = ? "
                           "WHERE id = ?", (StepStatus.SKIPPED.value, "Not the right moment",
                                            now, step_id))
            skipped += 1
            continue
        due = datetime.date.fromisoformat(str(due_on)[:10])
        when = datetime.datetime.combine(due + datetime.timedelta(days=rng.randint(0, 3)),
                                         datetime.time(rng.randint(8, 18), rng.randint(0, 59)))
        when = min(when, now)
        cursor = db.execute_sql(
            "INSERT INTO interaction (created_at, updated_at, person_id, application_id, "
            "occurred_at, channel, direction, summary, body, outcome) "
            "VALUES (?, ?, ?, ?, ?, 'email', 'outgoing', ?, '', '')",
            (when, when, person_id, application_id, when, _SUBJECTS[StepKind(kind)]))
        db.execute_sql("UPDATE step SET status = ?, interaction_id = ?, done_at = ? "
                       "WHERE id = ?", (StepStatus.SENT.value, cursor.lastrowid, when, step_id))
        sent += 1
        if rng.random() < ANSWERED_SHARE:
            outcome = rng.choices([o for o, _ in OUTCOME_WEIGHTS],
                                  [w for _, w in OUTCOME_WEIGHTS])[0]
            answer_at = min(when + datetime.timedelta(days=rng.randint(1, 20),
                                                      hours=rng.randint(0, 8)), now)
            contacts.append((answer_at, answer_at, person_id, application_id, answer_at,
                             _ANSWERS[outcome], outcome.value))
            answered += 1
    db.cursor().executemany(
        "INSERT INTO interaction (created_at, updated_at, person_id, application_id, "
        "occurred_at, channel, direction, summary, body, outcome) "
        "VALUES (?, ?, ?, ?, ?, 'email', 'incoming', ?, '', ?)", contacts)
    db.execute_sql("UPDATE person SET last_contact_at = (SELECT max(occurred_at) FROM "
                   "interaction WHERE person_id = person.id) "
                   "WHERE id IN (SELECT person_id FROM step)")
    return {"steps": planned, "sent": sent, "skipped": skipped, "answered": answered}
