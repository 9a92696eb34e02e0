"""Commands on the data as a whole: demo, backup, restore, export and import."""

import json
import sys
from pathlib import Path

from desktop.commands.running import CommandFailed, command, opened, prepared_folder
from desktop.exchange import formats


@command("nothing was added")
def demo(location, args) -> int:
    from desktop.devdata.demo import DemoRefused
    from desktop.operations import data

    with opened(location, writes=True):
        try:
            counts = data.make_demo(args.people, seed=args.seed,
                                    steps=args.steps == "planned").detail
        except DemoRefused as exc:
            raise CommandFailed(str(exc)) from exc
    print(json.dumps(counts))
    return 0


@command("no backup was made")
def backup(location, _args) -> int:
    from desktop.store.backups import BackupFailed
    from desktop.store.lifecycle import backup_now

    with opened(location, writes=False) as store:
        try:
            print(backup_now(store))
        except BackupFailed as exc:
            raise CommandFailed(str(exc)) from exc
    return 0


@command("your data was not changed")
def restore(location, args) -> int:
    """Put a backup in place: over sound data after a safety backup of it, over
    damaged or missing data after keeping the old file aside."""
    from desktop.operations import data
    from desktop.store import backups, restoring

    try:
        done = data.restore(prepared_folder(location), Path(args.backup) if args.backup else None)
    except (restoring.RestoreRefused, backups.BackupFailed) as exc:
        raise CommandFailed(str(exc)) from exc
    print(done.detail.summary())
    return 0


def export_usage(message: str) -> int:
    print(f"rebound export: {message}", file=sys.stderr)
    return 2


@command("nothing was exported")
def export(location, args) -> int:
    from desktop.exchange.export_formats import UnsupportedExport, find_format

    try:
        chosen = find_format(args.kind, args.format_name)
    except UnsupportedExport as exc:
        return export_usage(str(exc))
    step_options = args.days is not None or args.person is not None or args.all_open
    if args.kind != "steps" and step_options:
        return export_usage("--days, --person and --all-open apply to steps only.")
    if args.days is not None and (args.all_open or args.days < 0):
        return export_usage("--days takes a number of days from 0 up, and not with --all-open.")
    options = {}
    if args.kind == "steps":
        every_date = args.all_open or (args.person is not None and args.days is None)
        days = formats.STEP_EXPORT_DAYS if args.days is None else args.days
        options = {"days": None if every_date else days, "person_id": args.person}
    path = Path(args.output).absolute()
    with opened(location, writes=False):
        if args.person is not None:
            from desktop.store.models import Person

            if Person.get_or_none(Person.id == args.person) is None:
                raise CommandFailed(f"there is no person with id {args.person}.")
        try:
            count = chosen.write(path, **options)
        except OSError as exc:
            raise CommandFailed(f"cannot write {path}: {exc.strerror or exc}") from exc
    print(f"Wrote {count} {chosen.noun} to {path}")
    return 0


@command("nothing was imported")
def import_file(location, args) -> int:
    """Summary on the first line, then ``line L: reason`` for each row left out.

    Exit 0 when the file was read, rejected rows or not; 1 when it was refused
    (nothing written).
    """
    from desktop.exchange.import_contacts import ImportRefused
    from desktop.operations import data

    with opened(location, writes=True):
        try:
            result = data.import_file(Path(args.file), args.format_name,
                                      args.on_duplicate).detail
        except ImportRefused as exc:
            raise CommandFailed(exc.reason) from exc
    print(f"imported {result.imported}, updated {result.updated}, "
          f"skipped {result.skipped}, rejected {len(result.rejected)}")
    for item in result.report:
        print(f"line {item.line}: {item.reason}")
    return 0
