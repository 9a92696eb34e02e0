"""``rebound --self-test``: the real start-up path, measured, in one JSON line.

Start-up time counts from the process's creation as the operating system
records it, so interpreter and import time are included, to the first paint of
the first table. It takes the window's own path: drawn from a first look at the
file when that allows it (``first_look`` in the report), the store opened after
the frame; and what it checks afterwards loads after the frame too.
"""

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.logs import setup_logging
from desktop.paths import DataLocation, prepare_data_dir
from desktop.startup_clock import process_age_seconds
from desktop.store.data_format import SCHEMA_VERSION
from desktop.ui.startup import boot
from desktop.ui.startup.app import CANNOT_OPEN, Rebound
from desktop.ui.startup.first_paint import FirstPaint

#: Give up on the first paint after this long: a self-test must never hang.
PAINT_TIMEOUT_MS = 30_000


def run_self_test(app: QApplication, location: DataLocation, data_dir_fixed: bool = False) -> int:
    """Exit 0 when all is well, 1 when a check failed, 2 when the data cannot be opened
    (damaged, missing, too new, not updatable, or no usable folder); nothing is
    created or changed in that last case."""
    report = {"ok": False, "version": __version__, "data_dir": str(location.path)}
    try:
        data_dir = prepare_data_dir(location)
        setup_logging(data_dir)
        rebound = Rebound(data_dir, interactive=False, data_dir_fixed=data_dir_fixed)
        rebound.look_or_open()
        first_look = rebound.first_look is not None
        store_open_at = None if first_look else process_age_seconds()
    except CANNOT_OPEN as exc:
        return _cannot_open(report, exc)
    try:
        window = rebound.show_window()
        table = window.current_view().main_widget()
        painted_at = []  # the process's age at the first paint, in seconds

        def on_first_paint():
            painted_at.append(process_age_seconds())
            app.quit()

        FirstPaint(table.viewport(), on_first_paint)
        QTimer.singleShot(PAINT_TIMEOUT_MS, app.quit)
        app.exec()
        boot.first_frame_reached()
        age = painted_at[0] if painted_at else None
        if rebound.store is None:
            try:
                rebound.open_into_window()
            except CANNOT_OPEN as exc:
                return _cannot_open(report, exc)
            store_open_at = process_age_seconds()
        # Loaded after the paint, as the real start-up does not need them before.
        from desktop.store import lifecycle
        from desktop.store.people import count_people

        verdict = lifecycle.run_quick_check(rebound.store)
        rendered = _render_builtin_templates()
        if age is None:
            report["error"] = f"The window was not painted within {PAINT_TIMEOUT_MS} ms"
        report.update(
            ok=verdict == "ok" and age is not None and rendered["failed"] == [],
            schema_version=SCHEMA_VERSION,
            read_only=rebound.store.read_only_reason or False,
            people=count_people(),
            first_view=window.current_view().name,
            first_look=first_look,
            startup_ms=round(age * 1000, 1) if age is not None else None,
            # When the window takes input: its store is open (after the frame when
            # the frame was drawn from the first look).
            store_open_ms=round(store_open_at * 1000, 1),
            peak_rss_mb=round(_peak_rss_mb(), 1),
            quick_check=verdict,
            templates=rendered,
        )
        window.close()
    except Exception as exc:  # The self-test reports every failure as JSON.
        report["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        rebound.close()
    print(json.dumps(report), flush=True)
    return 0 if report["ok"] else 1


def _cannot_open(report: dict, exc: BaseException) -> int:
    report["error"] = str(exc)
    print(json.dumps(report), flush=True)
    return 2


def _render_builtin_templates() -> dict:
    """Every built-in note template renders: proves resources/ is found (frozen too)."""
    from desktop.playbook import templates

    failed = []
    builtins = templates.builtin_templates()
    for template in builtins:
        try:
            templates.render(template, templates.sample_context())
        except templates.TemplateProblem as problem:
            failed.append(f"{template.key}: {problem}")
    return {"rendered": len(builtins) - len(failed), "failed": failed}


def _peak_rss_mb() -> float:
    """Peak resident memory of this process so far."""
    try:
        import resource
    except ImportError:  # Windows
        import psutil

        info = psutil.Process().memory_info()
        return getattr(info, "peak_wset", info.rss) / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10
