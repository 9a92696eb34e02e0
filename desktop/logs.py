"""The log file in the data directory: where errors shown to the user are also kept."""

import logging
import logging.handlers
from pathlib import Path

from desktop.paths import LOG_NAME

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(data_dir: Path) -> Path:
    """Log to ``rebound.log`` in ``data_dir`` (rotated at 1 MB, three kept)."""
    path = data_dir / LOG_NAME
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_rebound", False)]:
        root.removeHandler(old)
        old.close()
    handler._rebound = True
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
