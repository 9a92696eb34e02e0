"""The tone check's exact rules: placeholders, names, length, thanks, the ask, the
signature. Pure Python: no model, no Qt, no database."""

import pytest

from desktop.playbook.kinds import StepKind
from desktop.playbook.tone import names, rules
from desktop.playbook.tone.findings import (
    ERROR,
    MISSING_ASK,
    MISSING_THANKS,
    PLACEHOLDER,
    TOO_LONG,
    UNSIGNED,
    WARNING,
    WRONG_NAME,
)
from desktop.playbook.tone.names import Contact, People

DANA = Contact("Dana", "Whitfield", "Northwind Health")
OTHERS = (Contact("Priya", "Raman", "Acme Freight"), Contact("Tom", "Becker", "Globex Labs"))


def note(greeting: str = "Hi Dana,", middle: str = "Thank you for your time.",
         sign: str = "Best wishes,\nSam") -> str:
    return (f"{greeting}\n\n{middle} I'd like to stay in touch and be considered for future "
            f"roles.\n\n{sign}")


# --- Placeholders ------------------------------------------------------------------------


@pytest.mark.parametrize("left_in", [
    "[Name]", "[company name]", "(insert company)", "(name)", "<company>", "<<position>>",
    "{{ first_name }}", "{first name}", "%NAME%", "$COMPANY", "XX", "XXX", "___",
    "COMPANY", "FIRSTNAME", "HIRING MANAGER NAME", "[your name]",
])
def test_every_style_of_placeholder_is_an_error(left_in):
    text = note(middle=f"Thank you for the interview at {left_in} last week.")
    found = [f for f in rules.placeholder_findings(text, "") if f.rule == PLACEHOLDER]
    assert found and found[0].severity == ERROR
    assert left_in.split()[0].strip("[({<%$") in text[found[0].start:found[0].end]


@pytest.mark.parametrize("fine", [
    "I used AWS and SQL at the NHS.", "Write to me at <sam@example.org>.",
    "See https://example.org/portfolio.", "It was a 2-hour interview (in person).",
    "The XL project", "I'm an x-ray technician.",
])
def test_ordinary_writing_is_no_placeholder(fine):
    assert rules.placeholder_findings(note(middle=fine), "") == []


def test_a_placeholder_in_the_subject_is_reported_at_offset_zero():
    (found,) = rules.placeholder_findings(note(), "Thank you - [Position] interview")
    assert (found.start, found.end, found.rule) == (0, 0, PLACEHOLDER)


# --- Names -------------------------------------------------------------------------------


def test_greeting_someone_else_you_know_is_an_error():
    text = note(greeting="Hi Priya,")
    (found,) = names.name_findings(text, People(DANA, "Sam", OTHERS))
    assert (found.rule, found.severity) == (WRONG_NAME, ERROR)
    assert text[found.start:found.end] == "Priya"
    assert "Priya Raman is someone else you know" in found.message


def test_a_greeting_that_matches_nobody_is_a_warning():
    (found,) = names.name_findings(note(greeting="Dear Marcus,"), People(DANA, "Sam", OTHERS))
    assert (found.rule, found.severity) == (WRONG_NAME, WARNING)


@pytest.mark.parametrize("greeting", ["Hi Dana,", "Dear Ms Whitfield,", "Hello Dana Whitfield,",
                                      "Hi team,", "Hello,", "Dear Hiring Manager,",
                                      "Hi DANA,"])
def test_the_right_or_a_general_greeting_is_fine(greeting):
    assert names.name_findings(note(greeting=greeting), People(DANA, "Sam", OTHERS)) == []


def test_names_are_matched_without_accents():
    zoe = Contact("Zoë", "Ærø", "Northwind Health")
    assert names.name_findings(note(greeting="Hi Zoe,"), People(zoe, "Sam", OTHERS)) == []


def test_a_name_found_in_the_database_is_someone_else():
    looked_up = []

    def find(name):
        looked_up.append(name)
        return Contact("Marcus", "Lee", "Globex Labs") if name == "marcus" else None

    people = People(DANA, "Sam", companies=["Globex Labs"], find_person=find)
    (found,) = names.name_findings(note(greeting="Hi Marcus,"), people)
    assert found.severity == ERROR and "Marcus Lee" in found.message
    names.name_findings(note(greeting="Hi Marcus,"), people)
    assert looked_up == ["marcus"]  # asked once, then remembered


def test_another_company_where_theirs_should_be_is_an_error():
    text = note(middle="I enjoyed meeting the team at Globex Labs and hearing your plans.")
    (found,) = names.name_findings(text, People(DANA, "Sam", OTHERS))
    assert (found.rule, found.severity) == (WRONG_NAME, ERROR)
    assert text[found.start:found.end] == "Globex Labs"
    assert found.suggestion == "Use Northwind Health here."


def test_another_company_beside_theirs_is_fine():
    text = note(middle="Before Northwind Health I spent two years at Globex Labs.")
    assert names.name_findings(text, People(DANA, "Sam", OTHERS)) == []


def test_no_people_no_name_check():
    assert names.name_findings(note(greeting="Hi Priya,"), None) == []


# --- Length ------------------------------------------------------------------------------


def test_length_is_a_warning_over_the_limit_and_an_error_far_over_it():
    limit = StepKind.THANK_YOU.word_limit
    just_over = " ".join(["word"] * (limit + 1))
    far_over = " ".join(["word"] * (2 * limit + 1))
    (warning,) = rules.length_findings(just_over, StepKind.THANK_YOU)
    (error,) = rules.length_findings(far_over, StepKind.THANK_YOU)
    assert (warning.rule, warning.severity, error.severity) == (TOO_LONG, WARNING, ERROR)
    assert warning.start == just_over.rindex("word")
    assert rules.length_findings(" ".join(["word"] * limit), StepKind.THANK_YOU) == []


# --- Thanks and the ask ------------------------------------------------------------------


def _thanks_and_ask(text, kind=StepKind.THANK_YOU, subject=""):
    from desktop.playbook.tone.text import normalise

    return (rules.thanks_finding(text, normalise(text), normalise(subject), kind)
            + rules.ask_finding(text, normalise(text), normalise(subject)))


def test_a_thank_you_without_thanks_is_an_error_on_its_first_sentence():
    text = "Hi Dana,\n\nI got your message about the role. I'd like to stay in touch.\n\nSam"
    (found,) = _thanks_and_ask(text)
    assert (found.rule, found.severity) == (MISSING_THANKS, ERROR)
    assert text[found.start:found.end].startswith("I got your message")


@pytest.mark.parametrize("thanks", ["Thanks a lot for the chat.", "I'm grateful for your time.",
                                    "I really appreciated the tour.", "Many thanks, truly."])
def test_thanks_in_any_form_count(thanks):
    assert _thanks_and_ask(f"Hi Dana,\n\n{thanks} Let's stay in touch.\n\nSam") == []


def test_denied_thanks_are_not_thanks_but_the_subject_counts():
    text = "Hi,\n\nI did not appreciate the wait. Keep me in mind for other roles.\n\nSam"
    assert [f.rule for f in _thanks_and_ask(text)] == [MISSING_THANKS]
    assert _thanks_and_ask(text, subject="Thank you") == []


def test_thanks_are_required_only_in_a_thank_you():
    text = "Hi Dana,\n\nCould you share any pointers on my application?\n\nSam"
    assert _thanks_and_ask(text, kind=StepKind.FEEDBACK) == []


def test_a_note_with_no_next_step_is_a_warning_on_its_last_sentence():
    text = "Hi Dana,\n\nThank you for your time. Good luck with the launch next month.\n\nSam"
    (found,) = _thanks_and_ask(text)
    assert (found.rule, found.severity) == (MISSING_ASK, WARNING)
    assert text[found.start:found.end].startswith("Thank you for your time")


@pytest.mark.parametrize("ask", [
    "Please keep me in mind for future openings.", "I'd love to stay in touch.",
    "Would you be open to a short call?", "If a similar role comes up, I'd be glad to hear.",
    "Is there anyone else on your team I should talk to?", "Let's connect on LinkedIn.",
])
def test_asks_in_everyday_words_count(ask):
    text = f"Hi Dana,\n\nThank you for your time. {ask}\n\nSam"
    assert _thanks_and_ask(text) == []


# --- The signature -----------------------------------------------------------------------


@pytest.mark.parametrize("sign", ["Best wishes,\nSam", "Sam", "Thanks,\nSam Rivera",
                                  "Kind regards,\nSam Rivera\n+44 7700 900123\nlinkedin.com/in/sr",
                                  "— Sam"])
def test_a_note_ending_with_the_senders_name_is_signed(sign):
    assert rules.signature_finding(note(sign=sign), "Sam Rivera") == []


@pytest.mark.parametrize("sign", ["Best wishes,", "Kind regards", "Thanks again!"])
def test_a_note_ending_at_the_sign_off_is_unsigned(sign):
    text = note(sign=sign)
    (found,) = rules.signature_finding(text, "Sam Rivera")
    assert (found.rule, found.severity) == (UNSIGNED, ERROR)
    assert "Sam Rivera" in found.suggestion
    assert text[found.start:found.end] == sign.splitlines()[-1]


def test_without_a_profile_any_name_at_the_end_will_do():
    assert rules.signature_finding(note(sign="Cheers,\nAlex"), None) == []
    (found,) = rules.signature_finding(note(sign="Cheers,"), None)
    assert "set your name in Settings" in found.suggestion
    (found,) = rules.signature_finding("Hi Dana,\n\nThank you for your time, and I hope we "
                                       "stay in touch.", "")
    assert found.rule == UNSIGNED
