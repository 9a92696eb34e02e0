"""Registering ``rebound notify`` with the system: each platform's files parsed and
their fields checked, the commands that would run checked with the runner
replaced, and on Linux the units verified by systemd and the XDG fallback
installed, reported and removed for real."""

import configparser
import datetime
import os
import plistlib
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from desktop.reminders import registration as reg
from tests.in_process import run_cli

COMMAND = [r"C:\Program Files\Rebound\Rebound.exe", "--data-dir", r"D:\My data\50% off",
           "notify"]
AT = datetime.time(9, 30)
TASK = "{http://schemas.microsoft.com/windows/2004/02/mit/task}"


class Recorder:
    """Stands in for the system's commands: records them, answers as told."""

    def __init__(self, failing=()):
        self.ran, self.failing = [], set(failing)

    def __call__(self, command):
        self.ran.append(tuple(command))
        code = 1 if any(word in self.failing for word in command) else 0
        return reg.Ran(code, "refused" if code else "")


def test_the_windows_task_runs_daily_and_at_log_on_for_this_user_only(tmp_path):
    chosen = reg.windows_plan(COMMAND, AT, tmp_path, r"DESK\sam", install=True)
    runner = Recorder()
    reg.carry_out(chosen, runner)
    xml_path = tmp_path / "reminders-task.xml"
    task = ElementTree.fromstring(xml_path.read_text(encoding="utf-16").encode("utf-16"))
    assert task.find(f"{TASK}Triggers/{TASK}CalendarTrigger/{TASK}StartBoundary").text \
        .endswith("T09:30:00")
    assert task.find(f".//{TASK}DaysInterval").text == "1"
    assert task.find(f"{TASK}Triggers/{TASK}LogonTrigger/{TASK}UserId").text == r"DESK\sam"
    assert task.find(f".//{TASK}RunLevel").text == "LeastPrivilege"
    assert task.find(f".//{TASK}StartWhenAvailable").text == "true"  # a missed day runs
    assert task.find(f".//{TASK}Exec/{TASK}Command").text == COMMAND[0]
    assert task.find(f".//{TASK}Exec/{TASK}Arguments").text == \
        r'--data-dir "D:\My data\50% off" notify'
    assert runner.ran == [("schtasks", "/Create", "/TN", "Rebound reminders", "/XML",
                           str(xml_path), "/F")]

    removing = Recorder()
    reg.carry_out(reg.windows_plan(COMMAND, AT, tmp_path, r"DESK\sam", install=False),
                  removing)
    assert removing.ran == [("schtasks", "/Delete", "/TN", "Rebound reminders", "/F")]


def test_the_launch_agent_is_loaded_for_the_gui_session_and_unloaded_again(tmp_path):
    runner = Recorder(failing={"bootout"})  # nothing loaded yet: its refusal is expected
    reg.carry_out(reg.macos_plan(COMMAND, AT, tmp_path, 501, install=True), runner)
    plist_path = tmp_path / "Library/LaunchAgents/app.rebound.reminders.plist"
    agent = plistlib.loads(plist_path.read_bytes())
    assert agent["Label"] == "app.rebound.reminders"
    assert agent["ProgramArguments"] == COMMAND
    assert agent["StartCalendarInterval"] == {"Hour": 9, "Minute": 30}
    assert agent["RunAtLoad"] is True
    assert runner.ran == [("launchctl", "bootout", "gui/501/app.rebound.reminders"),
                          ("launchctl", "bootstrap", "gui/501", str(plist_path))]

    removing = Recorder()
    reg.carry_out(reg.macos_plan(COMMAND, AT, tmp_path, 501, install=False), removing)
    assert removing.ran == [("launchctl", "bootout", "gui/501/app.rebound.reminders")]
    assert not plist_path.exists()


def units(home: Path) -> tuple[configparser.ConfigParser, configparser.ConfigParser]:
    def read(name):
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        parser.optionxform = str
        parser.read(home / ".config/systemd/user" / name)
        return parser
    return read("rebound-reminders.service"), read("rebound-reminders.timer")


def test_the_systemd_timer_is_daily_caught_up_and_after_log_in(tmp_path):
    command = ["/opt/Rebound/rebound", "--data-dir", "/home/sam/My data/50% off", "notify"]
    runner = Recorder()
    reg.carry_out(reg.systemd_plan(command, AT, tmp_path, install=True), runner)
    service, timer = units(tmp_path)
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["ExecStart"] == \
        '/opt/Rebound/rebound --data-dir "/home/sam/My data/50%% off" notify'
    assert timer["Timer"]["OnCalendar"] == "*-*-* 09:30:00"
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["OnStartupSec"] == "2min"
    assert timer["Install"]["WantedBy"] == "timers.target"
    assert runner.ran == [("systemctl", "--user", "daemon-reload"),
                          ("systemctl", "--user", "enable", "--now", "rebound-reminders.timer")]

    removing = Recorder()
    reg.carry_out(reg.systemd_plan(command, AT, tmp_path, install=False), removing)
    assert removing.ran[0] == ("systemctl", "--user", "disable", "--now",
                               "rebound-reminders.timer")
    assert not (tmp_path / ".config/systemd/user/rebound-reminders.timer").exists()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_itself_accepts_the_units(tmp_path):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    command = [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "a b"), "notify"]
    reg.carry_out(reg.systemd_plan(command, AT, tmp_path, install=True), Recorder())
    folder = tmp_path / ".config/systemd/user"
    checked = subprocess.run(
        ["systemd-analyze", "--user", "verify", str(folder / "rebound-reminders.timer"),
         str(folder / "rebound-reminders.service")],
        capture_output=True, text=True, env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)})
    assert checked.returncode == 0 and checked.stdout + checked.stderr == "", checked.stderr


def test_the_xdg_fallback_for_real_install_status_remove(tmp_path):
    """No user systemd: the autostart entry is written, reported and removed."""
    command = [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "my $data"),
               "notify"]
    assert reg.status("autostart", tmp_path).registered is False
    done = reg.carry_out(reg.plan(True, "autostart", command, home=tmp_path))
    entry = tmp_path / ".config/autostart/rebound-reminders.desktop"
    assert done == [f"wrote {entry}"]
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(entry)
    desktop_entry = parser["Desktop Entry"]
    assert desktop_entry["Type"] == "Application" and desktop_entry["NoDisplay"] == "true"
    assert desktop_entry["Exec"].endswith(f'"{tmp_path}/my \\$data" notify')
    found = reg.status("autostart", tmp_path)
    assert found.registered and found.note == "at log-in only: no user systemd runs here"
    reg.carry_out(reg.plan(False, "autostart", command, home=tmp_path))
    assert not entry.exists()
    assert reg.status("autostart", tmp_path).registered is False


def test_the_method_follows_the_system():
    assert reg.system_method("win32") == "windows"
    assert reg.system_method("darwin") == "macos"
    assert reg.system_method("linux", Recorder()) == "systemd"
    assert reg.system_method("linux", Recorder(failing={"show-environment"})) == "autostart"


def test_a_failing_command_is_named_with_what_was_done_before_it(tmp_path):
    chosen = reg.systemd_plan(COMMAND, AT, tmp_path, install=True)
    with pytest.raises(reg.PlanFailed) as failed:
        reg.carry_out(chosen, Recorder(failing={"enable"}))
    message = str(failed.value)
    assert message.startswith("`systemctl --user enable --now rebound-reminders.timer` "
                              "failed (refused) after: wrote ")


def test_the_dry_run_prints_files_and_commands_and_changes_nothing(tmp_path, monkeypatch,
                                                                   data_dir):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(reg, "system_method", lambda *a, **k: "systemd")
    done = run_cli("--data-dir", data_dir, "reminders", "install", "--at", "08:15",
                   "--dry-run")
    assert done.returncode == 0, done.stderr
    assert f"Would write {tmp_path}/.config/systemd/user/rebound-reminders.timer:" in done.stdout
    assert "OnCalendar=*-*-* 08:15:00" in done.stdout
    assert "Would run: systemctl --user enable --now rebound-reminders.timer" in done.stdout
    assert f"--data-dir {data_dir} notify" in done.stdout
    assert not (tmp_path / ".config").exists()
    refused = run_cli("--data-dir", data_dir, "reminders", "install", "--at", "9am")
    assert refused.returncode == 1 and "'9am' is not a time of day" in refused.stderr


def test_a_registration_left_by_a_moved_rebound_is_pointed_back_here(tmp_path):
    old = ["/opt/Old Rebound/rebound", "notify"]
    new = ["/opt/Rebound/rebound", "notify"]
    reg.carry_out(reg.plan(True, "autostart", old, home=tmp_path))
    assert reg.repair("autostart", new, AT, Recorder(), home=tmp_path) is True
    assert reg.status("autostart", tmp_path).runs == reg.rendered("autostart", new)
    assert reg.repair("autostart", new, AT, Recorder(), home=tmp_path) is False  # in place


def test_nothing_registered_is_not_registered_by_a_repair(tmp_path):
    assert reg.repair("systemd", COMMAND, AT, Recorder(), home=tmp_path) is False
    assert not (tmp_path / ".config").exists()


def test_status_reads_back_what_each_platform_was_given(tmp_path):
    command = ["/opt/Rebound/rebound", "--data-dir", "/home/sam/My data", "notify"]
    for method in ("systemd", "autostart"):
        reg.carry_out(reg.plan(True, method, command, home=tmp_path), Recorder())
        assert reg.status(method, tmp_path, Recorder()).runs == reg.rendered(method, command)


def test_the_command_says_when_the_system_refuses(tmp_path, monkeypatch, data_dir):
    """No ``systemctl`` to run: the command fails, names the step and what it had
    already written, and never says reminders are on."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(reg, "system_method", lambda *a, **k: "systemd")
    done = run_cli("--data-dir", data_dir, "reminders", "install")
    assert done.returncode == 1
    assert done.stderr.startswith("rebound: `systemctl --user daemon-reload` failed (")
    assert "after: wrote " in done.stderr
    assert "Reminders are on" not in done.stdout
