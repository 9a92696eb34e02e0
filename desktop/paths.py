"""Where Rebound keeps its data and finds its resources, decided in one place.

The data directory comes from, in order: ``--data-dir``, ``REBOUND_DATA_DIR``,
then the platform's user data directory for "Rebound". Tests and portable
installs use the first two.
"""

import os
import sys
from pathlib import Path

from desktop import APP_NAME

DATA_DIR_ENV = "REBOUND_DATA_DIR"
#: Overrides the config folder (where a moved data folder is remembered): tests.
CONFIG_DIR_ENV = "REBOUND_CONFIG_DIR"
#: Where a moved data folder is remembered (in the platform's config folder).
LOCATION_FILE = "data-location.txt"
DATABASE_NAME = "rebound.db"
BACKUP_DIR_NAME = "backups"
LOG_NAME = "rebound.log"


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


def moved_data_dir() -> Path | None:
    """The folder the data was moved to in Settings, if it still exists."""
    try:
        text = location_file().read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(text) if text and Path(text).is_dir() else None


def data_dir_is_fixed(cli_value: str | os.PathLike | None = None) -> bool:
    """True when the folder was given for this run (--data-dir or the environment),
    so moving it in Settings would not be remembered."""
    return bool(cli_value or os.environ.get(DATA_DIR_ENV))


def resolve_data_dir(cli_value: str | os.PathLike | None = None) -> Path:
    """The data directory asked for this run, else the one moved to, else the default."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    if env := os.environ.get(DATA_DIR_ENV):
        return Path(env).expanduser().resolve()
    return moved_data_dir() or default_data_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` if needed; on POSIX only its owner may read it.

    People's names, e-mail addresses and interview notes are personal data, so
    the folder is 0700 even when the user's umask would share it.
    """
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)
    return path


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
