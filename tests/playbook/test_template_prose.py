"""Every built-in template reads as finished prose, whatever is missing.

Each built-in's subject and body are rendered for every subset of the fields that
may be missing in real use (company, position, interview date, what they said,
new skills, hired candidate, the recipient's first name, the user's name and the
user's signature: 2**9 = 512 renders per template). Each render also gets one of
the recipient roles (who they are and whether they gave the news) and one mix of
the interview reflection (a question that stumped the user, what they should
have mentioned, skill gaps), taken in turn so that every role and every mix
meets many subsets; and every role meets every mix with all fields present and
with none. Each result is checked for the marks of a template that missed a
field (gaps such as " ," or "at .", words doubled, a sentence or subject left
hanging on "with" or "the", unbalanced quotes) and must pass the tone check
without an error.

Renders are cached, so the prose checks and the tone check share them.
"""

import functools
import itertools
import re

import pytest

from desktop.playbook import templates as tp
from desktop.playbook.tone import check_note

#: The fields that may each be missing, in the order of the bits of a subset's mask.
OPTIONAL = (
    "company",
    "position",
    "interviewed_on",
    "what_they_said",
    "new_skills",
    "hired_candidate",
    "first_name",
    "my_name",
    "my_signature",
)
SUBSETS = range(2 ** len(OPTIONAL))

#: (recipient_role, told_me_the_news): who the note is for. Seven of them, so that
#: taking them in turn over the subsets gives each role subsets of every shape.
ROLES = (
    ("hiring_manager", True),
    ("hiring_manager", False),
    ("recruiter", True),
    ("interviewer", False),
    ("hr", True),
    ("referrer", False),
    ("", False),
)
#: What the user noted after the interview: every mix of the three notes.
REFLECTIONS = tuple(itertools.product((False, True), repeat=3))

PRESENT = {
    "company": "Northwind Labs",
    "position": "Senior Data Analyst",
    "interviewed_on": "3 March",
    "what_they_said": "They chose someone with more hands-on experience of A/B tests.",
    "hired_candidate": "Jordan Ellis",
}
NEW_SKILLS = [
    {"what": "finished a course on experiment design.", "gap": "my experience with A/B testing",
     "learned_on": "April"},
    {"what": "rebuilt a reporting pipeline in dbt", "gap": "", "learned_on": ""},
]
REFLECTION_VALUES = {
    "stumped_questions": "How would you tell whether a new onboarding flow works?\nWhy SQL?",
    "should_have_mentioned": "The churn dashboard I built, which halved reporting time.",
    "skill_gaps": "SQL window functions; clinical data standards such as FHIR",
}


def context_for(mask: int, role: tuple[str, bool], reflection: tuple[bool, ...]) -> dict:
    has = {name: bool(mask >> bit & 1) for bit, name in enumerate(OPTIONAL)}
    context = {name: (value if has[name] else "") for name, value in PRESENT.items()}
    context["new_skills"] = NEW_SKILLS if has["new_skills"] else []
    context["person"] = {"first_name": "Dana" if has["first_name"] else "",
                         "last_name": "Whitfield", "email": "dana@northwind.example"}
    context["me"] = {
        "name": "Alex Morgan" if has["my_name"] else "",
        "signature": "+44 7700 900123\nlinkedin.com/in/alexmorgan" if has["my_signature"] else "",
    }
    context["recipient_role"], context["told_me_the_news"] = role
    for name, present in zip(REFLECTION_VALUES, reflection, strict=True):
        context[name] = REFLECTION_VALUES[name] if present else ""
    context["rejected_on"] = "12 March"
    context["today"] = "14 June"
    return context


def cases_in_turn() -> list[tuple[int, int, int]]:
    """(mask, role, reflection) indexes: every subset, roles and reflections in turn."""
    return [(mask, mask % len(ROLES), mask // len(ROLES) % len(REFLECTIONS)) for mask in SUBSETS]


def cases_at_the_extremes() -> list[tuple[int, int, int]]:
    """Every role with every reflection, with all fields present and with none."""
    return [(mask, role, reflection)
            for mask in (0, SUBSETS[-1])
            for role in range(len(ROLES))
            for reflection in range(len(REFLECTIONS))]


CASES = sorted(set(cases_in_turn()) | set(cases_at_the_extremes()))
KEYS = [t.key for t in tp.builtin_templates()]


@functools.cache
def rendered(key: str, case: tuple[int, int, int]) -> tp.Rendered:
    mask, role, reflection = case
    return tp.render(tp.builtin(key), context_for(mask, ROLES[role], REFLECTIONS[reflection]))


def describe(case: tuple[int, int, int]) -> str:
    mask, role, reflection = case
    missing = [name for bit, name in enumerate(OPTIONAL) if not mask >> bit & 1]
    noted = [name for name, on in zip(REFLECTION_VALUES, REFLECTIONS[reflection],
                                      strict=True) if on]
    return (f"role {ROLES[role]}, missing {missing or 'nothing'}, "
            f"reflection {noted or 'none'}")


# --------------------------------------------------------------------------------------
# What a gap left by a missing field looks like

#: Words a sentence or a subject cannot end on: prepositions, conjunctions, articles...
_LEFT_HANGING = frozenset((
    "about", "after", "as", "at", "before", "by", "for", "from", "in", "into", "of", "on",
    "since", "than", "to", "with", "and", "or", "but", "nor", "the", "a", "an", "your", "my",
    "our", "that", "if",
))
_EMPTY_SLOTS = (" ,", " .", " ;", " :", " ?", " )", "( ", "()", '""', "“”", "  ", ",,", "..",
                ",.", ".,", ";.", ":.", ". .", ", ,", "at .", "with ,", "\u2013.", "\u2013 ,", "\t")
_DANGLING = re.compile(
    r"(?:^|\s)[,.;:?!](?:\s|$)|^\s*(?:[,.;:?!)\u2013]|-(?! \w))|[,;:\u2013-]\s*$"
    r"|[\u2013-]\s*[,.;:?!]")
_DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_DOUBLED_ARTICLE = re.compile(r"\b(?:the|a|an|your|my|our)\s+(?:the|a|an|your|my|our)\b",
                              re.IGNORECASE)
# "my interest in hasn't changed": a preposition whose object went missing; "taught me
# how does this work": a clause whose subject did.
_NO_OBJECT = re.compile(
    r"\b(?:about|at|by|for|from|in|of|on|with)\s+(?:has|hasn't|have|haven't|is|isn't|was"
    r"|wasn't|are|were|will|would|and|or|but)\b"
    r"|\b(?:me|you|us|them)\s+(?:how|why|where)\s+(?:does|do|did)\b", re.IGNORECASE)
_LOWER_AFTER_STOP = re.compile(r"[a-z][.?!] +[a-z]")
_LEFTOVERS = ("{{", "}}", "{%", "%}", "None", "True", "False", "undefined", "[", "]")


def ends_hanging(text: str) -> bool:
    words = text.rstrip(" .,;:?!\u2013-").rsplit(None, 1)
    return bool(words) and words[-1].lower() in _LEFT_HANGING


def balanced(text: str) -> bool:
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return False
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def slot_problems(text: str) -> list[str]:
    """What in one subject or body line shows a field that was missing."""
    found = [f"empty slot {slot!r}" for slot in _EMPTY_SLOTS if slot in text]
    found += [f"left-over {bit!r}" for bit in _LEFTOVERS if bit in text]
    if _DOUBLED_ARTICLE.search(text):
        found.append(f"doubled article {_DOUBLED_ARTICLE.search(text).group()!r}")
    if _NO_OBJECT.search(text):
        found.append(f"a word is missing after {_NO_OBJECT.search(text).group()!r}")
    if _LOWER_AFTER_STOP.search(text):
        found.append(f"sentence starts in lower case: {_LOWER_AFTER_STOP.search(text).group()!r}")
    return found


@functools.cache
def subject_problems(subject: str) -> list[str]:
    found = slot_problems(subject)
    if not subject or "\n" in subject or subject != subject.strip():
        found.append("empty, several lines or loose spaces")
    if ends_hanging(subject):
        found.append(f"ends on a word that needs something after it: {subject!r}")
    if _DANGLING.search(subject):
        found.append(f"dangling punctuation in {subject!r}")
    if _DOUBLED_WORD.search(subject):
        found.append(f"doubled word {_DOUBLED_WORD.search(subject).group()!r}")
    if not balanced(subject):
        found.append("unbalanced quotes or brackets")
    return found


@functools.cache
def body_problems(body: str) -> list[str]:
    found = []
    if body != body.strip() or "\n\n\n" in body:
        found.append("blank lines at an end or three line breaks in a row")
    paragraphs = body.split("\n\n")
    greeting, closing = paragraphs[0], paragraphs[-1].split("\n")
    if not re.fullmatch(r"Hello,|(?:Hi|Hello) [A-Z][\w'-]*(?: [A-Z][\w'-]*)*,", greeting):
        found.append(f"greeting {greeting!r}")
    if not re.fullmatch(r"[A-Z][a-z]+(?: [a-z]+){0,2},", closing[0]):
        found.append(f"closing line {closing[0]!r}")
    for paragraph in paragraphs[1:-1]:
        for line in paragraph.split("\n"):
            found += [f"{problem} in {line!r}" for problem in slot_problems(line)]
            if line != line.strip():
                found.append(f"loose spaces around {line!r}")
            if ends_hanging(line):
                found.append(f"line left hanging: {line!r}")
            if _DANGLING.search(line):
                found.append(f"dangling punctuation in {line!r}")
            if not line.endswith((".", "?", "!")):
                found.append(f"line does not end a sentence: {line!r}")
    for line in closing[1:]:
        found += [f"{problem} in signature {line!r}" for problem in slot_problems(line)]
    if len(set(closing[1:])) < len(closing[1:]):
        found.append(f"a line repeated in the signature: {closing[1:]!r}")
    if _DOUBLED_WORD.search(body):
        found.append(f"doubled word {_DOUBLED_WORD.search(body).group()!r}")
    if not balanced(body):
        found.append("unbalanced quotes or brackets")
    return found


def failures(key: str, check) -> list[str]:
    found = []
    for case in CASES:
        for problem in check(rendered(key, case), case):
            found.append(f"{describe(case)}: {problem}")
    return found


def report(found: list[str]) -> str:
    return f"{len(found)} problems, the first ones:\n" + "\n".join(found[:12])


# --------------------------------------------------------------------------------------
# The checks, one test per template and kind of check


def test_every_subset_is_rendered():
    assert len(OPTIONAL) == 9
    assert {mask for mask, _, _ in CASES} == set(SUBSETS)
    assert {(role, reflection) for _, role, reflection in CASES} == set(
        itertools.product(range(len(ROLES)), range(len(REFLECTIONS))))
    assert {role for _, role, _ in cases_in_turn()} == set(range(len(ROLES)))


@pytest.mark.parametrize("key", KEYS)
def test_subject_reads_as_finished(key):
    found = failures(key, lambda note, case: subject_problems(note.subject))
    assert not found, report(found)


@pytest.mark.parametrize("key", KEYS)
def test_body_reads_as_finished(key):
    found = failures(key, lambda note, case: body_problems(note.body))
    assert not found, report(found)


@functools.cache
def tone_errors(body: str, kind: str, subject: str) -> list[str]:
    return [f"tone error: {finding}" for finding in check_note(body, kind, subject=subject)
            if finding.severity == "error"]


def signed(body: str, case: tuple[int, int, int]) -> str:
    """The note as the user would send it: without their name in the profile it goes
    out unsigned, and saying so is the tone check's own business, so the name is put
    under the closing line."""
    if case[0] >> OPTIONAL.index("my_name") & 1:
        return body
    text, _, last = body.rpartition("\n\n")
    closing, _, signature = last.partition("\n")
    return f"{text}\n\n{closing}\nAlex\n{signature}".rstrip()


@pytest.mark.parametrize("key", KEYS)
def test_body_passes_the_tone_check(key):
    kind = tp.builtin(key).kind.value
    found = failures(
        key, lambda note, case: tone_errors(signed(note.body, case), kind, note.subject))
    assert not found, report(found)


def test_checks_catch_the_gaps_they_look_for():
    bad_subjects = ["Thank you for your help with", "Still interested in ", "Thank you \u2013 ",
                    'A "question', "Catching up since our  conversation"]
    for subject in bad_subjects:
        assert subject_problems(subject), subject
    good = "Hi Dana,\n\nThank you for the time you gave me.\n\nWith thanks,\nAlex Morgan"
    assert body_problems(good) == []
    for gap in ("works at , and I", "my interest in hasn't changed.", "opens at .",
                "with the the role.", "to Alex Alex.", "Thank you for", "the role (.",
                "since then I .", "the team, and", "I did it. since then.",
                "It taught me how does this work."):
        body = good.replace("Thank you for the time you gave me.", gap)
        assert body_problems(body), gap
    assert body_problems(good.replace("Alex Morgan", "Alex Morgan\nAlex Morgan"))


# --------------------------------------------------------------------------------------
# The right note for the right person


def note_for(context: dict, key: str) -> str:
    return tp.render(tp.builtin(key), {**tp.sample_context(), **context}).body


def test_only_the_person_who_gave_the_news_is_thanked_for_it():
    for key in ("thank_you", "thank_you_overqualified", "thank_you_recruiter"):
        told = note_for({"recipient_role": "recruiter", "told_me_the_news": True}, key)
        assert "letting me know" in told
        for role in ROLES:
            if not role[1]:
                note = note_for({"recipient_role": role[0], "told_me_the_news": False}, key)
                assert "letting me know" not in note, (key, role)


def test_a_recruiter_is_not_thanked_for_their_team():
    for key in KEYS:
        for told in (True, False):
            note = note_for({"recipient_role": "recruiter", "told_me_the_news": told}, key)
            assert "your team" not in note, key
            assert "your new colleague" not in note, key


def test_an_interviewer_is_thanked_for_their_time_and_questions_not_the_decision():
    note = note_for({"recipient_role": "interviewer", "told_me_the_news": False}, "thank_you")
    assert "Thank you for the time you gave me, and for your questions." in note
    assert "considering me" not in note
    assert "you had a choice" not in note
    # What stumped the user in the interview is named, in quotation marks.
    assert '"How would you tell whether a new onboarding flow works?"' in note


def test_what_they_said_is_referred_to_never_quoted():
    said = tp.sample_context()["what_they_said"]
    for key in KEYS:
        for role, told in ROLES:
            note = note_for({"recipient_role": role, "told_me_the_news": told}, key)
            assert said not in note
    feedback = note_for({}, "feedback")
    assert "What you told me about the decision was helpful" in feedback
    assert "is there anything else that would have made my application stronger?" in feedback
    quiet = note_for({"what_they_said": ""}, "feedback")
    assert "decision was helpful" not in quiet
    assert "anything that would have made" in quiet


def test_check_in_closes_the_gaps_it_can():
    gaps = note_for({"new_skills": []}, "check_in")
    assert "Since then I've been working on A/B testing and dbt, which came up when we met" in gaps
    recruiter = note_for({"recipient_role": "recruiter", "told_me_the_news": True},
                         "check_in_new_skills")
    assert "You asked about" not in recruiter  # they were not in the interview
    assert "- At the interview, my hands-on experience with A/B testing came up; since then I" in (
        recruiter)


# --------------------------------------------------------------------------------------
# Which template a step starts from, and the sample data's first drafts


def test_default_template_by_role():
    from desktop.playbook.catalog import default_key
    from desktop.playbook.kinds import StepKind
    from desktop.vocabulary import HiringRole

    assert default_key(StepKind.THANK_YOU, "recruiter") == "thank_you_recruiter"
    assert default_key(StepKind.THANK_YOU, HiringRole.HR) == "thank_you_recruiter"
    assert default_key(StepKind.FEEDBACK, "hr") == "feedback_recruiter"
    for role in ("hiring_manager", "interviewer", "referrer", "other", ""):
        assert default_key(StepKind.THANK_YOU, role) == "thank_you"
        assert default_key(StepKind.FEEDBACK, role) == "feedback"
    assert default_key(StepKind.CHECK_IN, "recruiter", True) == "check_in_new_skills"
    assert default_key(StepKind.CHECK_IN) == "check_in"
    assert default_key(StepKind.HIRE_WATCH, "recruiter") == "hire_watch"




def test_sample_data_drafts_make_sense_for_each_person(store):
    from desktop.devdata.sample import load_sample_data
    from desktop.playbook import catalog
    from desktop.playbook.kinds import StepKind
    from desktop.playbook.settings import Profile, load_playbook_settings, save_settings
    from desktop.store import applications, skills
    from desktop.store.models import Step

    load_sample_data()
    save_settings(Profile(name="Alex Morgan"), load_playbook_settings())
    has_skills = bool(skills.skills_since(None))
    drafts = {}
    for step in Step.select().order_by(Step.id):
        role = applications.role_in(step.application_id, step.person_id)
        key = catalog.default_key(StepKind(step.kind), role, has_skills)
        note = catalog.render_for(catalog.get_template(key), step.person_id,
                                  step.application_id)
        problems = [*subject_problems(note.subject), *body_problems(note.body),
                    *tone_errors(note.body, step.kind, note.subject)]
        assert not problems, (step.person.first_name, step.kind, problems, note.body)
        drafts[step.person.first_name, step.kind] = note.body
    # Tom, the recruiter, told the user; the others are not thanked for the news.
    assert "Thank you for letting me know how things turned out" in drafts["Tom", "thank_you"]
    assert "letting me know" not in drafts["Priya", "thank_you"]
    assert "letting me know" not in drafts["Aisha", "thank_you"]
    assert "and for your questions" in drafts["Aisha", "thank_you"]
    assert "what you've passed on" in drafts["Tom", "feedback"]
    assert not any("your team" in body for (name, _), body in drafts.items() if name == "Tom")
    assert "You asked about my experience with SQL window functions" in (
        drafts["Priya", "check_in"])
    assert "At the interview, my experience with SQL window functions came up" in (
        drafts["Tom", "check_in"])
    # Maya's check-in is about the producer role, not the analyst one's skills.
    assert "live events" in drafts["Maya", "check_in"]
    assert "SQL" not in drafts["Maya", "check_in"]
