"""The runner-up radar: when the user comes back to a company that turned them down,
or meets again someone from an earlier process, what happened then and whom to
write to first.

Who comes first: someone who answered a note (the further their answer went, the
better), then someone who wrote after the process ended, then by the part they
played (the hiring manager decides when the team hires again; the recruiter sees
every opening), then whom the user was last in touch with.
"""

from typing import NamedTuple

from desktop.store import radar
from desktop.store.companies import find_company
from desktop.store.radar import PastContact, PastProcess
from desktop.vocabulary import HiringRole, person_name

#: Whose word counts most for a new opening, first to last.
_ROLE_ORDER = (HiringRole.HIRING_MANAGER, HiringRole.RECRUITER, HiringRole.INTERVIEWER,
               HiringRole.REFERRER, HiringRole.HR, HiringRole.OTHER, HiringRole.NONE)
_ANSWERED = {4: "answered one of your notes with an offer",
             3: "answered one of your notes with a new interview",
             2: "answered one of your notes and offered a conversation",
             1: "answered one of your notes"}
_ROLE_REASON = {HiringRole.HIRING_MANAGER: "the hiring manager: they decide when the team "
                                            "hires again",
                HiringRole.RECRUITER: "the recruiter: they see every opening first",
                HiringRole.REFERRER: "referred you before, and knows the team"}


class Suggestion(NamedTuple):
    """Whom to write to first, and the reason in a few words."""

    person_id: int
    name: str
    why: str


class History(NamedTuple):
    """Earlier processes and the people in them; empty when there is none."""

    processes: tuple[PastProcess, ...] = ()
    people: tuple[PastContact, ...] = ()
    write_first: Suggestion | None = None

    def __bool__(self) -> bool:
        return bool(self.processes)


def _role(contact: PastContact) -> HiringRole:
    return HiringRole.parse(contact.role, HiringRole.OTHER)


def suggest(people: list[PastContact]) -> Suggestion | None:
    """Whom to write to first, and why in a few words."""
    if not people:
        return None
    # Stable sorts, the least important first.
    ordered = sorted(people, key=lambda c: str(c.last_contact_at or ""), reverse=True)
    ordered.sort(key=lambda c: _ROLE_ORDER.index(_role(c)))
    ordered.sort(key=lambda c: c.heard_since, reverse=True)
    ordered.sort(key=lambda c: c.best_answer, reverse=True)
    best = ordered[0]
    name = person_name(best.first_name, best.last_name) or best.email
    if best.best_answer:
        why = _ANSWERED[best.best_answer]
    elif best.heard_since:
        why = "wrote to you after the process ended"
    else:
        why = _ROLE_REASON.get(_role(best), "met you in the interviews")
    return Suggestion(best.person_id, name, why)


def company_history(name: str, excluding: int | None = None) -> History:
    """What happened before at the company called ``name`` (any case)."""
    company = find_company(name)
    if company is None:
        return History()
    processes = radar.processes_at(company.id, excluding)
    people = radar.people_from([process.application_id for process in processes])
    return History(tuple(processes), tuple(people), suggest(people))


def person_history(person_id: int, excluding: int | None = None) -> History:
    """The earlier processes ``person_id`` took part in."""
    processes = radar.processes_with(person_id, excluding)
    people = radar.people_from([process.application_id for process in processes], person_id)
    return History(tuple(processes), tuple(people), None)
