"""Note templates: the built-ins read well with full and sparse data, and rendering is
safe and bounded for whatever a user types into the template editor."""

import re
import sys
import time

import pytest

from desktop.paths import resource_path
from desktop.playbook import templates as tp
from desktop.playbook.kinds import StepKind

EXPECTED_KEYS = {
    "thank_you",
    "thank_you_recruiter",
    "thank_you_overqualified",
    "feedback",
    "feedback_recruiter",
    "network",
    "hire_watch",
    "hire_watch_not_worked_out",
    "check_in",
    "check_in_new_skills",
}

# Target lengths of a rendered body, in words (signature included).
BRIEF = {StepKind.THANK_YOU: 120}
BRIEF_OTHERS = 170


def bare_context():
    """Even emptier than sparse: no position, no dates, nothing but the company."""
    return {"company": "Northwind Labs"}


CONTEXTS = {
    "sample": tp.sample_context,
    "sparse": tp.sparse_context,
    "bare": bare_context,
}

ALL = [(t.key, name) for t in tp.builtin_templates() for name in CONTEXTS]


def render_builtin(key, context_name):
    return tp.render(tp.builtin(key), CONTEXTS[context_name]())


def problem(body, subject="Subject", context=None):
    with pytest.raises(tp.TemplateProblem) as caught:
        tp.render((subject, body), context or tp.sample_context())
    return caught.value


def words(text):
    return len(text.split())


# --------------------------------------------------------------------------------------
# The built-in templates


def test_built_ins_cover_every_kind_and_variant():
    templates = tp.builtin_templates()
    assert {t.key for t in templates} == EXPECTED_KEYS
    assert {t.kind for t in templates} == set(StepKind)
    for t in templates:
        assert t.builtin
        assert t.key.startswith(t.kind.value)
        assert t.name and t.description and t.subject and t.body
    assert tp.builtin("feedback_recruiter").kind is StepKind.FEEDBACK
    # Picker order: by step, the plain template of each kind first.
    keys = [t.key for t in templates]
    assert keys[0] == "thank_you"
    assert keys.index("feedback") < keys.index("feedback_recruiter") < keys.index("network")


def test_unknown_built_in_is_a_key_error():
    with pytest.raises(KeyError):
        tp.builtin("no_such_template")


@pytest.mark.parametrize(("key", "context_name"), ALL)
def test_built_in_renders_without_artefacts(key, context_name):
    rendered = render_builtin(key, context_name)
    for text in (rendered.subject, rendered.body):
        assert text
        for artefact in ("Dear ,", "Hi ,", "Hello ,", " ,", " .", "  ", "{{", "{%", "}}", "%}"):
            assert artefact not in text, (artefact, text)
        for artefact in ("[", "]", "None", "undefined", "\t"):
            assert artefact not in text, (artefact, text)
    assert "\n" not in rendered.subject
    assert "\n\n\n" not in rendered.body
    assert rendered.body == rendered.body.strip()
    lines = rendered.body.splitlines()
    assert lines[-1].strip()
    assert all(line == line.rstrip() for line in lines)
    assert lines[0] in ("Hi Dana,", "Hello,")


@pytest.mark.parametrize("key", sorted(EXPECTED_KEYS))
def test_sample_render_is_personal(key):
    rendered = render_builtin(key, "sample")
    everything = rendered.subject + "\n" + rendered.body
    assert rendered.body.startswith("Hi Dana,\n\n")
    assert "Northwind Labs" in rendered.body
    assert "Senior Data Analyst" in everything
    # The signature from the profile ends the note.
    assert rendered.body.endswith("Alex Morgan\n+44 7700 900123\nlinkedin.com/in/alexmorgan-data")


@pytest.mark.parametrize("key", sorted(EXPECTED_KEYS))
def test_sparse_render_ends_with_the_closing(key):
    body = render_builtin(key, "sparse").body
    assert body.startswith("Hello,\n\n")
    closing = body.splitlines()[-1]
    assert closing.endswith(",")
    assert len(closing.split()) <= 3


@pytest.mark.parametrize("key", sorted(EXPECTED_KEYS))
def test_every_note_keeps_the_door_open(key):
    body = render_builtin(key, "sample").body.lower()
    asks = (
        "stay in touch",
        "keep in touch",
        "stay connected",
        "be considered",
        "hear about it",
        "hear from you",
        "glad to talk",
    )
    assert any(ask in body for ask in asks), body


@pytest.mark.parametrize("key", sorted(k for k in EXPECTED_KEYS if k.startswith("thank_you")))
def test_thank_you_notes_say_thank_you(key):
    for context_name in CONTEXTS:
        body = render_builtin(key, context_name).body.lower()
        assert "thank you" in body or "thanks" in body


@pytest.mark.parametrize("key", sorted(EXPECTED_KEYS))
def test_notes_are_brief(key):
    template = tp.builtin(key)
    target = BRIEF.get(template.kind, BRIEF_OTHERS)
    for context_name in CONTEXTS:
        count = words(render_builtin(key, context_name).body)
        assert count <= target, (key, context_name, count)
        assert count <= template.kind.word_limit


@pytest.mark.parametrize("key", sorted(EXPECTED_KEYS))
def test_notes_never_sound_bitter(key):
    body = render_builtin(key, "sample").body.lower()
    for phrase in ("unfair", "mistake", "wrong decision", "should have chosen", "reconsider", "!"):
        assert phrase not in body, phrase


def test_feedback_notes_do_not_argue():
    for key in ("feedback", "feedback_recruiter"):
        body = render_builtin(key, "sample").body
        assert "stronger" in body
        assert "?" in body


def test_recruiter_thank_you_asks_to_pass_thanks_on():
    body = render_builtin("thank_you_recruiter", "sample").body
    assert "pass my thanks on" in body


def test_overqualified_note_says_why_this_role():
    body = render_builtin("thank_you_overqualified", "sample").body
    assert "disappointed" in body
    assert "on purpose" in body


def test_network_note_offers_a_conversation_and_asks_for_introductions():
    body = render_builtin("network", "sample").body
    assert "twenty minutes" in body
    assert "anyone else at Northwind Labs" in body


def test_hire_watch_notes_assume_nothing():
    watch = render_builtin("hire_watch", "sample").body
    assert "Jordan Ellis has settled in" in watch
    sparse = render_builtin("hire_watch", "sparse").body  # nobody knows their role
    assert "the new hire has settled in" in sparse
    assert "your team" not in sparse
    context = tp.sparse_context()
    context["recipient_role"] = "hiring_manager"
    team = tp.render(tp.builtin("hire_watch"), context).body
    assert "your new colleague has settled in" in team
    assert "on your team or nearby" in team
    heard = render_builtin("hire_watch_not_worked_out", "sample").body
    assert "Jordan" not in heard  # never names the person who may have left
    assert "changes" in heard


def test_new_skills_note_ties_each_skill_to_its_gap():
    context = tp.sample_context()
    body = tp.render(tp.builtin("check_in_new_skills"), context).body
    for skill in context["new_skills"]:
        line = f"You asked about {skill['gap']}; since then I {skill['what']}"
        assert line in body
        assert f"({skill['learned_on']})." in body
    assert body.count("\n- ") == len(context["new_skills"])


def test_new_skills_note_without_a_gap_or_date():
    context = tp.sample_context()
    context["new_skills"] = [{"what": "learned Looker Studio.", "gap": "", "learned_on": None}]
    body = tp.render(tp.builtin("check_in_new_skills"), context).body
    assert "- I learned Looker Studio.\n" in body
    assert "You asked" not in body


def test_new_skills_note_without_skills_still_reads_well():
    body = render_builtin("check_in_new_skills", "sparse").body
    assert "- " not in body
    assert "better prepared" in body


def test_built_ins_validate():
    for template in tp.builtin_templates():
        assert tp.validate(template.subject, template.body) is None, template.key


# --------------------------------------------------------------------------------------
# Context and derived fields


def test_contexts_are_fresh_copies():
    first = tp.sample_context()
    first["person"]["first_name"] = "Changed"
    assert tp.sample_context()["person"]["first_name"] == "Dana"
    assert tp.sparse_context()["person"]["first_name"] == ""


def test_every_documented_field_exists():
    for name, description in tp.FIELDS:
        assert description
        if name.startswith("skill."):
            source = f"{{% for skill in new_skills %}}{{{{ {name} }}}}{{% endfor %}}"
        else:
            source = f"{{{{ {name} }}}}"
        for context in (tp.sample_context(), tp.sparse_context(), {}):
            tp.render(("s", source), context)


def test_missing_and_none_fields_read_as_empty():
    context = {"company": "Acme", "position": None, "person": {"first_name": None}}
    rendered = tp.render(
        ("{{ position }}|{{ person.title }}", "{{ greeting }} {{ the_role }}"), context
    )
    assert rendered.subject == "|"
    assert rendered.body == "Hello, the role"


def test_derived_fields():
    render = tp.render
    assert (
        render(("s", "{{ greeting }}"), {"person": {"full_name": "Dana W"}}).body == "Hello Dana W,"
    )
    context = {"person": {"first_name": "Dana", "last_name": "Whitfield"}, "me": {"name": "Alex M"}}
    body = "{{ person.full_name }}/{{ me.first_name }}/{{ my_signature }}"
    assert render(("s", body), context).body == "Dana Whitfield/Alex/Alex M"
    assert render(("s", "{{ the_role }}"), {"position": "Data role"}).body == "the Data role"
    assert render(("s", "{{ greeting }}"), {"greeting": "Dear Dana,"}).body == "Dear Dana,"


def test_dates_become_friendly():
    import datetime as dt

    rendered = tp.render(("s", "on {{ interviewed_on }}"), {"interviewed_on": dt.date(2024, 3, 3)})
    assert rendered.body == "on 3 March"


def test_output_is_tidied():
    body = "a   b  \n\n\n\n{% if false %}x{% endif %}\nc\n\n\n"
    rendered = tp.render((" Hello \n  there ", body), {})
    assert rendered.subject == "Hello there"
    assert rendered.body == "a b\n\nc"


def test_block_tag_lines_vanish_but_inline_tags_keep_line_breaks():
    body = "one{% if company %} two{% endif %}\nthree\n{% if company %}\nfour\n{% endif %}\nfive"
    assert tp.render(("s", body), {"company": "Acme"}).body == "one two\nthree\nfour\nfive"


# --------------------------------------------------------------------------------------
# Problems a user can make, reported plainly


@pytest.mark.parametrize(
    ("expression", "attribute"),
    [
        ("{{ ''.__class__ }}", "__class__"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "__class__"),
        ("{{ cycler.__init__.__globals__ }}", "__init__"),
        ("{{ person._path }}", "_path"),
    ],
)
def test_sandbox_escapes_are_refused_plainly(expression, attribute):
    found = problem(f"Hello,\n\nline three {expression}\n")
    assert found.code == "not_allowed"
    assert found.line == 3
    assert found.part == "body"
    assert found.message == (
        f"Line 3: templates can only use the note's fields; `{attribute}` is not allowed."
    )


def test_calling_arbitrary_methods_is_refused():
    found = problem("x\n{{ company.ljust(10) }}")
    assert found.code == "not_allowed"
    assert found.line == 2
    assert "`ljust`" in found.message
    # Simple text methods, dict look-ups and Jinja helpers still work.
    body = "{{ company.upper() }} {{ person.get('first_name') }} {% for s in new_skills %}{{ loop.cycle('a', 'b') }}{% endfor %}"  # noqa: E501
    assert tp.render(("s", body), tp.sample_context()).body == "NORTHWIND LABS Dana ab"


def test_unknown_field_names_the_field_and_line():
    found = problem("Hi,\n\nThanks {{ person.first_name }}\nand {{ person.nickname }}!")
    assert found.code == "unknown_field"
    assert found.field == "person.nickname"
    assert found.line == 4
    assert found.message.startswith("Line 4: `person` has no field `nickname`.")
    assert found.explanation.startswith("`person` has no field `nickname`.")
    assert "first_name" in found.message


def test_unknown_top_level_field_lists_the_fields():
    found = problem("{{ greeting }}\n\nWe met at {{ compnay }}.")
    assert found.field == "compnay"
    assert found.line == 3
    assert "Did you mean `company`?" in found.message
    assert "person (first_name, last_name, full_name, title, email)" in found.message
    assert "new_skills (what, gap, learned_on)" in found.message


def test_unknown_field_in_a_condition_and_in_a_loop():
    assert problem("a\n{% if person.nick %}x{% endif %}").field == "person.nick"
    found = problem("a\n{% for skill in new_skills %}\n{{ skill.when }}\n{% endfor %}")
    assert (found.field, found.line) == ("when", 3)
    assert "learned_on" in found.message


def test_unknown_field_in_the_subject():
    found = problem("Fine body", subject="About {{ postion }}")
    assert found.part == "subject"
    assert found.field == "postion"
    assert found.message.startswith("Subject: there is no field called `postion`.")
    assert found.explanation.startswith("There is no field called `postion`.")
    assert tp.render_text("{{ position }}", "x", tp.sample_context()).subject == (
        "Senior Data Analyst"
    )


def test_default_filter_allows_optional_fields():
    rendered = tp.render(("s", "{{ person.nickname | default('friend') }}"), {})
    assert rendered.body == "friend"


def test_unclosed_if_points_at_its_opening_line():
    found = problem("Hello,\n\n{% if person.first_name %}\nHi {{ person.first_name }}\n\nBye")
    assert found.code == "syntax"
    assert found.line == 3
    assert found.message == "Line 3: a {% if %} is never closed with {% endif %}."


@pytest.mark.parametrize(
    ("body", "line", "words_in_message"),
    [
        ("a\nb\n{% endif %}", 3, "{% endif %} without a matching {% if %}"),
        ("a\n{{ company ", 2, "never closed with }}"),
        ("a\n\n{{ }}", 3, "empty {{ }}"),
        ("a\n{{ company|shout }}", 2, "no filter called `shout`"),
        ("a\n{% if company %}\n{% else if position %}", 3, "{% elif … %}"),
        ("x\n\n\n{{ company person }}", 4, "didn't expect `person`"),
    ],
)
def test_syntax_errors_have_lines_and_plain_words(body, line, words_in_message):
    found = problem(body)
    assert found.code == "syntax"
    assert found.line == line
    assert found.message.startswith(f"Line {line}: ")
    assert words_in_message in found.message
    assert "jinja" not in found.message.lower()


def test_misuses_are_explained():
    found = problem("a\n{% include 'other.txt' %}")
    assert (found.code, found.line) == ("not_allowed", 2)
    assert "include" in found.message
    found = problem("a\n{{ new_skills[5].what }}")
    assert (found.code, found.line, found.field) == ("error", 2, None)
    assert "position 5" in found.message
    found = problem("{{ company.name }}")
    assert (found.code, found.field) == ("unknown_field", "name")
    assert "{{ company }}" in found.message


def test_other_runtime_errors_are_reported_with_a_line():
    found = problem("a\n{{ 1 / 0 }}")
    assert (found.code, found.line) == ("error", 2)
    assert "division by zero" in found.message


# --------------------------------------------------------------------------------------
# Bounded rendering


RUNAWAYS = {
    "nested loop, no output": (
        "a\n{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "too_slow",
    ),
    "nested loop, output": (
        "a\n{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
        "too_much",
    ),
    "huge multiplication": ("a\n{{ 'x' * 10**9 }}", "too_much"),
    "huge number": ("a\n{{ 10 ** 100000 }}", "too_much"),
    "huge list": ("a\n{{ [1] * 10**9 }}", "too_much"),
    "huge width": ("a\n{{ company|center(10**9) }}", "too_much"),
    "huge printf width": ("a\n{{ '%999999999s' % 1 }}", "too_much"),
    "huge format filter": ("a\n{{ '%999999999s'|format(1) }}", "too_much"),
    "huge join": ("{% set s = 'x' * 100000 %}\n{{ range(1000)|join(s) }}", "too_much"),
    "huge replace": ("{% set s = 'x' * 20000 %}\n{{ s|replace('x', s) }}", "too_much"),
    "doubling with ~": (
        "{% set ns = namespace(s='x') %}\n"
        "{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
        "too_much",
    ),
    "doubling with +": (
        "{% set ns = namespace(s=['x']) %}\n"
        "{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}",
        "too_much",
    ),
    "macro capture": (
        "{% set s = 'x' * 100000 %}\n{% macro m() %}{% for i in range(100000) %}{{ s }}"
        "{% endfor %}{% endmacro %}{{ m()|length }}",
        "too_much",
    ),
    "block capture": (
        "{% set s = 'x' * 1000 %}\n{% set big %}{% for i in range(100000) %}{{ s }}"
        "{% endfor %}{% endset %}{{ big|length }}",
        "too_much",
    ),
    "endless recursion": ("a\n{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}", "too_slow"),
}


@pytest.mark.parametrize("name", RUNAWAYS)
def test_runaway_templates_stop_promptly(name):
    body, code = RUNAWAYS[name]
    started = time.perf_counter()
    found = problem(body)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, elapsed
    assert found.code == code
    assert found.line == 2
    if code == "too_slow":
        assert "too long" in found.message or "never finishes" in found.message
    else:
        assert "too much" in found.message


def test_time_limit_interrupts_a_loop_that_yields_nothing():
    body = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    started = time.perf_counter()
    found = problem(body)
    elapsed = time.perf_counter() - started
    assert found.code == "too_slow"
    assert tp.MAX_RENDER_SECONDS <= elapsed < tp.MAX_RENDER_SECONDS + 1.0
    assert "0.5 seconds" in found.message


def test_runaway_in_the_subject_is_caught_too():
    found = problem("fine", subject="{% for a in range(100000) %}{{ company }}{% endfor %}")
    assert (found.part, found.code) == ("subject", "too_much")


def test_previous_trace_function_is_restored():
    calls = []

    def tracer(frame, event, arg):
        calls.append(event)

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        tp.render(tp.builtin("thank_you"), tp.sample_context())
        assert sys.gettrace() is tracer
        with pytest.raises(tp.TemplateProblem):
            tp.render(
                (
                    "s",
                    "{% for a in range(100000) %}{% for b in range(100000) %}"
                    "{% endfor %}{% endfor %}",
                ),
                {},
            )
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(previous)


def test_template_source_size_is_bounded():
    found = problem("x" * (tp.MAX_SOURCE_CHARS + 1))
    assert found.code == "too_long"


def test_validate_reports_the_first_problem():
    assert tp.validate("Hi {{ company }}", "{{ greeting }}\n\nThanks.") is None
    found = tp.validate("Hi", "{{ greeting }}\n{{ person.nickname }}")
    assert isinstance(found, tp.TemplateProblem)
    assert (found.field, found.line) == ("person.nickname", 2)
    found = tp.validate("Hi {% if %}", "body")
    assert found is not None
    assert found.part == "subject"


# --------------------------------------------------------------------------------------
# Template files


GOOD_FILE = """kind: network
name: Coffee
description: Ask for a coffee.
subject: Coffee{% if company %} at {{ company }}{% endif %}?
---

{{ greeting }}

Coffee soon?
"""


def test_parse_a_good_file():
    template = tp.parse_template_file(GOOD_FILE, "coffee")
    assert template == tp.Template(
        key="coffee",
        kind=StepKind.NETWORK,
        name="Coffee",
        description="Ask for a coffee.",
        subject="Coffee{% if company %} at {{ company }}{% endif %}?",
        body="{{ greeting }}\n\nCoffee soon?",
        builtin=False,
    )
    assert tp.render(template, {"company": "Acme"}).subject == "Coffee at Acme?"


def test_parse_accepts_windows_line_endings_and_a_bom():
    template = tp.parse_template_file("\ufeff" + GOOD_FILE.replace("\n", "\r\n"), "coffee")
    assert template.body == "{{ greeting }}\n\nCoffee soon?"


@pytest.mark.parametrize(
    ("text", "line", "words_in_message"),
    [
        (GOOD_FILE.replace("---\n", ""), None, '"---"'),
        (GOOD_FILE.replace("kind: network", "kind: lunch"), None, "not a kind of step"),
        (
            GOOD_FILE.replace("subject: Coffee{% if company %} at {{ company }}{% endif %}?\n", ""),
            None,
            '"subject:"',
        ),
        (GOOD_FILE.replace("name: Coffee", "name Coffee"), 2, "header line"),
        (GOOD_FILE.replace("name: Coffee", "nmae: Coffee"), 2, '"nmae"'),
        ("kind: network\nkind: network\n---\nx", 2, "twice"),
        (GOOD_FILE.split("---")[0] + "---\n\n", None, "no text"),
        (GOOD_FILE.replace("description: Ask for a coffee.", "description:"), None, "empty"),
    ],
)
def test_malformed_header_is_refused(text, line, words_in_message):
    with pytest.raises(tp.TemplateProblem) as caught:
        tp.parse_template_file(text, "broken")
    found = caught.value
    assert found.part == "header"
    assert found.code == "header"
    assert found.line == line
    assert words_in_message in found.message


def test_template_files_on_disk_are_well_formed():
    folder = resource_path(tp.TEMPLATES_DIR_NAME)
    files = sorted(folder.glob("*.txt"))
    assert {path.stem for path in files} == EXPECTED_KEYS
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert re.match(r"kind: \w+\nname: .+\ndescription: .+\nsubject: .+\n---\n", text)
        assert text.endswith("{{ my_signature }}\n")
