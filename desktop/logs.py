"""The log file in the data directory: where errors shown to the user are also kept.

A plain FileHandler, rotated once at start-up when the file has grown past a
limit: the log is small and written rarely, and ``logging.handlers`` would cost
start-up time for nothing.
"""

import logging
from pathlib import Path

from desktop.paths import LOG_NAME, create_private_file

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: Past this size the log is renamed to ``rebound.log.1`` (the older one dropped).
MAX_LOG_BYTES = 1_000_000


def setup_logging(data_dir: Path) -> Path | None:
    """Log to ``rebound.log`` in ``data_dir``; returns its path, or None when the
    folder cannot be written (read-only media): Rebound then runs without a log.

    The log names people and files, so it is created readable by its owner only.
    """
    path = data_dir / LOG_NAME
    # A log that cannot be written (a full disk) must not print tracebacks over the
    # one line a command says, nor interrupt the window: the record is dropped.
    logging.raiseExceptions = False
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "rebound"]:
        root.removeHandler(old)
        old.close()
    root.setLevel(logging.INFO)
    try:
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            path.replace(path.with_name(path.name + ".1"))
        create_private_file(path)
        with path.open("a", encoding="utf-8"):
            pass  # opens for appending, as the handler will: fails on read-only media
    except OSError:
        return None
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.set_name("rebound")
    root.addHandler(handler)
    return path
