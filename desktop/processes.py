"""Is the process that left a file behind still running?

The running marker and the temporary files of backups and restores carry the
id of the process that made them, so a later process can tell "still being
written" from "left by a process that was killed". A process id alone can be
reused after a crash, so the marker also records when its process started.
"""

import os
import sys
from pathlib import Path


def process_started(pid: int) -> str | None:
    """An identifier of when process ``pid`` started, or None if there is no such process.

    On Linux, the kernel's start time in clock ticks from ``/proc`` (cheap, no
    import); elsewhere psutil's creation time.
    """
    if sys.platform.startswith("linux"):
        try:
            stat = Path(f"/proc/{pid}/stat").read_bytes()
        except OSError:
            return None
        # Fields after the command name (which may contain spaces) start after ")".
        fields = stat[stat.rindex(b")") + 2 :].split()
        if fields[0] == b"Z":  # a zombie has finished: only its exit status is left
            return None
        return fields[19].decode()  # field 22, "starttime"
    import psutil

    try:
        return f"{psutil.Process(pid).create_time():.3f}"
    except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError):
        return None


def this_process() -> str:
    """This process as ``pid:started``: what the running marker holds."""
    pid = os.getpid()
    return f"{pid}:{process_started(pid)}"


def is_running(token: str) -> bool:
    """True when ``pid:started`` names a process that is running now.

    Anything else (an old marker holding only a process id, a word, nothing)
    counts as not running, so the careful path is taken.
    """
    pid_text, _, started = token.strip().partition(":")
    if not pid_text.isdigit() or not started:
        return False
    return process_started(int(pid_text)) == started


def pid_running(pid: int) -> bool:
    """True when a process with this id exists (for temporary files named by pid)."""
    return process_started(pid) is not None
