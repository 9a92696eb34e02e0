"""Starting Rebound when the user logs in, into the tray (beside "keep Rebound in the
tray"): a per-user login item, no administrator rights, made and taken back with
the same plans as the reminder (``registration``).

* Windows: a value under the user's ``…\\CurrentVersion\\Run`` key (``reg add``).
* macOS: a LaunchAgent that runs at load, that is at log-in.
* Linux: an XDG autostart entry, which every desktop honours for programs with a
  window (a systemd timer is for the reminder, which has none).
"""

import plistlib
import subprocess
from collections.abc import Sequence
from pathlib import Path

from desktop.reminders import registration
from desktop.reminders.registration import Plan, Runner, Status, autostart_entry, run_command

RUN_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run"
VALUE_NAME = "Rebound"
LAUNCH_AGENT_LABEL = "app.rebound.login"
AUTOSTART_FILE = "rebound.desktop"
#: The window option that starts Rebound in the tray.
IN_TRAY = "--in-tray"


def window_command(data_dir: Path | None = None) -> list[str]:
    """This Rebound's window, started into the tray."""
    return [*registration.notify_command(data_dir)[:-1], IN_TRAY]


def _paths(home: Path) -> tuple[Path, Path]:
    return (home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist",
            home / ".config" / "autostart" / AUTOSTART_FILE)


def plan(install: bool, method: str, command: Sequence[str], home: Path | None = None,
         uid: int | None = None) -> Plan:
    home = Path(home or Path.home())
    plist, entry = _paths(home)
    if method == "windows":
        if not install:
            delete = ("reg", "delete", RUN_KEY, "/v", VALUE_NAME, "/f")
            return Plan("windows", commands=(delete,), may_fail=(delete,))
        line = subprocess.list2cmdline(list(command))
        return Plan("windows", commands=(("reg", "add", RUN_KEY, "/v", VALUE_NAME, "/t",
                                          "REG_SZ", "/d", line, "/f"),))
    if method == "macos":
        import os

        domain = f"gui/{uid if uid is not None else os.getuid()}"
        unload = ("launchctl", "bootout", f"{domain}/{LAUNCH_AGENT_LABEL}")
        if not install:
            return Plan("macos", deletes=(plist,), commands=(unload,), may_fail=(unload,))
        agent = plistlib.dumps({"Label": LAUNCH_AGENT_LABEL, "ProgramArguments": list(command),
                                "RunAtLoad": True, "ProcessType": "Interactive"})
        return Plan("macos", writes=((plist, agent.decode("utf-8")),),
                    commands=(unload, ("launchctl", "bootstrap", domain, str(plist))),
                    may_fail=(unload,))
    if not install:
        return Plan("autostart", deletes=(entry,))
    text = autostart_entry(command).replace("Name=Rebound reminders", "Name=Rebound").replace(
        "Comment=A notification at log-in on days with notes due",
        "Comment=Rebound, in the tray, from log-in")
    return Plan("autostart", writes=((entry, text),))


def status(method: str, home: Path | None = None, runner: Runner = run_command) -> Status:
    home = Path(home or Path.home())
    plist, entry = _paths(home)
    if method == "windows":
        ran = runner(("reg", "query", RUN_KEY, "/v", VALUE_NAME))
        if ran.returncode != 0:
            return Status(method, False)
        return Status(method, True, ran.output.partition("REG_SZ")[2].strip())
    if method == "macos":
        if not plist.is_file():
            return Status(method, False)
        return Status(method, True, " ".join(plistlib.loads(plist.read_bytes())
                                             ["ProgramArguments"]))
    if not entry.is_file():
        return Status("autostart", False)
    return Status("autostart", True, registration.key_value(entry, "Exec"))


def login_method(reminder_method: str) -> str:
    """Windows and macOS as for the reminder; every Linux desktop: autostart."""
    return reminder_method if reminder_method in ("windows", "macos") else "autostart"
