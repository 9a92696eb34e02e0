"""Start-up as one readable function: logging, Qt, the store (with recovery), the
window, background checks; and the self-test that exercises the same path.

The first-frame rules it follows (what waits for the frame, and why) are in ``boot``.
When the data file allows it (``playbook.today.first_look``), the window is drawn
before the store opens, so the store's modules are imported where they are used,
after the first frame (rule 7).
"""

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.cli import read_window_options, window_parser
from desktop.clock import local_today
from desktop.logs import setup_logging
from desktop.paths import (
    DataFolderProblem,
    create_private_file,
    data_dir_is_fixed,
    prepare_data_dir,
    resolve_data_location,
)
from desktop.playbook import today as today_reading
from desktop.playbook.today import FirstLook
from desktop.store.data_format import DatabaseDamaged, DatabaseTooNew, MigrationFailed
from desktop.store.failures import WriteFailed
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.startup import boot, data_swaps
from desktop.ui.startup.errors import ErrorReporter
from desktop.ui.startup.first_paint import FirstPaint, InputHold
from desktop.ui.startup.platform_check import explain, missing_packages, uses_x11
from desktop.ui.startup.qt_app import create_qapp

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon

    from desktop.store.lifecycle import Store
    from desktop.ui.startup.background import Job

log = logging.getLogger("rebound")

UI_STATE_FILE = "ui-state.ini"

#: What stops the store from opening: the start-up dialogs explain each of them.
CANNOT_OPEN = (DatabaseDamaged, DatabaseTooNew, MigrationFailed, DataFolderProblem, WriteFailed)


class Rebound:
    """Owns the open store and the window, and recovers when the data is damaged."""

    def __init__(self, data_dir: Path, interactive: bool = True, data_dir_fixed: bool = False,
                 in_tray: bool = False):
        self.data_dir = data_dir
        #: Started at log-in into the tray (``--in-tray``): no window until asked.
        self.in_tray = in_tray
        self.interactive = interactive
        self.data_dir_fixed = data_dir_fixed
        self.store: Store | None = None
        self.window: MainWindow | None = None
        self.tray: QSystemTrayIcon | None = None
        self._jobs: list[Job] = []
        self._deferred_done = False
        #: The user chose to quit over damage: later reports are not shown.
        self._quitting = False
        #: Today read from the file before the store opened (``look_or_open``).
        self.first_look: FirstLook | None = None
        #: Keeps clicks and keys from a window drawn before its store is open.
        self._input_hold: InputHold | None = None
        self.errors = ErrorReporter(on_storage_error=self.handle_storage_error)
        #: The claim on the data folder, taken by ``start``.
        self.instance = None

    def open(self) -> None:
        """Open the store, offering a backup if it is damaged or missing.

        Raises what stops it (see CANNOT_OPEN) once the user has been told, or at
        once when not interactive (the self-test).
        """
        from desktop.store import lifecycle

        start_empty = False
        while True:
            try:
                self.store = lifecycle.open_store(self.data_dir, start_empty=start_empty)
                return
            except DatabaseDamaged as exc:
                log.error("Damaged database: %s", exc)
                if not self.interactive:
                    raise
                from desktop.ui.dialogs.recovery import Recovery, offer_recovery  # only when needed

                choice = offer_recovery(None, self.data_dir, exc)
                if choice is Recovery.QUIT:
                    raise
                start_empty = choice is Recovery.START_EMPTY
            except (DatabaseTooNew, MigrationFailed, DataFolderProblem, WriteFailed) as exc:
                log.error("%s", exc)
                if self.interactive:
                    from desktop.ui.dialogs import recovery

                    if isinstance(exc, DatabaseTooNew):
                        recovery.explain_too_new(None, exc)
                    else:
                        recovery.explain_cannot_open(None, exc)
                raise

    def ui_settings(self) -> QSettings:
        path = self.data_dir / UI_STATE_FILE
        if self.store is None or not self.store.read_only:  # a first look: writable
            with contextlib.suppress(OSError):  # a full disk: Qt will not save it either
                create_private_file(path)  # Qt keeps an existing file's permissions
        return QSettings(str(path), QSettings.Format.IniFormat)

    def look_or_open(self) -> None:
        """Start-up's first step: a first look at the data file when it allows one
        (``first_look``; the store then opens after the first frame), else the
        store opened now.

        Raises CANNOT_OPEN from the opening once the user has been told.
        """
        if not self.in_tray:  # with no frame to draw, there is nothing to gain
            self.first_look = today_reading.first_look(self.data_dir, local_today())
        if self.first_look is None:
            self.open()

    def open_into_window(self) -> None:
        """Open the store and hand it to the window: behind a window drawn from the
        first look, whose views are read again only if something was saved since
        that look; and after a swap of the data, when they are. Raises CANNOT_OPEN
        once the user has been told."""
        self.open()
        unchanged = self.first_look is not None and self.first_look.unchanged()
        self._let_go_of_first_look()
        self.window.replace_store(self.store, reread=not unchanged)
        self.window.show_read_only(self.store.read_only_reason)  # or that it is writable

    def _let_go_of_first_look(self) -> None:
        if self.first_look is not None:
            self.first_look.close()
            self.first_look = None

    def show_window(self) -> MainWindow:
        first_reading = self.first_look.reading if self.first_look is not None else None
        self.window = MainWindow(self.store, self.ui_settings(), first_reading)
        if self.store is not None and self.store.read_only:
            self.window.show_read_only(self.store.read_only_reason)
        self.window.data_dir_fixed = self.data_dir_fixed
        self.window.backupRequested.connect(lambda: data_swaps.back_up_now(self))
        self.window.restoreRequested.connect(lambda backup: data_swaps.restore(self, backup))
        self.window.moveRequested.connect(lambda folder: data_swaps.move_data(self, folder))
        if self.in_tray:  # started at log-in (``--in-tray``)
            from desktop.ui.shell.tray import TrayKeeper, keeps_running

            if keeps_running(self.window.settings):
                self.window.tray_keeper = TrayKeeper(self.window)
                self.window.tray_keeper.keep(announce=False)
                return self.window
        self.window.show()
        return self.window

    def defer_until_painted(self) -> None:
        """Run ``after_first_frame`` once the window's first frame is drawn."""
        FirstPaint(self.window, self._first_frame_drawn)
        QTimer.singleShot(boot.DEFERRED_WORK_LATEST_MS, self.after_first_frame)

    def _first_frame_drawn(self) -> None:
        """The frame is on screen: hold the user's input while the store behind a first
        look opens. Not sooner: nothing could be clicked before the frame, and an
        application-wide filter sees every event of the first paint (some 30 ms)."""
        if self.store is None and self._input_hold is None:
            self._input_hold = InputHold(self.window)
        QTimer.singleShot(0, self.after_first_frame)

    def after_first_frame(self) -> None:
        """What start-up leaves until the window is on screen; runs once."""
        if self._deferred_done:
            return
        self._deferred_done = True
        boot.first_frame_reached()
        if self.store is None:
            if self._input_hold is not None:  # none when the deadline came first
                self._input_hold.release()  # nothing runs the event loop until it is open
            try:
                self.open_into_window()
            except CANNOT_OPEN:
                # The user was told why; the window drawn from the first look goes.
                self.window.hide()
                QApplication.exit(2)
                return
        self.notify_due()
        self.start_background_checks()
        if self.interactive and not self.store.read_only:
            from desktop.ui.startup import reminders_at_start  # not on the first frame

            reminders_at_start.offer_once(self.window, self.window.settings)
            self.calendar = reminders_at_start.keep_calendar_file(self.window)
            self._run("reminder repair", reminders_at_start.repair_work(self.window))

    def notify_due(self) -> None:
        """At start-up, a desktop notice when follow-ups are due."""
        from desktop.ui.shell.tray import start_up_notice

        if self.window.isVisible():  # in the tray, its own icon says what is due
            self.tray = start_up_notice(self.window, self.bring_forward)

    def bring_forward(self) -> None:
        self.window.show_view(0)
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def start_background_checks(self) -> None:
        """After the window is up: a backup if the data changed, and the daily check.

        Data that cannot be written gets neither: there is nowhere to put a backup,
        nor to note that the check ran.
        """
        if self.store.read_only:
            return
        from desktop.store import backups, lifecycle

        if backups.backup_due(self.store.db_path):
            self._run("start-up backup",
                      lambda store=self.store: lifecycle.backup_now(
                          store, backups.BackupReason.AUTO))
        if lifecycle.quick_check_due():
            self._run("integrity check", lambda store=self.store: lifecycle.run_quick_check(store),
                      self._on_quick_check)

    def _run(self, name, work, on_done=None) -> None:
        from desktop.ui.startup import background  # background work starts after the frame

        job = background.Job(name, work)
        if on_done is not None:
            job.signals.finished.connect(on_done)
        job.signals.failed.connect(lambda exc, n=name: log.error("%s failed: %s", n, exc))
        job.signals.finished.connect(lambda _r, j=job: self._jobs.remove(j))
        job.signals.failed.connect(lambda _e, j=job: self._jobs.remove(j))
        self._jobs.append(job)
        background.start(job)

    def _on_quick_check(self, verdict: str) -> None:
        from desktop.store import lifecycle

        if verdict == "ok":
            lifecycle.record_quick_check()
        else:
            self.recover_from_damage(DatabaseDamaged(self.store.db_path, verdict))

    def handle_storage_error(self, exc: BaseException) -> None:
        """An error of the database file or the disk, raised while running.

        The file is checked before anything is called damage: a full disk, a size
        limit, a read-only folder or a lock held too long is said as such, and the
        data is left as it is.
        """
        if self._quitting:
            return
        from desktop.store.connection import explain_failure

        explained = explain_failure(exc, self.store.db_path)
        if isinstance(explained, DatabaseDamaged):
            self.recover_from_damage(explained)
        elif isinstance(explained, WriteFailed):
            from desktop.ui.dialogs.write_failure import tell_not_saved

            tell_not_saved(self.window, explained)
        else:
            import traceback

            from desktop.ui.startup.errors import show_error

            show_error(explained, "".join(traceback.format_exception(explained)))

    def recover_from_damage(self, exc: DatabaseDamaged) -> None:
        """Damage found while running: close, offer a backup, reopen and show it."""
        if self._quitting:
            return
        from desktop.store import lifecycle
        from desktop.ui.dialogs.recovery import Recovery, offer_recovery
        from desktop.ui.startup import background

        background.wait_for_all()
        lifecycle.close_store(self.store)
        if offer_recovery(self.window, self.data_dir, exc) is Recovery.RESTORED:
            self.open_into_window()
            return
        # Nothing restored: leave the damaged file as it is and stop; the next start
        # checks it again. Reports still queued behind this one are not shown.
        self._quitting = True
        lifecycle.leave_marker_for_next_start(self.store)
        QApplication.exit(3)

    def start(self) -> bool:
        """Claim the data folder, open the store and show the window, its deferred
        work scheduled; False when a window already runs on the folder (it was
        brought forward). Raises CANNOT_OPEN once the user has been told."""
        from desktop.ui.startup.single_instance import SingleInstance  # not for the self-test

        self.instance = SingleInstance(self.data_dir)
        if not self.instance.claim():
            log.info("Rebound is already running with this data folder; brought it forward")
            return False
        self.errors.install()
        try:
            self.look_or_open()
        except CANNOT_OPEN:
            self.errors.uninstall()
            raise
        self.show_window()
        self.instance.activated.connect(self.bring_forward)
        self.defer_until_painted()
        return True

    def close(self) -> None:
        """Wait for background work, close the store, and let go of the folder and
        the error hook; the window itself is the caller's. Work still waiting for
        the first frame is dropped."""
        self._deferred_done = True
        if self._input_hold is not None:  # closed before its first frame
            self._input_hold.release()
        self._let_go_of_first_look()
        from desktop.ui.startup import background

        background.wait_for_all()
        if self.store is not None:
            from desktop.store import lifecycle

            lifecycle.close_store(self.store)
            self.store = None
        self.errors.uninstall()
        if self.instance is not None:
            self.instance.release()
            self.instance = None


def run_app(argv: list[str], exec: bool = True) -> "int | Rebound":
    """The window, started from its command-line options (``--data-dir``,
    ``--self-test``); ``cli.run`` calls it inside ``boot.paused_collector``.

    With ``exec`` (a real start) it runs the event loop and returns the exit
    status. Without it, it returns the started ``Rebound`` (window shown, event
    loop not entered) so a test can drive the whole application in-process, then
    ``close`` it. A start that cannot go on returns its status either way: 2 when
    the data cannot be opened, 0 when another window already has the folder.
    """
    args = read_window_options(argv) or window_parser().parse_args(argv)
    location = resolve_data_location(args.data_dir)
    data_dir_fixed = data_dir_is_fixed(args.data_dir)
    if args.self_test:
        # The self-test needs no screen; a real one would only flash a window.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    elif uses_x11() and (missing := missing_packages()):
        print(explain(missing), file=sys.stderr)  # Qt would stop with a misleading one
        return 2
    app = create_qapp()
    if args.self_test:
        from desktop.ui.startup.self_test import run_self_test

        return run_self_test(app, location, data_dir_fixed)
    try:
        data_dir = prepare_data_dir(location)
    except DataFolderProblem as exc:
        from desktop.ui.dialogs.recovery import explain_cannot_open

        explain_cannot_open(None, exc)
        return 2
    setup_logging(data_dir)
    log.info("Rebound %s starting with data in %s", __version__, data_dir)
    rebound = Rebound(data_dir, data_dir_fixed=data_dir_fixed, in_tray=args.in_tray)
    try:
        if not rebound.start():
            return 0
    except CANNOT_OPEN:
        rebound.close()
        return 2
    if not exec:
        return rebound
    try:
        return app.exec()
    finally:
        rebound.close()
