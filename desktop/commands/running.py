"""What every command shares: its data opened and closed, and every refusal or
storage failure said in one line that names what was not done."""

import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

from desktop.paths import DataFolderProblem, DataLocation, prepare_data_dir


class CommandFailed(Exception):
    """A command cannot go on; its message is the one line the user reads."""


def fail(message: str) -> int:
    print(f"rebound: {message}", file=sys.stderr)
    return 1


def prepared_folder(location: DataLocation) -> Path:
    """The data folder, checked (and made where that is safe) only once a command is
    about to use it: a command refused for its arguments leaves no folder behind."""
    try:
        return prepare_data_dir(location)
    except DataFolderProblem as exc:
        raise CommandFailed(str(exc)) from exc


@contextmanager
def opened(location: DataLocation, writes: bool):
    """The store for one command, closed afterwards; every refusal is one line.

    A command that writes checks the file first (``quick_check``) and refuses
    damaged or read-only data with the words the window uses.
    """
    from desktop.logs import setup_logging
    from desktop.store.data_format import DatabaseDamaged, DatabaseTooNew, MigrationFailed
    from desktop.store.lifecycle import DatabaseMissing, close_store, open_store

    data_dir = prepared_folder(location)
    setup_logging(data_dir)
    try:
        # The window's crash marker is the window's: a command checks the file but
        # leaves the marker, so the window's next start checks it too.
        store = open_store(data_dir, check_first=writes, take_over_crash_marker=False)
    except DatabaseMissing as exc:
        raise CommandFailed(f"{exc.detail} Nothing was changed. Run `rebound restore` or "
                            "start Rebound to bring back the newest good backup.") from exc
    except DatabaseDamaged as exc:
        raise CommandFailed(damage_message(exc)) from exc
    except (DatabaseTooNew, MigrationFailed, DataFolderProblem) as exc:
        raise CommandFailed(str(exc)) from exc
    try:
        if writes and store.read_only:
            raise CommandFailed(f"{store.read_only_reason} Nothing can be saved there.")
        yield store
    except BaseException:
        close_store(store, optimize=False)  # the file may be damaged: write nothing more
        raise
    close_store(store)


def damage_message(exc) -> str:
    from desktop.store.connection import DAMAGE_MESSAGE

    return (f"{DAMAGE_MESSAGE} ({exc.detail}) The file was not changed. Run `rebound restore` "
            "or start Rebound to bring back the newest good backup.")


def storage_failure(exc: BaseException, nothing_done: str) -> CommandFailed:
    """A failed write or read as one line: what happened, that ``nothing_done``, what to do."""
    from desktop.store.connection import explain_failure
    from desktop.store.data_format import DatabaseDamaged
    from desktop.store.failures import WriteFailed

    explained = explain_failure(exc)
    if isinstance(explained, DatabaseDamaged):
        return CommandFailed(damage_message(explained))
    if isinstance(explained, WriteFailed):
        return CommandFailed(f"{explained.what}: {nothing_done}. {explained.remedy}")
    raise exc


def command(nothing_done: str):
    """Run a command's body with its refusals and storage failures as one line each."""

    def wrap(body):
        def run_command(location: DataLocation, args) -> int:
            try:
                return body(location, args)
            except CommandFailed as exc:
                return fail(str(exc))
            except Exception as exc:
                # Peewee is loaded here, not before: a command that never touches it
                # (``notify``, run by the system every day) starts without it.
                import peewee

                from desktop.store.failures import WriteFailed

                if isinstance(exc, WriteFailed | sqlite3.Error | peewee.DatabaseError):
                    return fail(str(storage_failure(exc, nothing_done)))
                raise
        return run_command
    return wrap


def require_records(person_id: int | None, application_id: int | None) -> None:
    from desktop.store.models import Application, Person

    if person_id is not None and Person.get_or_none(Person.id == person_id) is None:
        raise CommandFailed(f"there is no person with id {person_id}.")
    if (application_id is not None
            and Application.get_or_none(Application.id == application_id) is None):
        raise CommandFailed(f"there is no application with id {application_id}.")
