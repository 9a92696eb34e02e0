"""The kinds of follow-up step, with the reason each one matters.

The reasons are shown in the composer so the user learns the approach, not only
the text. Offsets are defaults; settings and each step can change them.
"""

from enum import StrEnum

from desktop.vocabulary import STEP_KIND_LABELS


class StepKind(StrEnum):
    THANK_YOU = "thank_you"
    FEEDBACK = "feedback"
    NETWORK = "network"
    HIRE_WATCH = "hire_watch"
    CHECK_IN = "check_in"

    @property
    def label(self) -> str:
        return STEP_KIND_LABELS[self.value]

    @property
    def why(self) -> str:
        """One or two sentences on why this step is worth doing."""
        return _WHY[self]

    @property
    def default_offset_days(self) -> int:
        """Days after the rejection this step is due, by default."""
        return _OFFSETS[self]

    @property
    def word_limit(self) -> int:
        """Beyond this many words a note of this kind reads as too long."""
        return _WORD_LIMITS[self]


_WHY = {
    StepKind.THANK_YOU: (
        "Almost nobody thanks an employer after being turned down, so yours will be "
        "remembered. It also clears the awkwardness they feel about saying no, which "
        "makes it easy for them to think of you when another role opens."
    ),
    StepKind.FEEDBACK: (
        "Knowing why helps you prepare for the next interview, and asking shows you "
        "want to improve. Recruiters usually share more than interviewers, so ask "
        "them first, and never argue with what you hear."
    ),
    StepKind.NETWORK: (
        "A manager who liked you may not have an opening, but they know people who do. "
        "A short conversation about the team and the industry turns an interviewer "
        "into a contact who can refer you."
    ),
    StepKind.HIRE_WATCH: (
        "New hires sometimes leave in their first months. A light note around the end "
        "of a probation period puts you first in line if the role opens again, "
        "without assuming it will."
    ),
    StepKind.CHECK_IN: (
        "Staying in touch every few months keeps your name fresh with the people who "
        "hire. Tell them what you have learned since the interview, especially where "
        "it closes a gap they noticed."
    ),
}

_OFFSETS = {
    StepKind.THANK_YOU: 1,
    StepKind.FEEDBACK: 7,
    StepKind.NETWORK: 14,
    StepKind.HIRE_WATCH: 90,
    StepKind.CHECK_IN: 91,
}

_WORD_LIMITS = {
    StepKind.THANK_YOU: 150,
    StepKind.FEEDBACK: 170,
    StepKind.NETWORK: 190,
    StepKind.HIRE_WATCH: 150,
    StepKind.CHECK_IN: 220,
}
