"""What each chart on Insights shows, worked out from ``playbook.insights`` figures:
the bars, the words at their ends and on hover, and the same figures as a table.
Plain functions of plain data, so each chart's words are tested without painting."""

import datetime

from desktop.ui.widgets.charts import Bar, ChartData
from desktop.ui.widgets.formatting import percent
from desktop.vocabulary import Stage

THEMES_TITLE = "Skill gaps you were told about"
#: The funnel's steps: (key in the figures, what the bar is called).
FUNNEL_STEPS = (("sent", "Notes sent"), ("replied", "Answered"),
                ("conversations", "Conversations"), ("interviews", "Interviews"),
                ("offers", "Offers"))


def count(value: int) -> str:
    return f"{value:,}"


def funnel(figures: dict) -> ChartData:
    total = figures["funnel"]["total"]
    sent = total["sent"]
    days = figures["answer_window_days"]
    bars = []
    for key, label in FUNNEL_STEPS:
        value = total[key]
        share = "" if key == "sent" else f" ({percent(value, sent)})"
        tip = (f"{label}: {count(value)}" if key == "sent" else
               f"{label}: {count(value)} of {count(sent)} notes sent ({percent(value, sent)}), "
               f"within {days} days of the note")
        bars.append(Bar(label, (value,), count(value) + share, (tip,)))
    rows = [(row["label"], *(count(row[key]) for key, _ in FUNNEL_STEPS))
            for row in figures["funnel"]["by_kind"]]
    if len(rows) > 1:
        rows.append(("All notes", *(count(total[key]) for key, _ in FUNNEL_STEPS)))
    return ChartData("What your notes led to", tuple(bars),
                     columns=("Kind of note", *(label for _, label in FUNNEL_STEPS)),
                     rows=tuple(rows),
                     empty="No notes sent yet. When you send the follow-ups Today plans, "
                           "what they lead to shows here.")


def _days(median: float | None) -> str:
    if median is None:
        return "—"
    return f"{median:g} day" if median == 1 else f"{median:g} days"


def responses(figures: dict, group: str) -> ChartData:
    """Response rate by kind of note (``group`` "by_kind") or by the person's part."""
    bars, rows = [], []
    for row in figures["response"][group]:
        rate = row["rate"] or 0
        median = row["median_days_to_answer"]
        wait = f" · {_days(median)}" if median is not None else ""
        bars.append(Bar(row["label"], (rate * 100,),
                        percent(row["answered"], row["sent"]) + wait,
                        (f"{row['label']}: {count(row['answered'])} of {count(row['sent'])} "
                         f"answered ({percent(row['answered'], row['sent'])})"
                         + (f"; half the answers came within {_days(median)}"
                            if median is not None else ""),)))
        rows.append((row["label"], count(row["sent"]), count(row["answered"]),
                     percent(row["answered"], row["sent"]), _days(median)))
    title = "Answered, by kind of note" if group == "by_kind" else "Answered, by their part"
    first = "Kind of note" if group == "by_kind" else "Their part"
    return ChartData(title, tuple(bars),
                     columns=(first, "Sent", "Answered", "Rate", "Median wait"),
                     rows=tuple(rows), empty="No notes sent yet.")


def _month_label(month: str, with_year: bool) -> str:
    day = datetime.date.fromisoformat(f"{month}-01")
    return f"{day:%b %y}" if with_year else f"{day:%b}"


#: Each stage's colour (its place in ``charts.HUES``): open stages in blues, the
#: last rounds in orange and yellow, hired green, rejected vermilion, withdrawn grey.
STAGE_HUES = {Stage.APPLIED: 0, Stage.SCREENING: 4, Stage.INTERVIEWING: 3,
              Stage.FINAL_ROUND: 1, Stage.OFFER: 6, Stage.HIRED: 2, Stage.REJECTED: 5,
              Stage.WITHDRAWN: 7}


def _every_month(shown: list[dict]) -> list[dict]:
    """The months from the first to the last, those without applications included,
    so the columns keep time's spacing."""
    if not shown:
        return []
    by_month = {month["month"]: month["stages"] for month in shown}
    year, number = map(int, shown[0]["month"].split("-"))
    months, last = [], shown[-1]["month"]
    while True:
        key = f"{year:04d}-{number:02d}"
        months.append({"month": key, "stages": by_month.get(key, {})})
        if key >= last:
            return months
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)


def months(figures: dict) -> ChartData:
    """Applications by month applied, stacked by where each stands now."""
    shown = _every_month(figures["applications_by_month"])
    members = [stage for stage in Stage
               if any(stage.label in month["stages"] for month in shown)]
    stages = [stage.label for stage in members]
    with_year = len({month["month"][:4] for month in shown}) > 1
    bars, rows = [], []
    for month in shown:
        values = tuple(month["stages"].get(stage, 0) for stage in stages)
        total = sum(values)
        long_name = datetime.date.fromisoformat(f"{month['month']}-01").strftime("%B %Y")
        tips = tuple(f"{long_name}: {count(value)} {stage.lower()} of {count(total)} "
                     f"{'application' if total == 1 else 'applications'}"
                     for stage, value in zip(stages, values, strict=True))
        bars.append(Bar(_month_label(month["month"], with_year), values, count(total), tips))
        rows.append((long_name, *(count(value) for value in values), count(total)))
    return ChartData("Applications by month", tuple(bars), series=tuple(stages),
                     columns=("Month", *stages, "All"), rows=tuple(rows),
                     empty="No applications yet.",
                     hues=tuple(STAGE_HUES[stage] for stage in members))


def themes(figures: dict) -> ChartData:
    """The skill gaps named most; "Reading…" until the worker has read them."""
    if "themes" not in figures["feedback"]:
        return ChartData(THEMES_TITLE, empty="Reading…")
    shown = figures["feedback"]["themes"]
    bars = tuple(Bar(theme["gap"], (theme["applications"],), count(theme["applications"]),
                     (f"“{theme['gap']}”: named in {count(theme['applications'])} "
                      f"{'reflection' if theme['applications'] == 1 else 'reflections'}",))
                 for theme in shown)
    return ChartData(THEMES_TITLE, bars,
                     columns=("Skill gap", "Applications"),
                     rows=tuple((theme["gap"], count(theme["applications"]))
                                for theme in shown),
                     empty="No skill gaps noted yet: add them to an application's "
                           "reflection.")
