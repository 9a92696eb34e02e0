"""The tone check as a whole: the sentence model and the rules together, the findings
it reports, and ``rebound check-note``.

How well it catches each flaw is measured on the labelled corpus by
``tests/benchmarks/bench_tone.py`` (figures in the README); these tests pin down
behaviour: the examples from the report that started this work, notes that must
pass, findings that explain themselves, and a model read only when needed.
"""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.playbook import tone
from desktop.playbook.kinds import StepKind
from desktop.playbook.tone import Contact, People, check_note
from desktop.playbook.tone.model import MODEL_FILE, sentence_model

REPO = Path(__file__).resolve().parents[2]

SAM = People(Contact("Dana", "Whitfield", "Northwind Health"), sender="Sam Rivera")


def thank_you(middle: str) -> str:
    return ("Hi Dana,\n\nThank you for letting me know, and for the time you gave me. "
            f"{middle}\n\nIf another role opens that suits my background, I would be glad "
            "to be considered, and I'd like to stay in touch.\n\nBest wishes,\nSam")


def rules_for(text: str, kind=StepKind.THANK_YOU) -> set[str]:
    return {f.rule for f in check_note(text, kind, people=SAM)}


# --- What the report found slipping through ------------------------------------------------


@pytest.mark.parametrize(("sentence", "flaw"), [
    ("Your recruiter clearly didn't read my CV, and nobody even looked at my case study.",
     "blame"),
    ("I expect a detailed explanation by Friday.", "demand"),
    ("I was probably the strongest candidate.", "challenges-decision"),
    ("Would you be willing to reconsider?", "challenges-decision"),
])
def test_everyday_wording_of_a_flaw_is_named(sentence, flaw):
    text = thank_you(sentence)
    found = [f for f in check_note(text, StepKind.THANK_YOU, people=SAM) if f.rule == flaw]
    assert found, rules_for(text)
    assert text[found[0].start:found[0].end] == sentence


@pytest.mark.parametrize("sentence", [
    "Of course I'm disappointed, as I would have loved to learn from your data team.",
    "If you have a moment, I'd be grateful for any pointers on where my application "
    "could have been stronger.",
    "I really enjoyed meeting everyone, and I hope the new analyst settles in well.",
    "",
])
def test_honest_warm_and_brief_notes_pass_clean(sentence):
    assert check_note(thank_you(sentence), StepKind.THANK_YOU, people=SAM) == []


# --- Findings explain themselves -----------------------------------------------------------


def test_a_finding_quotes_its_words_says_why_and_offers_a_rewrite():
    text = thank_you("I expect a detailed explanation by Friday.")
    (demand,) = [f for f in check_note(text, StepKind.THANK_YOU, people=SAM)
                 if f.rule == "demand"]
    quoted = demand.message.split('"')[1]
    assert quoted and quoted in text[demand.start:demand.end]
    assert "owe you" in demand.message
    assert demand.suggestion.startswith("Make it an easy, optional ask")


def test_every_finding_is_well_formed_on_random_text():
    rng = random.Random(7)
    alphabet = ("abcdefghijklmnopqrstuvwxyz ABCXYZ\n\r\t.,;:!?'\u2019\"[]<>{}%_-\u2014"
                "\u0130\u0131\u00df\u03a3\u00e9\u0301\u200b\u200f\u202e\ufeff\U0001f600\u4e2d")
    words = ["sorry", "thank", "you must", "unfair", "{{", "[", "Dear ,", "reconsider", "n't",
             "Hi Priya,", "Best,"]
    for _ in range(200):
        text = "".join(rng.choice(words) if rng.random() < 0.2 else rng.choice(alphabet)
                       for _ in range(rng.randint(0, 120)))
        kind = rng.choice([*StepKind, None, "bogus"])
        findings = check_note(text, kind, subject=rng.choice(["", text[:20]]), people=SAM)
        for finding in findings:
            assert 0 <= finding.start <= finding.end <= len(text)
            assert finding.rule in tone.RULES
            assert finding.severity in (tone.ERROR, tone.WARNING)
            assert finding.message and finding.suggestion
        assert findings == sorted(findings, key=lambda f: (f.start, f.end, f.rule))


@pytest.mark.parametrize("text", ["", "   \n\t ", None])
def test_a_blank_note_has_nothing_to_check(text):
    assert check_note(text, StepKind.THANK_YOU) == []


def test_word_limits_come_from_the_step_kinds():
    assert tone.word_limit(StepKind.THANK_YOU) == StepKind.THANK_YOU.word_limit
    assert tone.word_limit("check_in") == StepKind.CHECK_IN.word_limit
    assert tone.word_limit("Thank-you note") == StepKind.THANK_YOU.word_limit
    assert tone.word_limit("no such kind") == tone.DEFAULT_WORD_LIMIT


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["Thank you, I was shocked. ", "{{[<", "would you ",
                                  "sorry \u0130 "])
def test_a_megabyte_of_text_is_checked_with_bounded_findings(unit):
    text = unit * (1_000_000 // len(unit))
    findings = check_note(text, StepKind.THANK_YOU)
    assert len(findings) <= len(tone.RULES) * tone.MAX_FINDINGS_PER_RULE


# --- The model file ------------------------------------------------------------------------


def test_the_model_is_small_and_read_only_when_a_note_is_checked():
    folder = REPO / "resources" / Path(*MODEL_FILE).parent
    assert sum(p.stat().st_size for p in folder.glob("sentence_model.*")) < 10 * 1024 * 1024
    run_python("from desktop.playbook import tone\n"
               "from desktop.playbook.tone.model import sentence_model\n"
               "assert sentence_model.cache_info().currsize == 0\n"
               "tone.check_note('Hi Dana, thanks.', 'thank_you')\n"
               "assert sentence_model.cache_info().currsize == 1\n")


def run_python(code: str) -> None:
    """Run ``code`` in a fresh interpreter (nothing imported yet); it must succeed."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr


def test_typing_rechecks_only_the_sentence_that_changed():
    model = sentence_model()
    tone.model.clear_cache()
    text = thank_you("The office tour was a highlight.")
    check_note(text, StepKind.THANK_YOU)
    before = tone.model._cached_verdict.cache_info()
    check_note(text.replace("highlight", "highlights"), StepKind.THANK_YOU)
    after = tone.model._cached_verdict.cache_info()
    assert after.misses - before.misses == 1  # only the edited sentence was scored again
    assert model.classes[0] == tone.model.OK


# --- rebound check-note --------------------------------------------------------------------


def run_cli(*args, stdin="", env_dir=None):
    env = dict(os.environ)
    if env_dir is not None:
        env["REBOUND_DATA_DIR"] = str(env_dir)
    return subprocess.run([sys.executable, "-m", "desktop", *args], input=stdin.encode(),
                          capture_output=True, timeout=120, env=env, cwd=REPO)


@pytest.mark.slow
def test_cli_reads_stdin_and_prints_findings_as_json(tmp_path):
    note = "Hi \u00c5sa,\n\nI expect a detailed explanation by Friday.\n"
    result = run_cli("check-note", "--kind", "thank_you", "-", stdin=note,
                     env_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout.decode("utf-8"))
    assert {"demand", "missing-thanks", "missing-ask", "unsigned"} <= {f["rule"]
                                                                      for f in findings}
    for finding in findings:
        assert set(finding) == {"rule", "severity", "start", "end", "message", "suggestion"}
    demand = next(f for f in findings if f["rule"] == "demand")
    assert note[demand["start"]:demand["end"]] == "I expect a detailed explanation by Friday."
    assert not (tmp_path / "data").exists(), "check-note must not create a data folder"


@pytest.mark.slow
def test_cli_reads_a_file_and_a_clean_note_gives_an_empty_list(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(thank_you(""), encoding="utf-8")
    result = run_cli("check-note", "--kind", "thank_you", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.slow
def test_cli_tolerates_bad_utf8_and_a_byte_order_mark(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(b"\xef\xbb\xbfDear [Name],\n\xff\xfe broken bytes")
    result = run_cli("check-note", str(path))
    assert result.returncode == 0, result.stderr
    assert "placeholder" in {f["rule"] for f in json.loads(result.stdout)}


@pytest.mark.slow
def test_cli_missing_file_exits_2_with_a_message(tmp_path):
    result = run_cli("check-note", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert b"nope.txt" in result.stderr
    assert result.stdout == b""


@pytest.mark.slow
def test_cli_rejects_an_unknown_kind():
    result = run_cli("check-note", "--kind", "memo", "-", stdin="hello")
    assert result.returncode == 2
    assert b"invalid choice" in result.stderr


@pytest.mark.slow
def test_cli_check_note_imports_neither_qt_nor_the_store():
    run_python("import io, sys\n"
               "sys.stdin = io.TextIOWrapper(io.BytesIO(b'Thanks, keep me in mind.'))\n"
               "from desktop.cli import run\n"
               "assert run(['check-note', '-']) == 0\n"
               "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'peewee', "
               "'desktop.store', 'desktop.ui'))]\n"
               "assert not loaded, loaded\n")
