"""Names in a note: whether the greeting, an aside or a company belongs to someone
other than the person the note is for.

Names are folded (lower case, no accents, one character for one) so "Zoë" and
"zoe" match and offsets stay true. Everyone else the user knows is looked up, not
loaded: a lookup function is given for the database.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from desktop.playbook.tone import findings as f
from desktop.vocabulary import person_name


@dataclass(frozen=True)
class Contact:
    first_name: str = ""
    last_name: str = ""
    company: str = ""

    @property
    def full_name(self) -> str:
        return person_name(self.first_name, self.last_name)


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
                self._companies.setdefault(fold(other.company), other.company)
        for company in companies:
            self._companies.setdefault(fold(company), company)
        self._companies.pop(fold(self.recipient.company), None)
        # A company is often called by its first word ("Glenbrae" for Glenbrae Spirits)
        # when that word is its own and not the recipient's.
        theirs = {fold(w) for w in self.recipient.company.split()}
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


def fold(text: str) -> str:
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
    parts = {fold(n) for n in (contact.first_name, contact.last_name, contact.full_name) if n}
    return parts | {fold(w) for w in contact.full_name.split() if len(w) > 1}


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
        words = [w for w in (_HONORIFIC.sub("", w.strip(".")) for w in fold(who).split())
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
        first_word = fold(line.split()[0]).strip(".,!") if line.split() else ""
        if first_word in _GREETING_WORDS:
            kept = line.split()
            while kept and fold(kept[0]).strip(".,!") in _GREETING_WORDS:
                kept.pop(0)
            who = " ".join(kept).rstrip(".")
            if who:
                found.append((match.start("line") + line.rindex(who), who, True))
    found += [(m.start("name"), m.group("name"), False) for m in _VOCATIVE.finditer(text)]
    return found


def _company_findings(text: str, people: People) -> list[f.Finding]:
    folded = fold(text)
    ours = fold(people.recipient.company)
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
