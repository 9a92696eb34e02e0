"""Starting Rebound in the tray at log-in: each platform's login item, parsed, with
the commands checked; the XDG entry written, read back and removed for real."""

import configparser
import plistlib
import sys

from desktop.reminders import login_item
from desktop.reminders.registration import Ran, carry_out


class Recorder:
    def __init__(self, answer: str = ""):
        self.ran, self.answer = [], answer

    def __call__(self, command):
        self.ran.append(tuple(command))
        return Ran(0, self.answer)


COMMAND = [r"C:\Program Files\Rebound\Rebound.exe", "--in-tray"]


def test_windows_uses_the_users_run_key():
    recorder = Recorder()
    carry_out(login_item.plan(True, "windows", COMMAND), recorder)
    assert recorder.ran == [("reg", "add", login_item.RUN_KEY, "/v", "Rebound", "/t", "REG_SZ",
                             "/d", r'"C:\Program Files\Rebound\Rebound.exe" --in-tray', "/f")]
    found = login_item.status("windows", runner=Recorder(
        "    Rebound    REG_SZ    \"C:\\Program Files\\Rebound\\Rebound.exe\" --in-tray"))
    assert found.registered and found.runs.endswith("Rebound.exe\" --in-tray")


def test_macos_loads_an_agent_that_runs_at_log_in(tmp_path):
    recorder = Recorder()
    carry_out(login_item.plan(True, "macos", ["/Applications/Rebound.app/Contents/MacOS/"
                                              "Rebound", "--in-tray"], home=tmp_path, uid=501),
              recorder)
    plist = tmp_path / "Library/LaunchAgents/app.rebound.login.plist"
    agent = plistlib.loads(plist.read_bytes())
    assert agent["RunAtLoad"] is True and agent["ProgramArguments"][-1] == "--in-tray"
    assert "StartCalendarInterval" not in agent
    assert recorder.ran[-1] == ("launchctl", "bootstrap", "gui/501", str(plist))


def test_linux_writes_reads_back_and_removes_an_autostart_entry(tmp_path):
    command = login_item.window_command(tmp_path / "my data")
    assert command[:3] == [sys.executable, "-m", "desktop"] and command[-1] == "--in-tray"
    assert not login_item.status("autostart", tmp_path).registered
    carry_out(login_item.plan(True, "autostart", command, home=tmp_path))
    entry = tmp_path / ".config/autostart/rebound.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(entry)
    assert parser["Desktop Entry"]["Name"] == "Rebound"
    assert parser["Desktop Entry"]["Exec"].endswith(f'"{tmp_path}/my data" --in-tray')
    assert login_item.status("autostart", tmp_path).registered
    carry_out(login_item.plan(False, "autostart", command, home=tmp_path))
    assert not entry.exists()


def test_every_linux_desktop_uses_autostart_for_the_window():
    assert login_item.login_method("systemd") == "autostart"
    assert login_item.login_method("windows") == "windows"
