"""A calendar file kept up to date: the next 90 days' follow-ups, written again
(atomically: a calendar app never reads half a file) after every change, in a folder
the user picks, for calendar apps that subscribe to a file or a synced folder."""

from pathlib import Path

#: The setting holding the folder ("" or missing: off).
FOLDER_KEY = "calendar.live_folder"
FILE_NAME = "Rebound follow-ups.ics"
#: How far ahead it looks; overdue steps are in it too.
DAYS = 90


def live_folder() -> Path | None:
    """The chosen folder (from the open store), or None when the file is off."""
    from desktop.store.settings import get_setting

    folder = get_setting(FOLDER_KEY, "")
    return Path(folder) if folder else None


def write_live_calendar(folder: Path) -> tuple[Path, int]:
    """Write the file into ``folder``; returns its path and how many follow-ups it
    holds. Raises OSError when the folder cannot take it."""
    from desktop.exchange.exporters.ics import export_steps_ics

    if not folder.is_dir():
        raise FileNotFoundError(f"the folder {folder} is not there")
    path = folder / FILE_NAME
    return path, export_steps_ics(path, days=DAYS)


def write_on_worker(folder: Path) -> tuple[Path, int]:
    """``write_live_calendar`` on a pool thread, which then lets go of its own
    connection: a pool thread lives on, and an open connection would hold the file
    through a restore or a move."""
    from desktop.store.connection import close_thread_connection

    try:
        return write_live_calendar(folder)
    finally:
        close_thread_connection()
