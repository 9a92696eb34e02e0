"""Tone check for a follow-up note, run as the user types.

A note sent after a rejection has one job: leave the door open. The checks here
look for what shuts it (bitterness, arguing with the decision, blame, demands),
what weakens it (grovelling, length) and what a template can leave behind
(unfilled placeholders), and whether the note thanks them and asks for a next
step. Honest disappointment, tied to what the role would have taught you, is
fine and is never flagged.

Errors are things that would do harm if sent; warnings are worth a second look.
The phrase lists favour precision over recall: a false alarm on a gracious note
teaches people to ignore the checker.

Pure Python and standard library only; no Qt, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.playbook.kinds import StepKind

__all__ = [
    "BITTER", "BLAME", "CHALLENGES_DECISION", "DEFAULT_WORD_LIMIT", "DEMAND", "ERROR",
    "MISSING_ASK", "MISSING_THANKS", "OVER_APOLOGISING", "PLACEHOLDER", "RULES", "TOO_LONG",
    "WARNING", "Finding", "check_note", "word_limit",
]

ERROR = "error"
WARNING = "warning"

BITTER = "bitter"
CHALLENGES_DECISION = "challenges-decision"
BLAME = "blame"
DEMAND = "demand"
OVER_APOLOGISING = "over-apologising"
TOO_LONG = "too-long"
PLACEHOLDER = "placeholder"
MISSING_THANKS = "missing-thanks"
MISSING_ASK = "missing-ask"

#: Every rule id and its severity, in the order they are explained to users.
RULES: dict[str, str] = {
    BITTER: ERROR,
    CHALLENGES_DECISION: ERROR,
    BLAME: ERROR,
    DEMAND: ERROR,
    PLACEHOLDER: ERROR,
    MISSING_THANKS: ERROR,
    OVER_APOLOGISING: WARNING,
    TOO_LONG: WARNING,
    MISSING_ASK: WARNING,
}

#: Word limit when the note's kind is not known.
DEFAULT_WORD_LIMIT = 200

#: A pasted novel should not produce thousands of identical underlines.
MAX_FINDINGS_PER_RULE = 50


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "error" | "warning"
    start: int  # character offset into the checked text
    end: int  # exclusive; equal to start for a finding about the subject line
    message: str  # what is wrong, in words a job seeker understands
    suggestion: str  # what to write instead


# --------------------------------------------------------------------------- helpers

# The text is checked in lower case with curly and look-alike apostrophes made
# straight. Every step maps one character to one character, so offsets into the
# normalised text are offsets into the original. (Matching lower-case text is
# several times faster than re.IGNORECASE, which matters as the user types.)
_NORMALISE = str.maketrans({
    **dict.fromkeys("\u2019\u2018\u02bc\u2032\uff07\u0060\u00b4", "'"),
    "\u0130": "i",  # the one capital whose lower() is two characters
})


def _normalise(text: str) -> str:
    lowered = text.translate(_NORMALISE).lower()
    if len(lowered) == len(text):
        return lowered
    # A newer Unicode could add another capital like U+0130; keep the offsets anyway.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_NORMALISE))


def _lower_pattern(pattern: str) -> str:
    """The pattern for lower-case text: its letters lowered, escapes such as \\W kept."""
    return re.sub(r"(?<!\\)[A-Z]", lambda m: m.group().lower(), pattern)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(_lower_pattern(pattern), re.MULTILINE)

# A negation reaches up to four words ahead, not past a comma, a sentence end, a
# line break or a "but".
_NEGATION_BEFORE = _compile(
    r"(?:\b(?:not|never|no|without|hardly|nor)|n't)"
    r"(?:[^\w.,!?;:\r\n]+(?!(?:but|yet|although|though)\b)\w+){0,4}[^\w.,!?;:\r\n]*$"
)
_NEGATION_WINDOW = 48


def _negated(text: str, start: int) -> bool:
    """True when a "not", "never", "n't"... comes just before ``start`` in the same clause."""
    return _NEGATION_BEFORE.search(text, max(0, start - _NEGATION_WINDOW), start) is not None


def _alternatives(*parts: str) -> str:
    """One alternation of phrase patterns; a space in a phrase matches any run of whitespace."""
    return "|".join(part.replace(" ", r"\s+") for part in parts)


def _phrases(*parts: str) -> str:
    """The alternation, matched as whole words only (so "must" never matches "mustard")."""
    # Every phrase starts with a letter, so \b is the same as "no letter before" here,
    # and much faster to reject on punctuation and spaces.
    return r"\b(?:" + _alternatives(*parts) + r")(?!\w)"


@dataclass(frozen=True)
class _Group:
    pattern: str
    message: str
    suggestion: str
    negatable: bool = True  # skip a match that a "not"/"never"/"n't" just before turns around


@dataclass(frozen=True)
class _PhraseRule:
    rule: str
    regex: re.Pattern[str]
    groups: tuple[_Group, ...]


def _phrase_rule(rule: str, *groups: _Group) -> _PhraseRule:
    combined = "|".join(
        f"(?P<g{i}>{_lower_pattern(group.pattern)})" for i, group in enumerate(groups)
    )
    return _PhraseRule(rule, re.compile(combined, re.MULTILINE), groups)


# --------------------------------------------------------------------------- bitter

_FEELING = _Group(
    _phrases(
        r"I(?:'m| am| was| felt| feel| have been|'ve been| had been) (?:so |really |very |quite "
        r"|absolutely |honestly |truly |completely |utterly |frankly |pretty |rather |a bit "
        r"|a little |deeply )?(?:shocked|stunned|appalled|outraged|insulted|offended|furious"
        r"|angry|livid|hurt|upset|crushed|devastated|bitter|disgusted|baffled|bewildered"
        r"|speechless|frustrated|annoyed|irritated|incensed|fuming)",
        r"shock(?:ed|ing)|appall(?:ed|ing)|outrag(?:ed|eous)|insult(?:ed|ing)?|furious|livid",
        r"disgust(?:ed|ing)|infuriat(?:ed|ing)|frustrat(?:ed|ing|ion)|bitter(?:ly|ness)?",
        r"resent(?:ed|ful|ment)?|unacceptable|ridiculous|absurd|disgrace(?:ful)?|pathetic",
        r"(?:came as|was) a (?:real |bit of a |complete |total )?shock",
        r"unfair(?:ly|ness)?",
        r"(?:not|isn't|wasn't|hardly) (?:very |entirely |really |exactly |at all )?fair",
    ),
    "This tells them you are angry or hurt. They may understand, but it turns the note "
    "into a complaint about the rejection instead of a step toward the next chance.",
    "Leave the feeling out, or keep it mild and tie it to the role, for example "
    "\"I was disappointed, as I would have learned a lot on your team.\"",
)

_SHARP_DISAPPOINTMENT = _Group(
    _phrases(
        r"(?:frankly|bitterly|utterly|thoroughly|extremely|incredibly|hugely|massively|seriously"
        r"|terribly|profoundly|immensely) disappoint(?:ed|ing)",
        r"disappointing (?:decision|process|experience|response|treatment|interview|approach"
        r"|behaviou?r|attitude|choice|way)",
        r"(?:your (?:\w+ )?(?:decision|process|response|choice|approach|handling|communication"
        r"|conduct|feedback|treatment)|the (?:process|treatment|handling|communication)) "
        r"(?:is|was|were|has been|felt) (?:\w+ )?disappointing",
        r"disappointing (?:that|how) (?:you|your|the company|the team|they)",
        r"disappointed (?:in|with|by) (?:you\b|your|how|the way|the process|the company|the team"
        r"|the panel|the interviewers?|the recruiter|the hiring)",
    ),
    "Disappointment aimed at them, or turned up this far, reads as a complaint about their "
    "choice.",
    "Plain disappointment about the role is fine: \"I was disappointed not to be chosen, "
    "because I'd have learned a lot there.\"",
)

_SARCASM = _Group(
    _phrases(
        r"I (?:can't|cannot|can not|couldn't|could not) believe(?! (?:how|what) (?:much|many"
        r"|quickly|fast|kind|generous|helpful|lucky|great|interesting|fun|well|useful|friendly"
        r"|welcoming|warm|a great))",
        r"hard to believe|beyond belief|your loss",
        r"(?:good|best of) luck with that",
        r"(?:good|best of) luck finding (?:someone|anyone|somebody|another (?:candidate|person)) "
        r"(?:better|as good|like me|who|else)",
        r"thanks for nothing|thank you for nothing|thanks a bunch",
        r"I hope (?:\w+ ){1,5}?(?:is|was|will be|proves) worth it",
        r"(?:a )?(?:complete |total |huge |big )?waste of (?:my |our )?time",
        r"wast(?:ed|ing) (?:my|our) (?:time|effort|day|weekend|evening|morning|afternoon)",
        r"what (?:was|is) the point|pointless",
        r"you(?:'ll| will) regret|regret (?:your|this|that) decision",
        r"(?:is|was|what) a (?:complete |total |bit of a |real )?joke",
        r"after all (?:the|that|my) (?:effort|work|time|preparation|prep|hours|trouble)",
        r"after everything I",
        r"how could you|how dare|are you (?:serious|kidding|joking)",
        r"you (?:must|have to|'ve got to) be (?:kidding|joking)",
        r"slap in the face|kick in the teeth",
        r"I (?:hope|trust) you(?:'re| are) happy with",
        r"(?:don't|do not|didn't|did not) appreciate (?:being|how|the way|that)",
    )
    + r"|(?<!\w)seriously\s*\?",
    "This can read as bitter or sarcastic, and tone is easy to misread in an email from "
    "someone they just turned down.",
    "Say it plainly and warmly, or cut the line. The note works best when it sounds glad "
    "to have met them.",
)

# --------------------------------------------------------------------------- challenges

_CHALLENGE = _Group(
    _phrases(
        # Asking them to reverse it.
        r"(?:hope|wish|ask|asking|urge|urging|beg|begging|request|requesting|encourage|expect)"
        r" (?:that )?(?:you(?:'ll| will| would| might| could| can)? )?(?:to )?(?:please )?"
        r"(?:re-?consider|rethink)",
        r"(?:would|could|will|can|might|may) you (?:please |kindly |possibly |perhaps )?"
        r"(?:re-?consider|rethink)",
        r"please (?:kindly )?(?:re-?consider|rethink|reverse|think again)(?: (?:your|the|this"
        r"|that) (?:\w+ )?(?:decision|choice|verdict|selection))?",
        r"re-?consider(?:ing)? (?:me\b|my (?:application|candidacy)|your (?:decision|choice)"
        r"|the (?:decision|choice|outcome)|(?:this|that) (?:decision|choice))",
        r"re-?consideration(?! for (?:future|other|any|another|similar|upcoming|new))",
        r"(?:reverse|overturn|revisit|appeal|rethink|re-?evaluate|change) (?:your|the|this|that)"
        r" (?:\w+ )?(?:decision|choice|verdict|selection)",
        r"(?<!if\syou\s)(?<!if\syou\sever\s)(?<!should\syou\s)change your mind",
        r"think again about (?:me|my|your|the)",
        r"give (?:me|my application|my candidacy) (?:another|a second) (?:look|review)",
        # Telling them they got it wrong.
        r"(?:you|they|your team|the panel|the company)(?:'ve|'re| have| are| may have"
        r"| might have| probably| have probably)? (?:made|making) (?:a|an|the) (?:\w+ )?"
        r"(?:mistake|error|wrong (?:choice|decision|call|hire))",
        r"(?:chose|picked|hired|selected|chosen|went with) the wrong (?:person|candidate|one)",
        r"I(?:'m| am| was|'d have been| would have been| would've been) (?:clearly |obviously "
        r"|definitely |by far |easily |simply |really )?(?:the |a )?(?:much |far )?(?:best|right"
        r"|strongest|ideal|perfect|better|stronger|most qualified|more qualified|better qualified"
        r"|obvious|only) (?:candidate|person|fit|choice|hire|match|applicant|option|one)",
        r"(?:more|better) qualified than|(?:better|stronger) (?:candidate|fit|choice) than",
        r"(?:more|better|stronger) (?:experience|skills|qualifications) than (?:the|whoever|they"
        r"|him|her|them|anyone)",
        r"hard to (?:understand|see|accept) (?:why|how)",
        r"I (?:really |truly |surely |certainly )?deserved?",
        r"I (?:still |really |honestly |simply )?(?:don't|do not|can't|cannot|fail to) "
        r"(?:understand|see|get|comprehend) (?:why|how) (?:you|I|your|the|they|someone|my)",
        r"I fail to see",
        r"I (?:strongly |respectfully |completely |must )?disagree",
        r"(?:don't|do not) agree with (?:your|the|this) (?:decision|assessment|choice|verdict)",
        r"should (?:have|'ve) (?:chosen|selected|picked|hired|offered) me",
        r"I should (?:have|'ve) (?:been (?:chosen|selected|picked|hired|offered)|got(?:ten)? "
        r"(?:the|this) (?:job|role|offer|position))",
        r"surprised (?:by|at|with) (?:your|the|this) (?:decision|choice|outcome)",
        r"surprised (?:that I|I (?:wasn't|was not|didn't|did not)|not to (?:be|have been|get))",
        r"I (?:was|have been|feel (?:like )?I was|feel I was|think I was) (?:unfairly |wrongly "
        r"|completely |simply )?(?:overlooked|passed over|misjudged|underestimated)",
    ),
    "This reads as arguing with their decision. That closes the door you are trying to "
    "keep open.",
    "Accept the decision and say what you would like to happen next, for example being "
    "considered for future roles.",
)

# --------------------------------------------------------------------------- blame

_BLAME = _Group(
    _phrases(
        r"rude|rudely|unprofessional|disorgani[sz]ed|dismissive|disrespectful|condescending",
        r"patroni[sz]ing|biased|arrogant|chaotic|shambolic|incompeten(?:t|ce)|hostile|sloppy",
        r"misleading|misled|lied to me",
        r"(?:process|interviews?|scheduling|communication|recruitment|hiring|organi[sz]ation"
        r"|logistics|experience|whole thing|panel|assessment|test|task|questions) "
        r"(?:was|were|is|has been|felt|seemed) (?:\w+ )?(?:a |such a )?(?:complete |total |real "
        r"|absolute |bit of a )?(?:mess|shambles|disaster|nightmare|farce|chaos|circus|rushed"
        r"|confusing|irrelevant|vague)",
        r"(?:poorly|badly|terribly|so badly) (?:organi[sz]ed|run|managed|handled|planned"
        r"|communicated|structured|co-?ordinated|conducted|explained)",
        r"mishandled|messed up|dropped the ball|trick questions?",
        r"you (?:didn't|did not|never|barely|hardly|couldn't|could not|wouldn't|would not)"
        r" (?:even )?(?:give|gave|let|allow|allowed"
        r"|read|listen|listened|bother|bothered|explain|explained|reply|replied|respond"
        r"|responded|answer|answered|get back|got back|call|called)(?: me (?:a |an |any )?"
        r"(?:fair |real |proper )?(?:chance|opportunity|time))?",
        r"(?:wasn't|was not|weren't|were not) (?:even )?given (?:a |an |the )?(?:fair|real"
        r"|proper|decent) (?:chance|opportunity)",
        r"(?:wasn't|was not|weren't|were not) (?:even )?given (?:any|a single) (?:feedback"
        r"|reason|explanation)",
        r"never (?:even )?given (?:a |an |any |the )?(?:fair |real |proper |decent )?(?:chance"
        r"|opportunity|feedback|reason|explanation)",
        r"(?:no one|nobody) (?:ever |even )?(?:told|explained|replied|responded|got back|bothered"
        r"|called|answered)",
        r"you (?:wasted|ignored|ghosted|misled|rushed|lied|strung me along|led me on"
        r"|kept me waiting)",
        r"kept me waiting|ghosted|left me hanging",
        r"you (?:really )?should (?:have|'ve)(?! (?:received|got|gotten|seen|had|heard))",
        r"you could (?:at least|have at least)",
        r"(?:your|their|the (?:company|team|process|interviewer|recruiter|panel)'s) fault",
        r"blam(?:e|ed|ing)(?! (?:myself|no one|nobody))",
        r"took (?:forever|ages|so long|far too long|way too long|too long)",
    ),
    "This puts the blame on them or their process. Whoever reads it was probably part of "
    "that process, and will remember it.",
    "Leave the criticism out. Keep to what you appreciated, what you took from it, and "
    "what you would like next.",
)

# --------------------------------------------------------------------------- demand

_DEMAND = _Group(
    _phrases(
        r"expect(?:ing)? (?:an? |your |some |the )?(?:reply|response|answer|explanation|call"
        r"|decision|feedback|update)|expect(?:ing)? (?:to hear|you to|that you|the courtesy)",
        r"I (?:demand|insist|require)|I(?:'m| am) (?:owed|entitled)|you owe me",
        r"I have (?:a|the) right to",
        r"you must(?! (?:be|have|'ve|get|receive|hear|know|feel|see|deal|had|hire|meet|speak))",
        r"you (?:need|have) to (?:reply|respond|answer|explain|tell|give|send|provide|get back"
        r"|let me know|call|contact|justify|reconsider|share)",
        r"I need (?:an? |your |the |some )?(?:answer|response|reply|explanation|decision|update)",
        r"I need to know",
        r"I want (?:an? |your |the |some )?(?:answer|response|reply|explanation|reason)",
        r"I(?:'d| would) like (?:an? |your |the |some )?(?:answer|explanation|reason)",
        r"(?:(?:could|can|will|would) you|you (?:could|can|will|would)) (?:please )?finally",
        r"I want to know why",
        r"(?:respond|reply|answer|get back to me|hear back|get back|let me know|write back)"
        r" (?:to (?:me|this) )?(?:within|no later than|by (?:tomorrow|tonight|today|the end"
        r"|end of|close of|eod|cob|noon|midday|monday|tuesday|wednesday|thursday|friday|saturday"
        r"|sunday|next|this|\d))",
        r"(?:respond|reply|answer|get back to me|call me|let me know|explain)"
        r" (?:to (?:me|this) )?(?:immediately|at once|asap|urgently|right away|straight away"
        r"|as soon as possible|promptly)",
        r"asap|this is urgent",
        r"or else(?=\s*(?:[.!?]|$|I\b))|otherwise I(?:'ll| will| shall)",
    ),
    "This sounds like a demand. They owe you nothing here, so pressure makes a reply less "
    "likely, not more.",
    "Ask lightly and make it easy to say no, for example \"If you have a moment, I would "
    "be grateful for any thoughts.\"",
)

_THREAT = _Group(
    _phrases(
        r"I(?:'ll| will| shall| may| might) (?:have to |be )?(?:escalat|complain|report|post"
        r"|leave a review|take (?:this|it|legal)|contact your (?:manager|boss|ceo|director))\w*",
        r"legal action|my (?:lawyer|solicitor|attorney)|glassdoor|final warning|ultimatum",
    ),
    "This reads as a threat. Even a hint of one ends the relationship and can follow you "
    "to other employers.",
    "Take this out. If something truly went wrong, raise it separately, not in a note "
    "meant to keep the door open.",
)

# --------------------------------------------------------------------------- placeholder

_PLACEHOLDER = _Group(
    r"\[\s*[^\W\d][^\[\]\r\n]{0,60}\](?!\()"  # [Name], [company] (not a markdown link)
    r"|<\s*[^\W\d][^<>@:/\r\n]{0,60}>"  # <company> (not an address or a URL)
    r"|\{\{[^\r\n]{0,120}?\}\}|\{%[^\r\n]{0,120}?%\}|\{\{|\{%|%\}|\}\}"  # {{ x }}, {% x %}
    r"|\{\s*[^\W\d][\w .-]{0,40}\}|\$\{[^}\r\n]{1,40}\}|%\(\w+\)s"  # {name}, ${name}, %(name)s
    r"|(?<!\w)x{3,}(?!\w)|(?<!\w)(?:todo|tbd|fixme)(?!\w)|_{3,}"
    # A greeting with nothing where the name should be: "Dear ,", "Hi ,", "Dear Ms ,".
    r"|^[ \t\ufeff]*dear(?:[ \t]+(?:mr|mrs|ms|miss|mx|dr|prof)\.?)?[ \t]*,"
    r"|(?<!\w)(?:dear|hi|hello|hey|good morning|good afternoon)(?:[ \t]+(?:mr|mrs|ms|miss|mx"
    r"|dr|prof)\.?)?[ \t]+,"
    # A word that needs something after it, followed by a gap: "your team at .".
    r"|(?<!\w)(?:at|with|for|from|to|of|the|as|in|on|about|join|joining)[ \t]+[,.;:](?=\s|$)",
    "This looks like a blank that was never filled in. Sent as it is, it shows the note "
    "came from a template.",
    "Replace it with the real name or detail, or delete it.",
    negatable=False,
)

_PLACEHOLDER_RULE = _phrase_rule(PLACEHOLDER, _PLACEHOLDER)
_PHRASE_RULES = (
    _phrase_rule(BITTER, _FEELING, _SHARP_DISAPPOINTMENT, _SARCASM),
    _phrase_rule(CHALLENGES_DECISION, _CHALLENGE),
    _phrase_rule(BLAME, _BLAME),
    _phrase_rule(DEMAND, _DEMAND, _THREAT),
    _PLACEHOLDER_RULE,
)

# --------------------------------------------------------------------------- apologies

_APOLOGY = _compile(
    _phrases(r"sorry|apologi[sz](?:e|es|ed|ing)|apolog(?:y|ies)|forgive me|pardon me|excuse me"),
)

_SELF_EFFACING = (
    r"(?:bother|disturb|trouble|intrud|impos|pester|nag|chas|tak(?:e|ing) up|writ|e-?mail"
    r"|messag|contact|reach|wast|clog|flood|spam|inconvenien|interrupt)\w*"
)

_GROVEL = _compile(
    _phrases(
        r"(?:(?:I'm|I am) )?(?:so |very |really |terribly |truly |awfully |incredibly )?sorry "
        r"(?:(?:to|for) (?:be |keep )?" + _SELF_EFFACING + r"|for the (?:intrusion|bother|trouble"
        r"|interruption|inconvenience|long|length)\w*|for any (?:inconvenience|trouble|bother)"
        r"|if (?:this|I)\b)",
        r"(?:please )?forgive (?:me|the intrusion|my)",
        r"(?:I know you(?:'re| are) (?:\w+ )?busy,? (?:and|but|so) )?I hate to (?:bother|ask"
        r"|trouble|disturb|intrude|impose|pester|nag|chase|be a (?:bother|nuisance|pain|pest)"
        r"|take up|write|email)",
        r"(?:I )?apologi[sz]e (?:for|if) (?:the )?" + _SELF_EFFACING,
        r"(?:my )?apologies for (?:the )?" + _SELF_EFFACING,
        r"please excuse (?:me|the intrusion|my)",
        r"I (?:don't|do not) (?:mean|want) to (?:bother|impose|pester|intrude|nag|trouble"
        r"|be a (?:bother|nuisance|pain|pest)|take up)",
        r"(?:I )?hope I(?:'m| am) not (?:bothering|pestering|disturbing|troubling|imposing"
        r"|intruding|being a (?:bother|nuisance|pain|pest))",
    ),
)

_GROVEL_MESSAGE = (
    "This apologises for writing at all. A short, friendly note is welcome and needs no "
    "apology."
)
_REPEAT_APOLOGY_MESSAGE = (
    "This is not the first apology in the note. Saying sorry again and again makes you "
    "sound unsure of yourself."
)
_APOLOGY_SUGGESTION = (
    "Keep one apology at most, and thank them for their time instead: \"Thank you for "
    "reading this.\""
)

# --------------------------------------------------------------------------- thanks, asks

_THANKS = _compile(
    _phrases(
        r"thank(?:s|ed|ing|ful|fully)?|thx|grateful|gratitude|appreciat(?:e|ed|es|ing|ion|ive)"
    ),
)

_THANKS_DENIED = _compile(
    r"\b(?:don't|do not|didn't|did not|not|never|wasn't|isn't|am not|won't|wouldn't)"
    r"\s+(?:really\s+|exactly\s+|at all\s+)?$"
)

_ASK = _compile(
    _phrases(
        r"(?:keep|bear|have|hold) (?:me|my (?:\w+ ){0,2}|us|this|our conversation) in mind",
        r"in mind (?:for|if|when|should|as)",
        r"(?:consider me|be considered|being considered|considered again|reconsidered) "
        r"(?:again|for (?:any |a |the )?(?:future|other|another|similar|upcoming|new|later|more"
        r"|different|related)|in (?:the )?future|down the (?:line|road)|next time|if|when"
        r"|should)",
        r"future (?:roles?|openings?|opportunit\w+|positions?|vacanc\w+|jobs?|hiring|projects?"
        r"|needs|teams?)",
        r"in (?:the )?(?:near |not too distant )?future",
        r"(?:other|another|similar|new|upcoming|later|suitable|related|relevant) (?:\w+ )?"
        r"(?:roles?|openings?|opportunit\w+|positions?|vacanc\w+|jobs?)",
        r"stay (?:in touch|connected|in contact|on your radar)",
        r"keep (?:in )?(?:touch|contact)|keep (?:me|us) (?:posted|informed|updated|in the loop)",
        r"(?:be|get|remain) in touch|touch base|reach out|on your radar",
        r"connect(?:ed|ing)?|linkedin",
        r"let me know (?:if|when|should|whether|about)",
        r"(?:hear|learn) (?:about|of) (?:any|future|other|new|upcoming|openings|roles|positions"
        r"|opportunit)\w*",
        r"opens? (?:up|again)|comes? up|becomes? (?:available|free|vacant)|re-?opens?",
        r"re-?advertis\w+",
        r"(?:would|could|might|may|can) (?:you|we|I)\b[^.?!\r\n]{0,80}?(?<!\w)(?:chat|talk|speak"
        r"|call|coffee|conversation|meet|catch up|connect|introduc\w*|point me|refer\w*|suggest"
        r"|recommend|pass)",
        r"(?:open|happy|glad|keen|love|like|welcome|grateful for|delighted|pleased|eager)"
        r" (?:to |the chance to |the opportunity to |a chance to |an opportunity to |a )?"
        r"(?:(?:short|quick|brief) )?(?:chat|talk|speak|call|coffee"
        r"|conversation|meet|catch up|hear from you|help)",
        r"think of me|hear from you (?:if|when|should|again)|(?:my|our) paths cross",
        r"(?:love|like|glad|happy|keen) to hear (?:about|from|more|if|when|of)",
        r"(?:remain|still|stay|am|i'm) (?:very |really |genuinely )?(?:keen|eager) (?:on|to)",
        r"introduc(?:e|tion|tions)|refer(?:ral|rals)?|point me|anyone else|someone else",
        r"your network|who else",
        r"(?:still|remain|continued|very much|genuinely|definitely|keenly) (?:\w+ )?"
        r"interest(?:ed)?",
        r"(?:check in|follow up|write|be in touch|reach out) again",
    ),
)

_WORD = re.compile(r"\S+")
_ALNUM = re.compile(r"[^\W_]")
_LINE = re.compile(r"[^\r\n]+")


# --------------------------------------------------------------------------- the check


def word_limit(kind: StepKind | str | None) -> int:
    """How many words a note of this kind may have before it reads as too long."""
    parsed = _parse_kind(kind)
    return parsed.word_limit if parsed else DEFAULT_WORD_LIMIT


def check_note(
    text: str, kind: StepKind | str | None = None, subject: str = ""
) -> list[Finding]:
    """Everything worth changing in a note's body, sorted by where it starts.

    ``kind`` sets the word limit and whether thanks are required; an unknown
    kind is treated as a general follow-up. ``subject`` counts toward thanks
    and the ask (a subject "Thank you" does thank them), and a placeholder left
    in it is reported at offset 0 with ``start == end``. A blank note has
    nothing to check and gives no findings.
    """
    text = _as_text(text)
    subject = _as_text(subject)
    if not text.strip():
        return []
    parsed_kind = _parse_kind(kind)
    plain = _normalise(text)
    plain_subject = _normalise(subject)

    findings: list[Finding] = []
    for rule in _PHRASE_RULES:
        findings.extend(_phrase_findings(plain, rule))
    findings.extend(_subject_placeholders(plain_subject))
    findings.extend(_apology_findings(plain))
    findings.extend(_length_findings(plain, parsed_kind))
    if parsed_kind is StepKind.THANK_YOU and not (_thanks(plain) or _thanks(plain_subject)):
        start, end = _first_body_line(plain)
        findings.append(Finding(
            MISSING_THANKS, ERROR, start, end,
            "A thank-you note that never says thank you misses its main point.",
            "Thank them for their time and for considering you, for example \"Thank you for "
            "the time you and the team spent with me.\"",
        ))
    # No negation check for asks: "don't hesitate to get in touch" is an ask.
    if not (_ASK.search(plain) or _ASK.search(plain_subject)):
        start, end = _last_body_line(plain)
        findings.append(Finding(
            MISSING_ASK, WARNING, start, end,
            "The note never asks for a next step, so it is easy to read and forget.",
            "End with a light ask: to be kept in mind for future openings, to stay in "
            "touch, or for a short chat about the team.",
        ))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


def _as_text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _parse_kind(kind: StepKind | str | None) -> StepKind | None:
    if isinstance(kind, StepKind):
        return kind
    if not isinstance(kind, str):
        return None
    key = kind.strip().lower()
    try:
        return StepKind(key.replace("-", "_").replace(" ", "_"))
    except ValueError:
        pass
    for candidate in StepKind:
        if candidate.label.lower() == key:
            return candidate
    return None


def _phrase_findings(text: str, rule: _PhraseRule) -> list[Finding]:
    severity = RULES[rule.rule]
    found: list[Finding] = []
    for match in rule.regex.finditer(text):
        group = rule.groups[int(match.lastgroup[1:])]
        start, end = match.span()
        if end <= start or (group.negatable and _negated(text, start)):
            continue
        end = start + len(match.group().rstrip())
        found.append(Finding(rule.rule, severity, start, end, group.message, group.suggestion))
        if len(found) >= MAX_FINDINGS_PER_RULE:
            break
    return found


def _subject_placeholders(subject: str) -> list[Finding]:
    match = _PLACEHOLDER_RULE.regex.search(subject) if subject.strip() else None
    if match is None:
        return []
    return [Finding(
        PLACEHOLDER, ERROR, 0, 0,
        "The subject line still has a blank that was never filled in.",
        "Replace it in the subject with the real name or detail, or delete it.",
    )]


def _apology_findings(text: str) -> list[Finding]:
    found: list[Finding] = []
    grovels: list[tuple[int, int]] = []
    for match in _GROVEL.finditer(text):
        grovels.append(match.span())
        found.append(Finding(OVER_APOLOGISING, WARNING, *match.span(), _GROVEL_MESSAGE,
                             _APOLOGY_SUGGESTION))
        if len(found) >= MAX_FINDINGS_PER_RULE:
            return found
    for count, match in enumerate(_APOLOGY.finditer(text)):
        start, end = match.span()
        if count == 0 or any(g_start <= start < g_end for g_start, g_end in grovels):
            continue
        found.append(Finding(OVER_APOLOGISING, WARNING, start, end, _REPEAT_APOLOGY_MESSAGE,
                             _APOLOGY_SUGGESTION))
        if len(found) >= MAX_FINDINGS_PER_RULE:
            break
    return found


def _length_findings(text: str, kind: StepKind | None) -> list[Finding]:
    limit = kind.word_limit if kind else DEFAULT_WORD_LIMIT
    count = 0
    first_extra = last_end = -1
    for match in _WORD.finditer(text):
        if not _ALNUM.search(match.group()):
            continue  # a dash or a bullet is not a word
        count += 1
        if count == limit + 1:
            first_extra = match.start()
        last_end = match.end()
    if count <= limit:
        return []
    what = f"a {kind.label.lower()}" if kind else "a follow-up note"
    return [Finding(
        TOO_LONG, WARNING, first_extra, last_end,
        f"This note is {count} words; {what} reads best in {limit} or fewer. Busy people "
        "skim long notes, and the part that matters gets lost.",
        "Cut what repeats the interview or explains at length. Keep the thanks, one point "
        "about you, and your ask.",
    )]


def _thanks(text: str) -> bool:
    """Whether the text thanks them ("I don't appreciate..." does not; "I can't thank you
    enough" does, which is why the general negation check is not used here)."""
    return any(
        not _THANKS_DENIED.search(text, max(0, m.start() - 24), m.start())
        for m in _THANKS.finditer(text)
    )


def _body_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without its surrounding spaces."""
    lines = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            lines.append((start, start + len(stripped)))
    return lines


def _is_sentence(text: str, span: tuple[int, int]) -> bool:
    """More than a greeting, a sign-off or a name."""
    return len(_WORD.findall(text, *span)) >= 4


def _first_body_line(text: str) -> tuple[int, int]:
    lines = _body_lines(text)
    return next((s for s in lines if _is_sentence(text, s)), lines[0])


def _last_body_line(text: str) -> tuple[int, int]:
    lines = _body_lines(text)
    return next((s for s in reversed(lines) if _is_sentence(text, s)), lines[-1])
