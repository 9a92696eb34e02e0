"""Handing a link or a file to the program the system opens it with, and knowing
whether that worked.

``QDesktopServices.openUrl`` reports success on Linux as soon as ``xdg-open``
starts, even when it then finds no program ("Unable to detect a launcher"), so
Rebound would say a note opened when nothing did. Here each system's own way is
asked and its answer read:

* Windows: ``os.startfile``, which fails at once when nothing is registered.
* macOS: ``open``, which exits non-zero when no application takes the link.
* Linux and the BSDs: ``xdg-open``, whose failure comes within a moment; one
  still running after ``LAUNCH_WAIT_S`` is running the program it found (some
  desktops keep it until the program exits), which counts as opened.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

#: How long to wait for the opener's verdict before taking "still running" as success.
LAUNCH_WAIT_S = 3.0


class Launch(NamedTuple):
    opened: bool
    #: Why nothing opened, in the system's own words ("" when it opened).
    problem: str = ""


def open_external(target: str) -> Launch:
    """Open ``target`` (a URL, or a file's path) with the system's program for it."""
    if sys.platform == "win32":
        return _windows(target)
    if sys.platform == "darwin":
        return _run_opener(["open", target], "open")
    return _run_opener(["xdg-open", target], "xdg-open")


def _windows(target: str) -> Launch:
    try:
        os.startfile(target)  # type: ignore[attr-defined]  (Windows only)
    except OSError as exc:
        return Launch(False, exc.strerror or str(exc))
    return Launch(True)


def _run_opener(command: list[str], name: str) -> Launch:
    # Its messages go to a file, not a pipe: an opener still running (the program it
    # started) must never block on a pipe nobody reads.
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as said:
        try:
            opener = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=said,
                                      start_new_session=True)
        except OSError:
            return Launch(False, f"{name} is not installed, so there is no way to ask the "
                                 "system which program opens it")
        try:
            status = opener.wait(LAUNCH_WAIT_S)
        except subprocess.TimeoutExpired:
            return Launch(True)  # running the program it found
        if status == 0:
            return Launch(True)
        said.seek(0)
        lines = [line.strip() for line in said.read().splitlines() if line.strip()]
    if not lines:
        return Launch(False, f"{name} exited with status {status}")
    # The last line is the verdict (xdg-open first lists each browser it tried); the
    # target itself, a long link perhaps, is named shortly.
    return Launch(False, lines[-1].replace(command[-1], _short_name(command[-1])))


def _short_name(target: str) -> str:
    return "the link" if ":" in target.split("/")[0] else Path(target).name
