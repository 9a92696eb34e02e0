"""The exact checks: what rules can decide for certain.

A placeholder left in, a name that belongs to someone else, a note far too long
for its kind, a thank-you without thanks, no next step, no name at the end.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from desktop.playbook.kinds import StepKind
from desktop.playbook.tone import findings as f
from desktop.playbook.tone.text import normalise

#: Beyond this many times its limit, a note is far too long: an error, not a warning.
FAR_TOO_LONG = 2.0
DEFAULT_WORD_LIMIT = 200


@dataclass(frozen=True)
class Contact:
    first_name: str = ""
    last_name: str = ""
    company: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


class People:
    """Who a note is from and for, and who else the user knows: which names are right.

    ``others`` are indexed once by folded first, last and full name and by company;
    ``companies`` adds more companies (those the user applied to); ``find_person``
    looks a name up elsewhere (the database, through its search index), so a check
    never needs everyone the user knows in memory.
    """

    def __init__(self, recipient: Contact | None = None, sender: str = "",
                 others: Iterable[Contact] = (), companies: Iterable[str] = (),
                 find_person: Callable[[str], Contact | None] | None = None):
        self.recipient = recipient or Contact()
        self.sender = sender
        self._find_person = find_person
        self._looked_up: dict[str, Contact | None] = {}
        self._by_name: dict[str, Contact] = {}
        self._companies: dict[str, str] = {}
        own = _names_of(self.recipient)
        for other in others:
            for name in _names_of(other) - own:
                self._by_name.setdefault(name, other)
            if other.company:
                self._companies.setdefault(_fold(other.company), other.company)
        for company in companies:
            self._companies.setdefault(_fold(company), company)
        self._companies.pop(_fold(self.recipient.company), None)
        # A company is often called by its first word ("Glenbrae" for Glenbrae Spirits)
        # when that word is its own and not the recipient's.
        theirs = {_fold(w) for w in self.recipient.company.split()}
        self._short_names: dict[str, str] = {}
        for folded, company in self._companies.items():
            first = folded.split()[0] if folded.split() else ""
            if (len(folded.split()) > 1 and len(first) >= 4 and first not in theirs
                    and first not in _COMMON_COMPANY_WORDS):
                self._short_names.setdefault(first, company)
        #: Longest company name, in words: how far a lookup needs to reach.
        self._longest = max((len(c.split()) for c in self._companies), default=0)

    def other_person(self, folded_words: list[str]) -> Contact | None:
        """Someone else the user knows whose name is among these words."""
        for word in (" ".join(folded_words), *folded_words):
            if word in self._by_name:
                return self._by_name[word]
        if self._find_person is not None:
            for word in folded_words:
                if word not in self._looked_up:  # the same greeting, keystroke after keystroke
                    self._looked_up[word] = self._find_person(word)
                if self._looked_up[word] is not None:
                    return self._looked_up[word]
        return None

    def other_companies_in(self, text: str, folded: str) -> list[tuple[int, int]]:
        """Where other companies' names (or their own first words, capitalised) appear in
        the text, as whole words."""
        if not self._companies:
            return []
        words = [(m.start(), m.end()) for m in re.finditer(r"[^\W_]+(?:['&.-][^\W_]+)*", folded)]
        found = []
        for i, (start, end) in enumerate(words):
            whole = next((words[j][1] for j in range(min(i + self._longest, len(words)) - 1,
                                                     i - 1, -1)
                          if folded[start:words[j][1]] in self._companies), None)
            if whole is not None:
                found.append((start, whole))
            elif folded[start:end] in self._short_names and text[start].isupper():
                found.append((start, end))
        return found


#: First words many companies share: never taken alone for a company's name.
_COMMON_COMPANY_WORDS = {
    "the", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "global", "first", "united", "new", "blue", "green", "red", "black", "white", "golden",
    "silver", "royal", "national", "international", "general", "central", "city", "metro",
    "american", "british", "european", "pacific", "atlantic", "summit", "bright", "smart",
    "digital", "data", "tech", "health", "care", "home", "homes", "group", "capital", "star",
    "river", "lake", "ocean", "mountain", "apex", "prime", "next", "future", "true", "open",
    "great", "grand", "high", "park", "bank", "media", "studio", "studios", "design",
}


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


# --------------------------------------------------------------------------- names

#: The first line of a note, when it is a greeting: a few words ending in a comma.
_GREETING_LINE = re.compile(r"^\s*(?P<line>[^\n]{1,80}?)[ \t]*(?:[,!:\u2013\u2014-]|\n|$)")
_GREETING_WORDS = {"hi", "hello", "hey", "dear", "hiya", "good", "morning", "afternoon",
                   "evening", "day", "greetings", "howdy", "g'day", "kia", "ora", "hola",
                   "bonjour", "hallo", "ciao", "namaste", "salaam", "salam", "assalamu",
                   "alaikum", "shalom", "to", "my", "dearest", "respected"}
_GENERIC = {"all", "everyone", "team", "there", "sir", "madam", "sir or madam", "folks",
            "hiring team", "hiring manager", "recruiting team", "colleagues", "friend",
            "whom it may concern", "it may concern", "hiring committee", "committee",
            "panel", "recruitment team", "hr team", "you", "both", "guys", "y'all"}
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "madam", "madame",
           "mme", "herr", "frau", "señor", "senor", "señora", "senora", "sr", "sra", "engr",
           "eng", "mallam", "chief", "rev", "pastor", "auntie", "uncle", "sis", "bro"}
#: Honorifics written onto a name: "Fujita-san", "Priya-ji".
_HONORIFIC = re.compile(r"-(?:san|sama|kun|chan|sensei|ji|ssi|nim)$")
#: Someone addressed by name inside the text: "meeting you, Kofi," or "Thanks, Kofi!".
_VOCATIVE = re.compile(r"(?:\byou|\bthanks|\bthank you|\bagain)[ \t]*,[ \t]*"
                       r"(?P<name>[A-Z][^\W\d_]+)(?=[ \t]*[,.!?])")


def _fold(text: str) -> str:
    """Lower case without accents, one character for one: "Zoë" and "zoe" are one name,
    and an offset into the folded text is an offset into the text."""
    return "".join(_fold_char(c) for c in text)


@lru_cache(maxsize=1024)
def _fold_char(char: str) -> str:
    base = [c for c in unicodedata.normalize("NFKD", char.casefold())
            if not unicodedata.combining(c)]
    return base[0] if len(base) == 1 else char


def _names_of(contact: Contact) -> set[str]:
    """Every way a contact may be named: each part of their name, and the whole."""
    parts = {_fold(n) for n in (contact.first_name, contact.last_name, contact.full_name) if n}
    return parts | {_fold(w) for w in contact.full_name.split() if len(w) > 1}


def _is_recipient(word: str, recipient: set[str]) -> bool:
    """The recipient's name, or a short form of it ("Chris" for "Christopher")."""
    return word in recipient or (len(word) >= 3 and any(
        name.startswith(word) or word.startswith(name) for name in recipient if len(name) >= 3))


def name_findings(text: str, people: People | None) -> list[f.Finding]:
    """The greeting names someone else; another company stands where theirs should."""
    if people is None:
        return []
    return [*_greeting_finding(text, people), *_company_findings(text, people)]


def _greeting_finding(text: str, people: People) -> list[f.Finding]:
    """The greeting (or a name the note addresses) belongs to someone else."""
    recipient = _names_of(people.recipient)
    if not recipient:
        return []
    found = []
    for start, who, in_greeting in _addressed(text):
        words = [w for w in (_HONORIFIC.sub("", w.strip(".")) for w in _fold(who).split())
                 if w and w not in _TITLES and w not in _GREETING_WORDS]
        if not words or " ".join(words) in _GENERIC or any(
                _is_recipient(w, recipient) for w in words):
            continue
        other = people.other_person(words)
        end = start + len(who)
        if other is not None:
            found.append(f.Finding(
                f.WRONG_NAME, f.ERROR, start, end,
                f'"{who}" is not who this note is for: it is for '
                f"{people.recipient.full_name}, and {other.full_name} is someone else you know.",
                f"Write {people.recipient.first_name or people.recipient.full_name} instead."))
        elif in_greeting:
            found.append(f.Finding(
                f.WRONG_NAME, f.WARNING, start, end,
                f'The greeting says "{who}", but this note is for {people.recipient.full_name}.',
                "Check the name: a note that greets the wrong person is the first thing "
                "they see."))
    return found


def _addressed(text: str) -> list[tuple[int, str, bool]]:
    """(offset, words, in the greeting) of the names the note addresses: in its greeting,
    and inline."""
    found = []
    match = _GREETING_LINE.match(text)
    if match is not None and len(match.group("line").split()) <= 6:
        line = match.group("line")
        first_word = _fold(line.split()[0]).strip(".,!") if line.split() else ""
        if first_word in _GREETING_WORDS:
            kept = line.split()
            while kept and _fold(kept[0]).strip(".,!") in _GREETING_WORDS:
                kept.pop(0)
            who = " ".join(kept).rstrip(".")
            if who:
                found.append((match.start("line") + line.rindex(who), who, True))
    found += [(m.start("name"), m.group("name"), False) for m in _VOCATIVE.finditer(text)]
    return found


def _company_findings(text: str, people: People) -> list[f.Finding]:
    folded = _fold(text)
    ours = _fold(people.recipient.company)
    if ours and re.search(rf"(?<!\w){re.escape(ours)}(?!\w)", folded):
        return []
    who = people.recipient.full_name or "someone"
    at = f" at {people.recipient.company}" if people.recipient.company else ""
    return [f.Finding(
        f.WRONG_NAME, f.ERROR, start, end,
        f'"{text[start:end]}" is another company: this note is for {who}{at}.',
        f"Use {people.recipient.company} here." if people.recipient.company
        else "Check which company this note is about.")
        for start, end in people.other_companies_in(text, folded)]


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
        names = {_fold(part) for part in sender.split() if len(part) > 1}
        return any(names & set(re.findall(r"[^\W\d_]+", _fold(line))) for *_, line in tail)
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

