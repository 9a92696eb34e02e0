"""Why a write did not happen, in words a user can act on.

SQLite reports a full disk, a file-size limit, a read-only folder, another
program holding the lock and a damaged file through the same few exceptions. The
first four leave the data sound and only the last change unsaved; telling them
apart from damage (by checking the file, never by the wording alone) is what
keeps Rebound from offering to replace good data with an older backup.
"""

import shutil
import sqlite3
from enum import StrEnum
from pathlib import Path

#: Free space below this counts as a full disk when SQLite only says "I/O error".
_NEARLY_FULL_BYTES = 1024 * 1024
#: A write this close to the per-process file-size limit (``ulimit -f``) is what failed.
_SIZE_LIMIT_MARGIN = 1024 * 1024


class Problem(StrEnum):
    DISK_FULL = "disk-full"
    FILE_TOO_LARGE = "file-too-large"
    READ_ONLY = "read-only"
    NO_PERMISSION = "no-permission"
    BUSY = "busy"
    DISK_ERROR = "disk-error"


#: What happened and what to do, finishing "…: the last change was not saved."
_EXPLANATIONS = {
    Problem.DISK_FULL: (
        "Your disk is full",
        "Free some space, then try again."),
    Problem.FILE_TOO_LARGE: (
        "Your data file has reached the largest size this system lets a program write",
        "Raise the file-size limit (or move your data to a disk that takes larger "
        "files), then try again."),
    Problem.READ_ONLY: (
        "Your data folder is read-only",
        "If it is on a removable drive, check that the drive is not write-protected; "
        "or move your data to a folder you can write to."),
    Problem.NO_PERMISSION: (
        "Rebound is not allowed to write to your data folder",
        "Check the folder's permissions, or move your data to a folder you own."),
    Problem.BUSY: (
        "Another program was using your Rebound data (a backup or an import) for "
        "longer than Rebound waits",
        "Try again in a moment."),
    Problem.DISK_ERROR: (
        "The disk reported an error while writing",
        "Your data file was checked and is sound. Try again; if it keeps happening, "
        "check the disk or move your data to another one."),
}

_BUSY_CODES = ("SQLITE_BUSY", "SQLITE_LOCKED")
_READ_ONLY_CODES = ("SQLITE_READONLY",)
_PERMISSION_CODES = ("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")
#: SQLite's own words for a damaged file.
_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_DAMAGE_WORDS = ("malformed", "not a database", "corrupt")
#: Errors that may be damage or may be the disk: the file is checked to tell.
_MAYBE_DAMAGE_CODES = ("SQLITE_IOERR", *_DAMAGE_CODES)
#: Raised by a rollback after SQLite had already rolled back by itself (a full disk
#: does that): it hides the error that matters.
_ROLLBACK_NOISE = "no transaction is active"


class WriteFailed(Exception):
    """A change was not saved, for a reason outside Rebound; the data is sound.

    ``message`` is complete and true in the failure case: it says the change was
    not saved, why, and what to do. The caller keeps what the user typed.
    """

    def __init__(self, problem: Problem, detail: str = ""):
        self.what, self.remedy = _EXPLANATIONS[problem]
        super().__init__(f"{self.what}: the last change was not saved. {self.remedy}")
        self.problem = problem
        self.detail = detail

    @property
    def message(self) -> str:
        return str(self)


def _chain(exc: BaseException | None):
    """``exc``, then what it wraps, was raised from, or was raised while handling."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        wrapped = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = wrapped or exc.__cause__ or exc.__context__


def error_name(exc: BaseException) -> str:
    """SQLite's extended result name (``SQLITE_IOERR_WRITE``) for ``exc`` or what it wraps."""
    return next((name for e in _chain(exc) if (name := getattr(e, "sqlite_errorname", ""))),
                "")


def original_error(exc: BaseException) -> BaseException:
    """The error that made a transaction fail, not the rollback that failed after it."""
    while _ROLLBACK_NOISE in str(exc) and exc.__context__ is not None:
        exc = exc.__context__
    return exc


def storage_error_in(exc: BaseException | None) -> BaseException | None:
    """The error of the database file or the disk that ``exc`` is, wraps, or was
    raised while handling; None for Rebound's own errors (a broken constraint is one)."""
    import peewee  # here, not above: the window's first frame is drawn without it

    for error in _chain(exc):
        if isinstance(error, peewee.IntegrityError | sqlite3.IntegrityError):
            return None
        if isinstance(error, sqlite3.Error | peewee.DatabaseError) and (
                classify(error) or may_be_damage(error)):
            return error
    return None


def may_be_damage(exc: BaseException) -> bool:
    """True when ``exc`` could mean a damaged file: check the file before saying so."""
    return error_name(exc).startswith(_MAYBE_DAMAGE_CODES) or says_damaged(exc) or (
        "disk i/o error" in str(exc).lower())


def says_damaged(exc: BaseException) -> bool:
    """True when SQLite found the file itself malformed (not merely unreadable just now)."""
    name = error_name(exc)
    if name:
        return name.startswith(_DAMAGE_CODES)
    return any(word in str(exc).lower() for word in _DAMAGE_WORDS)


def classify(exc: BaseException, db_path: Path | None = None) -> Problem | None:
    """Which of the known problems ``exc`` is; None when it is not one of them.

    An I/O error is placed by looking at the disk: nearly no free space is a full
    disk, a file at the process's size limit is a file too large, else it stays a
    disk error (the caller has checked the file is not damaged).
    """
    name = error_name(exc)
    text = str(exc).lower()
    if name == "SQLITE_FULL" or "disk is full" in text:
        return Problem.DISK_FULL
    if name.startswith(_BUSY_CODES) or "database is locked" in text:
        return Problem.BUSY
    if name.startswith(_READ_ONLY_CODES) or "readonly database" in text:
        return Problem.READ_ONLY
    if name.startswith(_PERMISSION_CODES):
        return Problem.NO_PERMISSION
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        if db_path is not None and _disk_nearly_full(db_path.parent):
            return Problem.DISK_FULL
        if db_path is not None and _at_size_limit(db_path):
            return Problem.FILE_TOO_LARGE
        return Problem.DISK_ERROR
    return None


def _disk_nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def _at_size_limit(db_path: Path) -> bool:
    """True when the database or its log has grown to the ``ulimit -f`` size."""
    try:
        import resource
    except ImportError:  # Windows has no per-process file-size limit
        return False
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    if soft == resource.RLIM_INFINITY:
        return False
    sizes = []
    for suffix in ("", "-wal", "-journal"):
        try:
            sizes.append(Path(f"{db_path}{suffix}").stat().st_size)
        except OSError:
            continue
    return any(size + _SIZE_LIMIT_MARGIN >= soft for size in sizes)
