"""The exact checks: what rules can decide for certain.

A placeholder left in, a note far too long for its kind, a thank-you without
thanks, no next step, no name at the end. (Names that belong to someone else are
checked in ``names``.)
"""

import re

from desktop.playbook.kinds import StepKind
from desktop.playbook.tone import findings as f
from desktop.playbook.tone.names import fold
from desktop.playbook.tone.text import normalise

#: Beyond this many times its limit, a note is far too long: an error, not a warning.
FAR_TOO_LONG = 2.0
DEFAULT_WORD_LIMIT = 200


# --------------------------------------------------------------------------- placeholders

_FIELD_WORDS = (r"(?:first|last|full|your|my|their|his|her|the|company|hiring|job|team|"
                r"recruiter|interviewer|manager|contact|person|recipient)?[ _-]?"
                r"(?:name|company|organi[sz]ation|employer|role|position|job|title|date|team|"
                r"department|manager|recruiter|interviewer|city|skill|field|x+)")
_PLACEHOLDERS = re.compile("|".join((
    r"\[[^\[\]\n]{0,40}[A-Za-z_][^\[\]\n]{0,40}\]",              # [Name], [company name]
    r"\((?:insert|add|enter|type|put)\b[^()\n]{0,40}\)",          # (insert name)
    rf"\((?i:{_FIELD_WORDS})\)",                                 # (name), (company)
    r"\((?=[^()\n]{1,40}\))(?i:[^()\n]*\b(?:name|here|tbc|tbd)\b[^()\n]*)\)",  # (name of team)
    r"<<[^<>\n]{1,40}>>",                                         # <<position>>
    r"<(?![^<>\n]*[@/:.])[A-Za-z][^<>\n]{0,40}>",                 # <company>, not <a@b.c>
    r"\{\{[^{}\n]{0,40}\}\}",                                     # {{ first_name }}
    r"\{[A-Za-z_][^{}\n]{0,40}\}",                                # {first name}
    r"%[A-Za-z_]{2,30}%",                                         # %NAME%
    r"\$[A-Z_]{2,30}\b",                                          # $NAME
    r"\bX{2,}\b",                                                 # XX, XXX
    r"_{3,}",                                                     # ___
    r"\b(?:(?:FIRST|LAST|FULL|YOUR|MY|COMPANY|HIRING|JOB|TEAM|RECRUITER|INTERVIEWER)[ _]?)?"
    r"(?:NAME|FIRSTNAME|LASTNAME|COMPANY|ORGANI[SZ]ATION|EMPLOYER|POSITION|ROLE|TITLE|"
    r"DATE|MANAGER|RECRUITER|INTERVIEWER|DEPARTMENT)S?\b",       # COMPANY, FIRSTNAME
)))


def placeholder_findings(text: str, subject: str) -> list[f.Finding]:
    found = [f.Finding(f.PLACEHOLDER, f.ERROR, m.start(), m.end(),
                       f'"{m.group()}" is a placeholder that was never filled in.',
                       "Replace it with the real name or detail, or delete it.")
             for m in _PLACEHOLDERS.finditer(text)]
    if subject and (m := _PLACEHOLDERS.search(subject)):
        found.append(f.Finding(f.PLACEHOLDER, f.ERROR, 0, 0,
                               f'The subject still has a placeholder: "{m.group()}".',
                               "Replace it in the subject with the real name or detail."))
    return found


# --------------------------------------------------------------------------- length

_WORD = re.compile(r"\S+")
_ALNUM = re.compile(r"[^\W_]")


def word_limit(kind: StepKind | None) -> int:
    return kind.word_limit if kind else DEFAULT_WORD_LIMIT


def length_findings(text: str, kind: StepKind | None) -> list[f.Finding]:
    limit = word_limit(kind)
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
    severity = f.ERROR if count > FAR_TOO_LONG * limit else f.WARNING
    return [f.Finding(
        f.TOO_LONG, severity, first_extra, last_end,
        f"This note is {count} words; {what} reads best in {limit} or fewer. Busy people "
        "skim long notes, and the part that matters gets lost.",
        "Cut what repeats the interview or explains at length. Keep the thanks, one point "
        "about you, and your ask.")]


# --------------------------------------------------------------------------- thanks, asks

_THANKS = re.compile(
    r"\b(?:thank(?:s|ed|ing|ful|fully)?|thx|ty|grateful|gratitude|cheers for|"
    r"appreciat(?:e|ed|es|ing|ion|ive))\b")
_THANKS_DENIED = re.compile(
    r"\b(?:don't|do not|didn't|did not|not|never|wasn't|isn't|am not|won't|wouldn't)"
    r"\s+(?:really\s+|exactly\s+|at all\s+)?$")

#: A next step, asked for or offered: to be considered, to stay in touch, to talk, to
#: hear of openings, to be pointed to someone, feedback.
_ASK = re.compile("|".join((
    r"\b(?:keep|bear|have|hold) (?:me|my \w+(?: \w+)?|us|this|our conversation) in mind",
    r"\bin mind (?:for|if|when|should|as)\b",
    r"\b(?:consider(?:ed|ing)? me|be(?:ing)? considered|considered (?:again|for))\b",
    r"\b(?:future|other|another|similar|new|upcoming|later|suitable|related|relevant|open)"
    r" (?:\w+ )?(?:roles?|openings?|opportunit\w+|positions?|vacanc\w+|jobs?|intakes?)\b",
    r"\bstay(?:ing)? (?:in touch|connected|in contact|on your radar)",
    r"\bkeep(?:ing)? (?:in )?(?:touch|contact)\b",
    r"\bkeep (?:me|us) (?:posted|informed|updated|in the loop)",
    r"\b(?:be|get|remain) in touch\b|\btouch base\b|\bon your radar\b",
    r"\breach out (?:if|when|should|any ?time|again|whenever)\b",
    r"\bconnect (?:on|with|here)\b|\blinkedin\b",
    r"\blet me know (?:if|when|should|whether|about)\b",
    r"\b(?:hear|learn) (?:about|of) (?:any|future|other|new|upcoming|openings|roles)",
    r"\bhear from you\b|\b(?:love|like|glad|happy|keen) to hear\b",
    r"\b(?:cross|crossing) paths\b|\bpaths cross\b|\bthink of me\b",
    r"\b(?:if|should|when|whenever)\b[^.?!\n]{0,60}\b(?:comes? up|opens?(?: up| again)?|"
    r"becomes? available|changes?|looking again|recruit(?:ing)? again|hiring again|"
    r"(?:an?|any) (?:\w+ )?(?:opening|vacancy|role|position|opportunity|chance))\b",
    r"\b(?:love|like|happy|glad|keen|open|welcome|value|appreciate|grateful|delighted)"
    r"\b[^.?!\n]{0,40}\b(?:chat|talk|speak|call|coffee|conversation|catch up|catch-up|meet"
    r"|meeting|hear|apply|work with|join)\b",
    r"\b(?:could|can|would|might|may|shall) (?:we|you|i)\b[^.?!\n]{0,60}\b(?:chat|talk|"
    r"speak|call|coffee|meet|catch up|connect|introduc\w*|point me|recommend|suggest|share"
    r"|pass)\b",
    r"\b(?:grateful|appreciate|welcome|value|love|glad|thankful|helpful|useful|help)\b"
    r"[^.?!\n]{0,60}\b(?:feedback|pointers?|advice|thoughts|insights?|suggestions?|tips)\b",
    r"\b(?:feedback|pointers?|advice|thoughts|insights?|suggestions?|tips)\b[^.?!\n]{0,60}"
    r"\b(?:would|could|will) (?:help|be (?:useful|helpful|welcome|appreciated|great))\b",
    r"\b(?:share|offer|give|send)\b[^.?!\n]{0,30}\b(?:feedback|pointers?|advice|thoughts)\b",
    r"\b(?:still|remain|very much|genuinely|definitely|keenly|really) (?:\w+ )?"
    r"(?:interested|keen)\b|\bcontinued interest\b",
    r"\bintroduc(?:e|tion|tions)\b|\breferr?(?:al|als|ed)?\b|\banyone else\b|"
    r"\bwho else\b|\byour network\b",
    r"\blook(?:ing)? forward to (?:hearing|speaking|talking|staying|our|the chance|working"
    r"|meeting|catching)",
    r"\b(?:check in|follow up|write|be in touch) again\b",
    r"\bhope (?:to|i can|i could|we can|we could|we will|we'll|i'll)\b[^.?!\n]{0,40}"
    r"\b(?:work|meet|apply|speak|talk|join|see you|chance)\b",
    r"\b(?:apply|applying) again\b|\bkeep my (?:application|cv|resume|details|profile)\b",
    r"\b(?:any|some) (?:feedback|pointers?|advice|thoughts|insights?|suggestions?|tips)\b"
    r"[^.?!\n]{0,30}\b(?:you (?:could|can|might|may)|would)\b",
    r"\bhappy to (?:help|share|talk|answer|chat)\b",
)))


def says_thanks(plain: str) -> bool:
    """Whether the normalised text thanks them ("I don't appreciate" does not)."""
    return any(not _THANKS_DENIED.search(plain, max(0, m.start() - 24), m.start())
               for m in _THANKS.finditer(plain))


def thanks_finding(text: str, plain: str, plain_subject: str,
                   kind: StepKind | None) -> list[f.Finding]:
    if kind is not StepKind.THANK_YOU or says_thanks(plain) or says_thanks(plain_subject):
        return []
    start, end = _first_sentence_line(text)
    return [f.Finding(
        f.MISSING_THANKS, f.ERROR, start, end,
        "A thank-you note that never says thank you misses its main point.",
        'Thank them for their time and for considering you: "Thank you for the time you '
        'and the team spent with me."')]


def ask_finding(text: str, plain: str, plain_subject: str) -> list[f.Finding]:
    if _ASK.search(plain) or _ASK.search(plain_subject):
        return []
    start, end = _last_sentence_line(text)
    return [f.Finding(
        f.MISSING_ASK, f.WARNING, start, end,
        "The note never asks for a next step, so it is easy to read and forget.",
        'End with a light ask: "If another role opens that fits my background, I would be '
        'glad to be considered, and I would like to stay in touch."')]


# --------------------------------------------------------------------------- signature

_SIGN_OFF = re.compile(
    r"^(?:(?:with )?(?:best|kind|warm|warmest|many|all the best|kindest)?\s*"
    r"(?:regards|wishes|thanks|thank you|best|cheers|sincerely|yours(?: sincerely| truly"
    r"| faithfully)?|respectfully|warmly|gratefully|take care|talk soon|all the best|"
    r"with thanks|with gratitude|appreciatively|many thanks|best wishes|kind regards|"
    r"thanks again|thank you again|regards))[\s,.!-]*$")
#: A postscript after the name: "P.S.", "PS:", "P.P.S."
_POSTSCRIPT = re.compile(r"^\s*p\.?\s?(?:p\.?\s?)?s\b", re.IGNORECASE)


def signature_finding(text: str, sender: str | None) -> list[f.Finding]:
    """A note must end with the sender's name (or, without a profile, with a name).

    The name belongs after the last sentence of the note (a postscript aside): a name
    mentioned in the text ("It's Amara here") does not sign it.
    """
    lines = [(m.start(), m.end(), m.group().strip()) for m in re.finditer(r"[^\n]+", text)
             if m.group().strip()]
    if not lines:
        return []
    end_of_note = next((i for i, line in enumerate(lines) if i > 0 and _POSTSCRIPT.match(line[2])),
                       len(lines))
    body = lines[:end_of_note]
    last_sentence = max((i for i, (*_, line) in enumerate(body) if _is_sentence(line)),
                        default=-1)
    tail = body[last_sentence + 1:]
    if tail and _signed(tail, sender):
        return []
    start, end = body[-1][0], body[-1][1]
    who = sender.strip() if sender and sender.strip() else "your name"
    return [f.Finding(
        f.UNSIGNED, f.ERROR, start, end,
        "The note does not end with your name, so it would go out unsigned.",
        f"Sign it: put {who} on its own line under the closing words"
        + ("." if sender and sender.strip()
           else ", and set your name in Settings so every note is signed."))]


def _is_sentence(line: str) -> bool:
    """A line of the note's text, not of its sign-off or signature."""
    plain = normalise(line)
    if _SIGN_OFF.match(plain):
        return False
    return len(line.split()) >= 7 or (len(line.split()) >= 3 and line.endswith((".", "?", "!")))


def _signed(tail: list[tuple[int, int, str]], sender: str | None) -> bool:
    if sender and sender.strip():
        names = {fold(part) for part in sender.split() if len(part) > 1}
        return any(names & set(re.findall(r"[^\W\d_]+", fold(line))) for *_, line in tail)
    # No profile: a short line that is not the closing words reads as a name.
    return any(len(line.split()) <= 4 and not _SIGN_OFF.match(normalise(line))
               and not line.endswith((",", "?")) for *_, line in tail)


def _sentence_lines(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if len(line.split()) >= 4:
            offset = len(line) - len(line.lstrip())
            spans.append((match.start() + offset, match.start() + len(line.rstrip())))
    return spans or [(0, len(text.rstrip()))]


def _first_sentence_line(text: str) -> tuple[int, int]:
    return _sentence_lines(text)[0]


def _last_sentence_line(text: str) -> tuple[int, int]:
    return _sentence_lines(text)[-1]

