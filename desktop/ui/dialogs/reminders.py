"""Reminders with Rebound closed: the switch that asks the system to wake Rebound on
days with notes due, the time, and the days to leave alone.

What it says is read back from the system after every change (``status``), so
"On" means the system has it, and a refusal is said with the system's words.
"""

import datetime
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
)

from desktop.operations import notes
from desktop.reminders import login_item, registration
from desktop.reminders.due import quiet_days, reminder_time
from desktop.reminders.live_calendar import DAYS, live_folder, write_live_calendar
from desktop.ui.shell import tray
from desktop.ui.shell.change_hub import hub
from desktop.ui.shell.tray import KEEP_RUNNING_KEY, keeps_running

#: The weekdays as the quiet-day boxes show them, ISO numbered.
WEEKDAYS = ((1, "Mon"), (2, "Tue"), (3, "Wed"), (4, "Thu"), (5, "Fri"), (6, "Sat"), (7, "Sun"))
#: What the status line calls each way the system wakes Rebound.
METHODS = {"windows": "Windows Task Scheduler", "macos": "macOS (a LaunchAgent)",
           "systemd": "a systemd timer", "autostart": "your desktop's autostart"}


def status_text(found: registration.Status, at: datetime.time) -> str:
    if not found.registered:
        return "Off: nothing of Rebound's is registered with the system."
    when = ("when you log in" if found.method == "autostart"
            else f"every day at {at:%H:%M} and when you log in")
    extra = f" ({found.note})" if found.note else ""
    return f"On: {METHODS[found.method]} runs Rebound's check {when}{extra}."


class RemindersDialog(QDialog):
    def __init__(self, data_dir: Path | None, parent=None,
                 runner: registration.Runner = registration.run_command, settings=None):
        super().__init__(parent)
        #: The window's state file, where keeping Rebound in the tray is remembered.
        self.settings = settings
        self.setWindowTitle("Reminders")
        self.setObjectName("remindersDialog")
        self.runner = runner
        self.method = registration.system_method(runner=runner)
        #: The data folder to name in the command (one given with --data-dir), or None.
        self.command = registration.notify_command(data_dir)
        at = reminder_time()
        self.switch = QCheckBox("Remind me on days with notes due, even when Rebound is "
                                "closed", objectName="remindersOn")
        self.time = QTimeEdit(QTime(at.hour, at.minute), objectName="reminderTime")
        self.time.setDisplayFormat("HH:mm")
        self.time.setEnabled(self.method != "autostart")
        if self.method == "autostart":
            self.time.setToolTip("Without a user systemd the reminder comes when you log in")
        when = QHBoxLayout()
        when.addWidget(QLabel("At"))
        when.addWidget(self.time)
        when.addWidget(QLabel("and when you log in"))
        when.addStretch(1)
        quiet = QGroupBox("No reminders on")
        days = QGridLayout(quiet)
        chosen = quiet_days()
        self.quiet: dict[int, QCheckBox] = {}
        for column, (number, name) in enumerate(WEEKDAYS):
            box = QCheckBox(name, checked=number in chosen)
            days.addWidget(box, 0, column)
            self.quiet[number] = box
        self.status = QLabel(objectName="reminderStatus", wordWrap=True)
        calendar = QGroupBox("Calendar file")
        calendar_layout = QVBoxLayout(calendar)
        self.calendar_on = QCheckBox(f"Keep a calendar file of the next {DAYS} days' "
                                     "follow-ups up to date, in:", objectName="calendarOn")
        self.calendar_path: Path | None = live_folder()
        self.calendar_on.setChecked(self.calendar_path is not None)
        self.calendar_label = QLabel(str(self.calendar_path or "No folder chosen"),
                                     objectName="calendarFolder", wordWrap=True)
        choose = QPushButton("Choose…", objectName="chooseCalendarFolder")
        choose.clicked.connect(self.choose_calendar_folder)
        row = QHBoxLayout()
        row.addWidget(self.calendar_label, 1)
        row.addWidget(choose)
        calendar_layout.addWidget(self.calendar_on)
        calendar_layout.addLayout(row)
        calendar_layout.addWidget(QLabel("A calendar app that subscribes to a file (or a "
                                         "synced folder) then shows what is due.",
                                         wordWrap=True))
        self._calendar_as_opened = self.calendar_path if self.calendar_on.isChecked() else None
        self.tray = QCheckBox("Keep Rebound running in the tray when I close its window: it "
                              "says when a note comes due", objectName="keepInTray")
        self.tray.setChecked(settings is not None and keeps_running(settings))
        if not tray.tray_available():
            self.tray.setEnabled(False)
            self.tray.setToolTip("This desktop has no system tray")
        self.tray.setVisible(settings is not None)
        self.login_method = login_item.login_method(self.method)
        self.login_command = login_item.window_command(data_dir)
        self.at_login = QCheckBox("Start Rebound in the tray when I log in",
                                  objectName="startAtLogin")
        self.at_login.setChecked(login_item.status(self.login_method,
                                                   runner=runner).registered)
        self.at_login.setEnabled(self.tray.isEnabled() and self.tray.isChecked())
        self.tray.toggled.connect(self.at_login.setEnabled)
        self.at_login.setVisible(settings is not None)
        explanation = QLabel(
            "Rebound asks your system to run a small check for you alone, with no "
            "administrator rights and no account: it shows one notification when notes "
            "are due, and nothing otherwise. Clicking it opens Today.", wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.switch)
        layout.addLayout(when)
        layout.addWidget(quiet)
        layout.addWidget(explanation)
        layout.addWidget(self.status)
        layout.addWidget(calendar)
        layout.addWidget(self.tray)
        layout.addWidget(self.at_login)
        layout.addWidget(buttons)
        self.refresh_status()
        self.switch.setChecked(self.registered)

    def refresh_status(self) -> None:
        found = registration.status(self.method, runner=self.runner)
        self.registered = found.registered
        self.status.setText(status_text(found, self.time.time().toPython()))

    def choose_calendar_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Keep the calendar file in",
                                                  str(self.calendar_path or Path.home()))
        if folder:
            self.set_calendar_folder(Path(folder))

    def set_calendar_folder(self, folder: Path) -> None:
        self.calendar_path = folder
        self.calendar_label.setText(str(folder))
        self.calendar_on.setChecked(True)

    def _save_calendar(self) -> bool:
        """Keep the chosen folder and write the file at once, to say it works."""
        wanted = self.calendar_path if self.calendar_on.isChecked() else None
        if wanted is None and self._calendar_as_opened is None:
            return True
        if wanted is not None:
            try:
                path, count = write_live_calendar(wanted)
            except OSError as exc:
                QMessageBox.warning(self, "Calendar file not written",
                                    f"The calendar file could not be written: {exc}")
                return False
        if hub().run(notes.save_calendar_folder, wanted, source=self, parent=self) is None:
            return False
        if wanted is not None:
            noun = "follow-up" if count == 1 else "follow-ups"
            self.calendar_label.setText(f"{path} ({count} {noun}; kept up to date)")
        return True

    def accept(self) -> None:
        """Save the days and the time, then register or unregister; what the system
        then reports is what the dialog says."""
        at = self.time.time().toPython()
        quiet = {number for number, box in self.quiet.items() if box.isChecked()}
        if hub().run(notes.save_reminder_settings, quiet, f"{at:%H:%M}", source=self,
                     parent=self) is None:
            return
        wanted = self.switch.isChecked()
        if wanted or self.registered:
            chosen = registration.plan(wanted, self.method, self.command, at)
            try:
                registration.carry_out(chosen, self.runner)
            except (registration.PlanFailed, OSError) as exc:
                self.refresh_status()
                QMessageBox.warning(self, "Reminders not changed",
                                    f"The system did not take the change: {exc}")
                return
        self.refresh_status()
        if self.registered != wanted:
            QMessageBox.warning(self, "Reminders not changed", self.status.text())
            return
        if not self._save_calendar():
            return
        if self.settings is not None:
            self.settings.setValue(KEEP_RUNNING_KEY, self.tray.isChecked())
            if not self._save_login_item():
                return
        super().accept()

    def _save_login_item(self) -> bool:
        """Add or take away the login item; False (and said) when the system refused."""
        wanted = self.at_login.isChecked() and self.at_login.isEnabled()
        found = login_item.status(self.login_method, runner=self.runner)
        if wanted == found.registered:
            return True
        try:
            registration.carry_out(login_item.plan(wanted, self.login_method,
                                                   self.login_command), self.runner)
        except (registration.PlanFailed, OSError) as exc:
            QMessageBox.warning(self, "Start at log-in not changed",
                                f"The system did not take the change: {exc}")
            return False
        return True


def open_reminders(window) -> None:
    """File → Reminders…, and the first start's offer."""
    RemindersDialog(window.store.data_dir if window.data_dir_fixed else None, window,
                    settings=window.settings).exec()
