"""Where Rebound keeps its data and finds its resources, decided in one place.

The data directory comes from, in order: ``--data-dir``, ``REBOUND_DATA_DIR``,
the folder the data was moved to in Settings, then the platform's user data
directory for "Rebound". Tests and portable installs use the first two.
"""

import os
import sys
from pathlib import Path
from typing import NamedTuple

from desktop import APP_NAME

DATA_DIR_ENV = "REBOUND_DATA_DIR"
#: Overrides the config folder (where a moved data folder is remembered): tests.
CONFIG_DIR_ENV = "REBOUND_CONFIG_DIR"
#: Where a moved data folder is remembered (in the platform's config folder).
LOCATION_FILE = "data-location.txt"
DATABASE_NAME = "rebound.db"
BACKUP_DIR_NAME = "backups"
LOG_NAME = "rebound.log"
#: Present while a window or command has the data open: its absence at start-up
#: means the last session ended cleanly.
RUNNING_MARKER = "rebound.running"


def default_data_dir() -> Path:
    """The platform's per-user data folder (never roaming, never the app's own folder)."""
    import platformdirs  # only when no folder was given: keeps start-up lean

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def location_file() -> Path:
    """The file that remembers a data folder moved in Settings."""
    if override := os.environ.get(CONFIG_DIR_ENV):
        return Path(override) / LOCATION_FILE
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / LOCATION_FILE


class DataFolderProblem(Exception):
    """The data folder cannot be used as it is. Nothing was created or changed; the
    message says what is wrong in the user's words."""


class DataLocation(NamedTuple):
    """Where this run keeps its data, and why there: the reason decides what may be
    created when the folder is not there yet."""

    path: Path
    #: "given" (--data-dir or the environment), "moved" (Settings → Move…) or "default".
    source: str


def moved_data_dir() -> Path | None:
    """The folder the data was moved to in Settings, whether or not it is there now."""
    try:
        text = location_file().read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(text) if text else None


def data_dir_is_fixed(cli_value: str | os.PathLike | None = None) -> bool:
    """True when the folder was given for this run (--data-dir or the environment),
    so moving it in Settings would not be remembered."""
    return bool(cli_value or os.environ.get(DATA_DIR_ENV))


def resolve_data_location(cli_value: str | os.PathLike | None = None) -> DataLocation:
    """The data folder asked for this run, else the one moved to, else the default."""
    if cli_value:
        return DataLocation(Path(cli_value).expanduser().resolve(), "given")
    if env := os.environ.get(DATA_DIR_ENV):
        return DataLocation(Path(env).expanduser().resolve(), "given")
    if moved := moved_data_dir():
        return DataLocation(moved, "moved")
    return DataLocation(default_data_dir(), "default")


def resolve_data_dir(cli_value: str | os.PathLike | None = None) -> Path:
    return resolve_data_location(cli_value).path


def prepare_data_dir(location: DataLocation) -> Path:
    """Check the data folder, creating it where that is safe; returns its path.

    A folder that is missing is never quietly replaced by an empty one where the
    user expects their data: a moved folder must be there (it may be on a drive
    that is not connected), a given folder's parent must be there, and only the
    platform's default folder is created with its parents.
    """
    path = location.path
    if path.exists() and not path.is_dir():
        raise DataFolderProblem(
            f"{path} is a file, not a folder, so Rebound cannot keep its data there. "
            "Choose another folder, or move that file out of the way.")
    if path.is_dir():
        return path
    if location.source == "moved":
        raise DataFolderProblem(
            f"Your Rebound data was moved to {path}, which is not there now. If it is on "
            "a removable or network drive, connect it and start Rebound again.")
    if location.source == "given" and not path.parent.is_dir():
        raise DataFolderProblem(
            f"The folder {path.parent} does not exist, so Rebound cannot make its data "
            "folder in it. If it is on a removable or network drive, connect it first.")
    try:
        return ensure_private_dir(path)
    except OSError as exc:
        raise DataFolderProblem(
            f"Rebound cannot create its data folder {path}: {exc.strerror or exc}.") from exc


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` if needed; on POSIX a folder Rebound creates is its owner's only.

    People's names, e-mail addresses and interview notes are personal data, so a
    new folder is 0700 even when the user's umask would share it. A folder that
    already exists keeps its permissions: it is the user's, and may be shared on
    purpose (a 1777 folder for several accounts, say).
    """
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        for folder in missing:
            folder.chmod(0o700)
    return path


def create_private_file(path: Path) -> bool:
    """Create ``path`` empty and readable by its owner only, unless it exists.

    Files made before SQLite, a log handler or Qt opens them keep these
    permissions (SQLite gives its -wal and -shm files those of the database).
    Returns True when the file was created.
    """
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    os.close(descriptor)
    return True


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); Windows has no directory handles
    to sync."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def resources_dir() -> Path:
    """The ``resources/`` folder, from a source checkout, a wheel or a frozen bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    package_dir = Path(__file__).resolve().parent
    bundled = package_dir / "_resources"
    if bundled.is_dir():
        return bundled
    return package_dir.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file inside ``resources/``: ``resource_path("icons", "rebound.svg")``."""
    return resources_dir().joinpath(*parts)
