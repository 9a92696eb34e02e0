"""``rebound --self-test``: the real start-up path, measured, in one JSON line.

Start-up time counts from the process's creation as the operating system
records it, so interpreter and import time are included, to the first paint of
the first table.
"""

import json
import time

import psutil
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.store import lifecycle
from desktop.store.connection import DatabaseDamaged, DatabaseTooNew
from desktop.store.migrations import SCHEMA_VERSION
from desktop.store.people import count_people


class FirstPaint(QObject):
    """Notes when a widget is first painted, then stops the event loop."""

    def __init__(self, app: QApplication):
        super().__init__()
        self.app = app
        self.painted_at: float | None = None

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.time()
            self.app.quit()
        return False


def run_self_test(app: QApplication, rebound) -> int:
    report = {"ok": False, "version": __version__, "data_dir": str(rebound.data_dir)}
    try:
        rebound.open()
    except (DatabaseDamaged, DatabaseTooNew) as exc:
        report["error"] = str(exc)
        print(json.dumps(report), flush=True)
        return 2
    try:
        window = rebound.show_window()
        table = window.current_view().table
        watcher = FirstPaint(app)
        table.viewport().installEventFilter(watcher)
        if watcher.painted_at is None:
            app.exec()
        painted_at = watcher.painted_at
        created = psutil.Process().create_time()
        verdict = lifecycle.run_quick_check(rebound.store)
        report.update(
            ok=verdict == "ok" and painted_at is not None,
            schema_version=SCHEMA_VERSION,
            people=count_people(),
            first_page_rows=table.model().rowCount(),
            startup_ms=round((painted_at - created) * 1000, 1) if painted_at else None,
            peak_rss_mb=round(_peak_rss_mb(), 1),
            quick_check=verdict,
        )
        window.close()
    except Exception as exc:  # The self-test reports every failure as JSON.
        report["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        rebound.close()
    print(json.dumps(report), flush=True)
    return 0 if report["ok"] else 1


def _peak_rss_mb() -> float:
    """Peak resident memory of this process so far."""
    try:
        import resource
    except ImportError:  # Windows
        info = psutil.Process().memory_info()
        return getattr(info, "peak_wset", info.rss) / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if psutil.MACOS else peak / 2**10
