"""Writing an export so that a crash never leaves half a file.

Every exporter writes through :func:`atomic_write`: the data goes to a temporary
file in the target's own folder (so the final rename never crosses file systems),
is flushed and fsynced, and only then replaces the target with ``os.replace``,
which is atomic on Windows, macOS and Linux. Until that moment the old file, if
any, is untouched; after it, the new one is complete. A failure on the way
removes the temporary file and re-raises.
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


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
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, on every path
        mode="wb" if binary else "w",
        encoding=None if binary else encoding,
        newline=None if binary else newline,
        dir=target.parent,
        prefix=f".{target.name}.",
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
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
