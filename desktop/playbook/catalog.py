"""All the note templates the user can pick: the built-ins (as the user may have
changed them) and the user's own, and which one suits a step by default."""

from dataclasses import replace

from desktop.playbook import templates
from desktop.playbook.context import build_context
from desktop.playbook.kinds import StepKind
from desktop.playbook.templates import Rendered, Template
from desktop.store import applications, note_templates, people, skills
from desktop.vocabulary import HiringRole

#: The built-in a step starts from, by kind and the recipient's role.
_DEFAULTS = {
    StepKind.THANK_YOU: "thank_you",
    StepKind.FEEDBACK: "feedback",
    StepKind.NETWORK: "network",
    StepKind.HIRE_WATCH: "hire_watch",
    StepKind.CHECK_IN: "check_in",
}
#: For the people who deal with candidates for the company without being on the team
#: that hires: their thank-you asks them to pass thanks on, and their feedback request
#: asks what the team said.
_GO_BETWEENS = (HiringRole.RECRUITER, HiringRole.HR)
_FOR_GO_BETWEENS = {StepKind.THANK_YOU: "thank_you_recruiter",
                    StepKind.FEEDBACK: "feedback_recruiter"}
_WITH_NEW_SKILLS = {StepKind.CHECK_IN: "check_in_new_skills"}


def all_templates() -> list[Template]:
    """Built-ins first (with the user's changes), then the user's own, each by name."""
    stored = note_templates.stored_templates()
    result = []
    for builtin in templates.builtin_templates():
        change = stored.pop(builtin.key, None)
        if change is not None:
            builtin = replace(builtin, name=change.name, description=change.description,
                              subject=change.subject, body=change.body)
        result.append(builtin)
    own = [Template(s.key, StepKind(s.kind), s.name, s.description, s.subject, s.body,
                    builtin=False) for s in stored.values()]
    return result + sorted(own, key=lambda t: t.name.lower())


def get_template(key: str) -> Template | None:
    return next((t for t in all_templates() if t.key == key), None)


def is_changed_builtin(key: str) -> bool:
    return key in note_templates.stored_templates() and any(
        t.key == key for t in templates.builtin_templates())


def templates_for(kind: StepKind) -> list[Template]:
    """Templates of ``kind`` first, then the rest (a note may borrow another's words)."""
    every = all_templates()
    return [t for t in every if t.kind == kind] + [t for t in every if t.kind != kind]


def default_key(kind: StepKind, role: str = "", has_new_skills: bool = False) -> str:
    """The built-in a step starts from, for a recipient with ``role`` (their part in the
    application, a HiringRole value or ""). The built-ins themselves read the role
    (``recipient_role``, ``told_me_the_news``) to thank the right person for the right
    thing, so only recruiters and HR, who are not on the team, get their own."""
    if role in _GO_BETWEENS and kind in _FOR_GO_BETWEENS:
        return _FOR_GO_BETWEENS[kind]
    if has_new_skills and kind in _WITH_NEW_SKILLS:
        return _WITH_NEW_SKILLS[kind]
    return _DEFAULTS[kind]


def default_key_for(kind: StepKind, person_id: int, application_id: int | None) -> str:
    """The template a new note to ``person_id`` starts from: their role in the
    application (or, for a note outside one, the role on file), and whether any
    skill has been logged to tell them about."""
    if application_id is not None:
        role = applications.role_in(application_id, person_id)
    else:
        role = people.person_values(person_id)["hiring_role"]
    return default_key(kind, role, has_new_skills=bool(skills.skills_since(None)))


def save_template(template: Template, name: str, description: str, subject: str,
                  body: str) -> None:
    """Store the user's version; refuses (TemplateProblem) one that does not render."""
    problem = templates.validate(subject, body)
    if problem is not None:
        raise problem
    note_templates.save_template(template.key, template.kind.value, name, description,
                                 subject, body)


def duplicate(template: Template) -> Template:
    """A copy the user can change freely; returns it."""
    key = note_templates.unused_key("custom")
    note_templates.save_template(key, template.kind.value, f"{template.name} (copy)",
                                 template.description, template.subject, template.body)
    return get_template(key)


def reset(key: str) -> None:
    """Back to the built-in's original words (or delete a template of the user's own)."""
    note_templates.delete_template(key)


def render_for(template: Template, person_id: int, application_id: int | None) -> Rendered:
    """Render for a real person and application; raises TemplateProblem."""
    return templates.render(template, build_context(person_id, application_id))

