"""Insights, as the Insights view and ``rebound insights --json`` show them: the
store's figures (``store.insights``) with the words the user reads and the rates
worked out. Plain data, so a test can check it against hand-made contacts."""

import datetime

from desktop.clock import to_local
from desktop.playbook.kinds import StepKind
from desktop.store import insights as figures
from desktop.store import radar
from desktop.vocabulary import HiringRole, Stage, person_name

#: "All time" for ``--since``.
BEGINNING = datetime.date(1970, 1, 1)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _kind_label(kind: str) -> str:
    try:
        return StepKind(kind).label
    except ValueError:
        return kind


def _role_label(role: str) -> str:
    member = HiringRole.parse(role, HiringRole.OTHER)
    return member.label if member.value else HiringRole.OTHER.label


def gather(since: datetime.date = BEGINNING) -> dict:
    """Every figure Insights shows, for what happened on or after ``since``."""
    shown = headline(since)
    more = details(since)
    shown["feedback"].update(more.pop("feedback"))
    return {**shown, **more}


def headline(since: datetime.date = BEGINNING) -> dict:
    """What Insights draws first: the funnel, response rates and the applications by
    month (each read from an index alone: quick at any size)."""
    funnel = [{"kind": kind, "label": _kind_label(kind), "sent": sent, "replied": replied,
               "conversations": talks, "interviews": interviews, "offers": offers}
              for kind, sent, replied, talks, interviews, offers in figures.funnel(since)]
    total = {key: sum(row[key] for row in funnel)
             for key in ("sent", "replied", "conversations", "interviews", "offers")}
    feedback = next((row for row in funnel if row["kind"] == StepKind.FEEDBACK), None)

    def responses(group: str, label, counts=None) -> list[dict]:
        return [{group: key, "label": label(key), "sent": sent, "answered": answered,
                 "rate": _rate(answered, sent), "median_days_to_answer": median}
                for key, sent, answered, median
                in figures.response_by(group, since, counts)]

    months: dict[str, dict[str, int]] = {}
    for month, stage, count in figures.applications_by_month(since):
        label = Stage.parse(stage, Stage.APPLIED).label
        months.setdefault(month, {})[label] = count
    return {
        "since": since.isoformat(),
        "answer_window_days": figures.ANSWER_DAYS,
        "funnel": {"by_kind": funnel, "total": total},
        "feedback": {"sent": feedback["sent"] if feedback else 0,
                     "answered": feedback["replied"] if feedback else 0},
        "response": {"by_kind": responses("kind", _kind_label,
                                          [(row["kind"], row["sent"], row["replied"])
                                           for row in funnel]),
                     "by_role": responses("role", _role_label)},
        "applications_by_month": [{"month": month, "stages": stages}
                                  for month, stages in months.items()],
    }


def details(since: datetime.date = BEGINNING) -> dict:
    """What Insights fills in after: the thank-you share, feedback by company and
    recruiter with the answers' words, the skill-gap themes, the doors kept open and
    the runner-ups
    (these read the applications and contacts themselves: slower at 100,000 people,
    so the window reads them on a worker thread)."""
    companies = figures.feedback_by_company(since)
    answers: dict[str, list] = {}
    for company, at, first, last, words in figures.feedback_answers(
            since, [company_id for company_id, *_rest in companies]):
        answers.setdefault(company, []).append(
            {"on": str(at)[:10], "person": person_name(first, last), "said": words})
    thanks, quick = figures.thank_you_within_a_day(since)
    return {
        "thank_you_within_a_day": {"sent": thanks, "within_a_day": quick,
                                   "share": _rate(quick, thanks)},
        "feedback": {
            "by_company": [{"company": company, "sent": sent, "answered": answered,
                            "rate": _rate(answered, sent),
                            "answers": answers.get(company, [])}
                           for _id, company, sent, answered in companies],
            "by_recruiter": [{"person": person_name(first, last) or email, "sent": sent,
                              "answered": answered, "rate": _rate(answered, sent)}
                             for first, last, email, sent, answered
                             in figures.feedback_by_recruiter(since)],
            "themes": [{"gap": gap, "applications": count}
                       for gap, count in figures.skill_gap_themes(since)]},
        "doors_kept_open": figures.doors_kept_open(since),
        "runner_ups": runner_ups(),
    }


def runner_ups(limit: int = 50) -> list[dict]:
    """Companies where the user reached the last rounds, as Insights lists them."""
    return [{"company": row.company, "company_id": row.company_id,
             "furthest_stage": row.furthest_stage,
             "reached": Stage.parse(row.furthest_stage, Stage.FINAL_ROUND).label,
             "positions": row.positions,
             "turned_down_on": row.turned_down_on.isoformat() if row.turned_down_on else None,
             "last_contact_at": (to_local(row.last_contact_at).date().isoformat()
                                 if row.last_contact_at else None),
             "next_step": {"due_on": row.next_due_on.isoformat(), "kind": row.next_kind,
                           "label": _kind_label(row.next_kind), "person": row.next_person}
             if row.next_due_on else None}
            for row in radar.runner_ups(limit)]
