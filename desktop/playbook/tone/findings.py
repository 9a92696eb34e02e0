"""What a check reports: a finding, its rule and how serious it is."""

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

# Flaws of a sentence, found by the sentence model.
SARCASM = "sarcasm"
CHALLENGES_DECISION = "challenges-decision"
BLAME = "blame"
DEMAND = "demand"
THREAT = "threat"
GUILT_TRIP = "guilt-trip"
DESPERATION = "desperation"
COMPLAINT = "complaint"
BITTER = "bitter"
GROVELLING = "grovelling"
SENTENCE_FLAWS = (SARCASM, CHALLENGES_DECISION, BLAME, DEMAND, THREAT, GUILT_TRIP,
                  DESPERATION, COMPLAINT, BITTER, GROVELLING)

# Flaws of the whole note, found by exact rules.
PLACEHOLDER = "placeholder"
WRONG_NAME = "wrong-name"
TOO_LONG = "too-long"
MISSING_THANKS = "missing-thanks"
MISSING_ASK = "missing-ask"
UNSIGNED = "unsigned"
NOTE_FLAWS = (PLACEHOLDER, WRONG_NAME, TOO_LONG, MISSING_THANKS, MISSING_ASK, UNSIGNED)

#: Every rule, and the severity it has when it is sure. Sentence flaws the model is
#: less sure of, a greeting that matches nobody and a note just over its length are
#: warnings.
RULES: dict[str, str] = {
    **dict.fromkeys(SENTENCE_FLAWS, ERROR),
    PLACEHOLDER: ERROR,
    WRONG_NAME: ERROR,
    MISSING_THANKS: ERROR,
    UNSIGNED: ERROR,
    TOO_LONG: WARNING,
    MISSING_ASK: WARNING,
}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "error" | "warning"
    start: int  # character offset into the checked text
    end: int  # exclusive; equal to start for a finding about the subject line
    message: str  # which words, and why they harm the note
    suggestion: str  # a concrete rewrite
