"""Commands about notes: check one's tone, set who they are from, render a template."""

import json
import sys
from dataclasses import asdict
from pathlib import Path

from desktop.commands.running import CommandFailed, command, opened, require_records


def read_note(file: str) -> str:
    """The note to check, from a file or standard input; raises CommandFailed."""
    try:
        if file == "-":
            data = sys.stdin.buffer.read() if sys.stdin is not None else b""
        else:
            data = Path(file).read_bytes()
    except OSError as exc:
        raise CommandFailed(f"cannot read {file}: {exc.strerror or exc}") from exc
    return data.decode("utf-8-sig", errors="replace")


def print_findings(findings) -> None:
    print(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2))


def check_text(file: str, kind: str | None) -> int:
    from desktop.playbook.tone import check_note

    try:
        text = read_note(file)
    except CommandFailed as exc:
        print(f"rebound: {exc}", file=sys.stderr)
        return 2
    print_findings(check_note(text, kind))
    return 0


@command("nothing was checked")
def check_for_person(location, args) -> int:
    """check-note with --person: the names and the signature are checked too."""
    from desktop.playbook.recipients import note_people
    from desktop.playbook.tone import check_note

    text = read_note(args.file)
    with opened(location, writes=False):
        require_records(args.person, args.application)
        people = note_people(args.person, args.application)
        print_findings(check_note(text, args.kind, people=people))
    return 0


@command("the profile was not changed")
def profile(location, args) -> int:
    """Without options, print the profile; with --name or --signature, set them."""
    from desktop.operations import notes
    from desktop.playbook.settings import load_profile

    changing = args.name is not None or args.signature is not None
    with opened(location, writes=changing):
        profile = load_profile()
        if args.name is not None:
            profile.name = args.name.strip()
        if args.signature is not None:
            profile.signature = args.signature.replace("\\n", "\n").strip()
        if changing:
            notes.save_sender(profile)
        print(json.dumps(asdict(profile), ensure_ascii=False))
    return 0


@command("nothing was rendered")
def templates(location, args) -> int:
    from desktop.playbook import catalog
    from desktop.playbook.recipients import note_people
    from desktop.playbook.templates import TemplateProblem
    from desktop.playbook.tone import check_note

    with opened(location, writes=False):
        if args.action == "list":
            for template in catalog.all_templates():
                print(template.key)
            return 0
        template = catalog.get_template(args.key)
        if template is None:
            raise CommandFailed(f"there is no template {args.key!r}; `rebound templates "
                                "list` shows them.")
        require_records(args.person, args.application)
        try:
            rendered = catalog.render_for(template, args.person, args.application)
        except TemplateProblem as exc:
            raise CommandFailed(f"the template {args.key} does not work: {exc}") from exc
        findings = check_note(rendered.body, template.kind, subject=rendered.subject,
                              people=note_people(args.person, args.application))
        print(json.dumps({"subject": rendered.subject, "body": rendered.body,
                          "findings": [asdict(f) for f in findings]},
                         ensure_ascii=False, indent=2))
    return 0


@command("no figures were read")
def insights(location, args) -> int:
    """The Insights figures; JSON with --json, else a few lines a person reads."""
    import datetime

    from desktop.playbook.insights import BEGINNING, gather

    try:
        since = datetime.date.fromisoformat(args.since) if args.since else BEGINNING
    except ValueError as exc:
        raise CommandFailed(f"{args.since!r} is not a day; give it as 2026-09-01.") from exc
    with opened(location, writes=False):
        figures = gather(since)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    total = figures["funnel"]["total"]
    print(f"Notes sent: {total['sent']}; answered {total['replied']}, conversations "
          f"{total['conversations']}, interviews {total['interviews']}, offers "
          f"{total['offers']}.")
    feedback = figures["feedback"]
    print(f"Feedback requests: {feedback['sent']} sent, {feedback['answered']} answered.")
    print(f"Doors kept open: {figures['doors_kept_open']} people wrote back within "
          f"{figures['answer_window_days']} days of a rejection.")
    return 0
