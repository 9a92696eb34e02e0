"""The real start-up path: the first frame comes first, nothing on the way to it builds
PySide6's ``Qt`` namespace, and what can wait (the background checks, the tray notice,
the garbage collector) runs after it.

Each check runs ``rebound`` in a child process, as a user starts it: running the
real event loop inside the test process would leave Qt's timers stopped for the
tests after it.
"""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from desktop.devdata.sample import load_sample_data
from desktop.store import lifecycle


def run_probe(code: str, data_dir) -> object:
    """Run ``code`` (which ends by printing one JSON line) against ``data_dir``."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code), str(data_dir)],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def sample_dir(data_dir):
    store = lifecycle.open_store(data_dir)
    load_sample_data()
    lifecycle.close_store(store)
    return data_dir


FIRST_FRAME = """
    import enum, json, sys

    QT_NAMESPACE_ENUMS = {"ItemDataRole", "WidgetAttribute", "Key", "GlobalColor"}
    built = []
    create = enum.EnumType._create_

    def recording_create(cls, class_name, names, **kwargs):
        if class_name in QT_NAMESPACE_ENUMS:
            built.append(class_name)
        return create(cls, class_name, names, **kwargs)

    enum.EnumType._create_ = recording_create

    from PySide6.QtWidgets import QApplication
    from desktop.ui.startup.app import Rebound
    from desktop.ui.startup.first_paint import FirstPaint

    show_window = Rebound.show_window

    def show_and_watch(self):
        window = show_window(self)

        def painted():
            print(json.dumps(sorted(set(built))), flush=True)
            QApplication.quit()

        FirstPaint(window.today.tree.viewport(), painted)
        return window

    Rebound.show_window = show_and_watch
    from desktop.cli import run
    sys.exit(run(["--data-dir", sys.argv[1]]))
"""


def test_the_first_frame_does_not_build_the_qt_namespace(sample_dir):
    """Building PySide6's ``Qt`` namespace costs about 15 ms, a tenth of start-up:
    nothing on the way to the first paint may touch it (see ``today_view``)."""
    assert run_probe(FIRST_FRAME, sample_dir) == []


DEFERRED_WORK = """
    import gc, json, sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from desktop.ui.startup.app import Rebound
    from desktop.ui.startup.first_paint import FirstPaint

    events = []
    show_window = Rebound.show_window

    def show_and_watch(self):
        window = show_window(self)
        events.append(["shown", gc.isenabled()])
        FirstPaint(window, lambda: events.append(["painted", gc.isenabled()]))
        return window

    def checks(self):
        events.append(["checks", gc.isenabled()])
        QTimer.singleShot(0, QApplication.quit)

    Rebound.show_window = show_and_watch
    Rebound.notify_due = lambda self: events.append(["notify", gc.isenabled()])
    Rebound.start_background_checks = checks
    from desktop.cli import run
    run(["--data-dir", sys.argv[1]])
    print(json.dumps(events))
"""


def test_deferred_work_waits_for_the_first_frame(sample_dir):
    assert run_probe(DEFERRED_WORK, sample_dir) == [
        ["shown", False],  # start-up runs without the garbage collector
        ["painted", False],
        ["notify", True],  # the collector is back before any other work
        ["checks", True],
    ]


NEVER_PAINTED = """
    import json, sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from desktop.ui.startup import app, boot
    from desktop.ui.shell.main_window import MainWindow

    runs = []

    def build_without_showing(self):
        self.window = MainWindow(self.store, self.ui_settings(),
                                 self.first_look.reading if self.first_look else None)
        QTimer.singleShot(500, QApplication.quit)  # time for a second run, if any
        return self.window

    boot.DEFERRED_WORK_LATEST_MS = 50
    app.Rebound.show_window = build_without_showing
    app.Rebound.notify_due = lambda self: None
    app.Rebound.start_background_checks = lambda self: runs.append("checks")
    from desktop.cli import run
    run(["--data-dir", sys.argv[1]])
    print(json.dumps(runs))
"""


def test_deferred_work_runs_once_even_if_never_painted(data_dir):
    """A window started minimised is not painted: the work starts by a deadline."""
    assert run_probe(NEVER_PAINTED, data_dir) == ["checks"]


SELF_TEST = """
    import contextlib, gc, io, json, sys

    from desktop.cli import run
    with contextlib.redirect_stdout(io.StringIO()) as out:
        status = run(["--data-dir", sys.argv[1], "--self-test"])
    report = json.loads(out.getvalue().strip().splitlines()[-1])
    print(json.dumps({"status": status, "ok": report["ok"], "collecting": gc.isenabled(),
                      "first look": report["first_look"]}))
"""


def test_the_self_test_takes_the_windows_path_and_collects_again(sample_dir, tmp_path):
    """On data closed cleanly, the self-test's frame is drawn from the first look, as
    the window's is (``boot`` rule 7); on a first start there is no file to look at,
    and the store opens first. Either way the collector is back once it is done."""
    assert run_probe(SELF_TEST, sample_dir) == {
        "status": 0, "ok": True, "collecting": True, "first look": True}
    assert run_probe(SELF_TEST, tmp_path / "first start") == {
        "status": 0, "ok": True, "collecting": True, "first look": False}
