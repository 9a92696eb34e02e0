"""What a Rebound data file must be before it is opened: the format this version
writes, and the problems that stop it from opening.

Without Peewee, so the start-up's first look at the file (``playbook.today``)
and the window's start-up dialogs need nothing of the store stack before the
first frame (``desktop.ui.startup.boot``, rule 7).
"""

from pathlib import Path

#: The data format this version reads and writes: the last migration's number
#: (``migrations.MIGRATIONS``; a test holds the two together).
SCHEMA_VERSION = 7


class DatabaseDamaged(Exception):
    """The database file is damaged. It is kept as it is; the user decides what next."""

    def __init__(self, path: Path, detail: str):
        super().__init__(f"The database {path} is damaged: {detail}")
        self.path = Path(path)
        self.detail = detail


class DatabaseTooNew(Exception):
    """The file was written by a newer Rebound; this one will not touch it."""

    def __init__(self, path: Path, found: int, supported: int):
        super().__init__(
            f"{path} was saved by a newer version of Rebound (data format {found}; "
            f"this version understands up to {supported}). Install the newer version "
            "to open it. The file has not been changed."
        )
        self.path = Path(path)
        self.found = found
        self.supported = supported


class MigrationFailed(Exception):
    """The data could not be brought up to this version's format; it is as it was.

    The message names the version and, where the disk was the cause, why; SQLite's
    own words (``detail``) are for the log and the details box.
    """

    def __init__(self, path: Path, version: int, reason: str = "", detail: str = ""):
        because = f" {reason}" if reason else ""
        super().__init__(
            f"Rebound could not update your data to format {version}.{because} Your data "
            "has not been changed.")
        self.path = Path(path)
        self.version = version
        self.reason = reason
        self.detail = detail
