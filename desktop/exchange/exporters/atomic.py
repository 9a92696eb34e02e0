"""Writing an export so that a crash never leaves half a file.

Every exporter writes through :func:`atomic_write`: the data goes to a temporary
file in the target's own folder (so the final rename never crosses file systems),
is flushed and fsynced, and only then replaces the target with ``os.replace``,
which is atomic on Windows, macOS and Linux. Until that moment the old file, if
any, is untouched; after it, the new one is complete. A failure on the way
removes the temporary file and re-raises.

A writer killed outright (SIGKILL, a power cut) cannot remove its temporary
file, so its name carries the writer's process id,
``.<name>.rebound-<pid>-<random>.tmp``, and each export first removes from its
folder the files so named whose process no longer exists. One not written to
for STALE_AFTER seconds is required as well: a process id means something on
this machine only, and an export from another one (a shared folder) or from
another sandbox keeps its file's time current while it writes.
"""

import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from desktop.paths import sync_folder
from desktop.processes import pid_running

#: Process ids are 32-bit on every system Rebound runs on.
_LARGEST_PID = 2**32 - 1
#: Seconds since its last write after which a dead writer's temporary file is litter.
STALE_AFTER = 10 * 60
#: Exactly what atomic_write names its files: tempfile adds 8 of [a-z0-9_]. A name
#: that differs in any way is not Rebound's and is never removed.
_TEMPORARY = re.compile(r"\..+\.rebound-(?P<pid>[1-9][0-9]{0,9})-[a-z0-9_]{8}\.tmp", re.DOTALL)


@contextmanager
def atomic_write(
    path: str | os.PathLike,
    *,
    binary: bool = False,
    encoding: str = "utf-8",
    newline: str | None = None,
) -> Iterator[IO]:
    """Open a temporary file for writing; on a clean exit it becomes ``path``.

    ``encoding`` and ``newline`` are as for :func:`open` (ignored when ``binary``).
    The temporary file is readable by the user only, like the rest of Rebound's
    data: an export holds the same personal details.
    """
    target = Path(path)
    _remove_stale_temporaries(target.parent, target.name)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, on every path
        mode="wb" if binary else "w",
        encoding=None if binary else encoding,
        newline=None if binary else newline,
        dir=target.parent,
        prefix=f".{target.name}.rebound-{os.getpid()}-",
        suffix=".tmp",
        delete=False,
    )
    temporary = Path(handle.name)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(target)  # os.replace: atomic, and overwrites on Windows too
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    sync_folder(target.parent)


def _remove_stale_temporaries(folder: Path, target_name: str) -> None:
    """Remove the temporary files that exports killed midway left in ``folder``: only
    files named as atomic_write names them, whose writer is gone, untouched for
    STALE_AFTER seconds. Whatever cannot be removed stays; the export goes on.

    Rebound 0.1 named them ``.<name>.<8 characters>.tmp``, without its process id:
    those of the file being exported now are removed on age alone.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return  # the export itself will say why the folder cannot be written
    stale_before = time.time() - STALE_AFTER
    unowned = re.compile(rf"\.{re.escape(target_name)}\.[a-z0-9_]{{8}}\.tmp")
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match is not None:
            pid = int(match["pid"])
            if pid > _LARGEST_PID:
                continue  # an id no system hands out: not Rebound's
        elif unowned.fullmatch(entry.name) is None:
            continue  # not Rebound's naming
        try:
            if (entry.is_file(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_mtime < stale_before
                    and (match is None or not pid_running(pid))):
                Path(entry.path).unlink()
        except OSError:  # gone already, or not ours to remove
            continue
