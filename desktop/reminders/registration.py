"""Asking the system to run ``rebound notify`` every day and at log-in, for this user
only, without administrator rights, and taking that back.

Each platform gets a ``Plan``: the files to write or delete and the commands to run,
built as plain data so that ``--dry-run`` can print it and tests can read it
(parse the task XML, the plist, the unit files) without touching the system.
``carry_out`` does it through a ``Runner``, which tests replace.

* Windows: a Task Scheduler task of the current user (daily at the chosen time, and
  at log-on), made from a task XML with ``schtasks /Create /XML`` and deleted with
  ``schtasks /Delete``; the uninstaller deletes it too.
* macOS: a LaunchAgent plist in ``~/Library/LaunchAgents``, loaded with
  ``launchctl bootstrap gui/<uid>`` (RunAtLoad for the log-in).
* Linux: a systemd user timer and service in ``~/.config/systemd/user``
  (``Persistent=`` catches a day the machine was off; ``OnStartupSec=`` is the
  log-in); where no user systemd runs, an XDG autostart entry, at log-in only.
"""

import datetime
import os
import plistlib
import shlex
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

#: The name every platform knows the reminder by.
TASK_NAME = "Rebound reminders"
LAUNCH_AGENT_LABEL = "app.rebound.reminders"
SYSTEMD_UNIT = "rebound-reminders"
AUTOSTART_FILE = "rebound-reminders.desktop"
#: The time of day the reminder runs unless the user picks another.
DEFAULT_TIME = datetime.time(9, 0)
#: After log-in, how long the reminder waits, so it is not lost among start-up noise.
AFTER_LOGIN = "2min"


class Ran(NamedTuple):
    returncode: int
    output: str


#: Runs one command and says how it ended: ``subprocess`` here, a recorder in tests.
Runner = Callable[[Sequence[str]], Ran]


def run_command(command: Sequence[str]) -> Ran:
    try:
        done = subprocess.run(list(command), capture_output=True, text=True, timeout=60,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Ran(127, str(exc))
    return Ran(done.returncode, (done.stdout + done.stderr).strip())


class Plan(NamedTuple):
    """What installing or removing the reminder does on one platform."""

    #: "windows", "macos", "systemd" or "autostart".
    method: str
    #: Files to write, with their text (install), in order.
    writes: tuple[tuple[Path, str], ...] = ()
    #: Files to delete (remove).
    deletes: tuple[Path, ...] = ()
    #: Commands to run after writing or before deleting; a failing one stops the plan
    #: unless it is listed in ``may_fail``.
    commands: tuple[tuple[str, ...], ...] = ()
    may_fail: tuple[tuple[str, ...], ...] = ()


def notify_command(data_dir: Path | None = None) -> list[str]:
    """How the system starts this Rebound's ``notify``: the installed program, or
    this Python running the package (from a source checkout)."""
    program = ([sys.executable] if getattr(sys, "frozen", False)
               else [sys.executable, "-m", "desktop"])
    where = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return [*program, *where, "notify"]


def system_method(platform: str = sys.platform, runner: Runner = run_command) -> str:
    if platform.startswith("win"):
        return "windows"
    if platform == "darwin":
        return "macos"
    user_systemd = runner(["systemctl", "--user", "show-environment"]).returncode == 0
    return "systemd" if user_systemd else "autostart"


# --- Windows ----------------------------------------------------------------------------


def task_xml(command: Sequence[str], at: datetime.time, user: str) -> str:
    """A Task Scheduler task for ``user``: daily at ``at`` (caught up when missed) and
    at log-on, with the least privileges, never two at once."""
    program, arguments = command[0], subprocess.list2cmdline(list(command[1:]))
    start = f"2026-01-01T{at:%H:%M}:00"
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>Shows a notification on days when Rebound has notes due.</Description>
  </RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>{start}</StartBoundary>
      <ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>
    </CalendarTrigger>
    <LogonTrigger>
      <UserId>{escape(user)}</UserId>
      <Delay>PT2M</Delay>
    </LogonTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>{escape(user)}</UserId>
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <ExecutionTimeLimit>PT30M</ExecutionTimeLimit>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(program)}</Command>
      <Arguments>{escape(arguments)}</Arguments>
    </Exec>
  </Actions>
</Task>
"""


def windows_plan(command, at, folder: Path, user: str, install: bool) -> Plan:
    if not install:
        return Plan("windows", commands=(("schtasks", "/Delete", "/TN", TASK_NAME, "/F"),))
    xml = folder / "reminders-task.xml"
    return Plan("windows", writes=((xml, task_xml(command, at, user)),),
                commands=(("schtasks", "/Create", "/TN", TASK_NAME, "/XML", str(xml), "/F"),))


# --- macOS ------------------------------------------------------------------------------


def launch_agent(command: Sequence[str], at: datetime.time) -> str:
    return plistlib.dumps({
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(command),
        "StartCalendarInterval": {"Hour": at.hour, "Minute": at.minute},
        "RunAtLoad": True,  # loaded at log-in: that is the log-in reminder
        "ProcessType": "Background",
    }).decode("utf-8")


def macos_plan(command, at, home: Path, uid: int, install: bool) -> Plan:
    plist = home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    domain = f"gui/{uid}"
    unload = ("launchctl", "bootout", f"{domain}/{LAUNCH_AGENT_LABEL}")
    if not install:
        return Plan("macos", deletes=(plist,), commands=(unload,), may_fail=(unload,))
    return Plan("macos", writes=((plist, launch_agent(command, at)),),
                commands=(unload, ("launchctl", "bootstrap", domain, str(plist))),
                may_fail=(unload,))  # not loaded yet: nothing to unload


# --- Linux ------------------------------------------------------------------------------


def _systemd_quoted(command: Sequence[str]) -> str:
    """ExecStart's quoting: double quotes, backslash escapes, and % doubled."""
    def quote(word: str) -> str:
        word = word.replace("%", "%%")
        if word and not any(c in word for c in ' \t"\\\'$;'):
            return word
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return " ".join(quote(word) for word in command)


def systemd_units(command: Sequence[str], at: datetime.time) -> tuple[str, str]:
    service = f"""[Unit]
Description=Rebound: a notification on days with notes due

[Service]
Type=oneshot
ExecStart={_systemd_quoted(command)}
"""
    timer = f"""[Unit]
Description=Rebound: check for notes due, daily and after log-in

[Timer]
OnCalendar=*-*-* {at:%H:%M}:00
Persistent=true
OnStartupSec={AFTER_LOGIN}

[Install]
WantedBy=timers.target
"""
    return service, timer


def systemd_plan(command, at, home: Path, install: bool) -> Plan:
    folder = home / ".config" / "systemd" / "user"
    service, timer = folder / f"{SYSTEMD_UNIT}.service", folder / f"{SYSTEMD_UNIT}.timer"
    reload = ("systemctl", "--user", "daemon-reload")
    if not install:
        disable = ("systemctl", "--user", "disable", "--now", f"{SYSTEMD_UNIT}.timer")
        return Plan("systemd", deletes=(timer, service), commands=(disable, reload),
                    may_fail=(disable,))
    service_text, timer_text = systemd_units(command, at)
    return Plan("systemd", writes=((service, service_text), (timer, timer_text)),
                commands=(reload, ("systemctl", "--user", "enable", "--now",
                                   f"{SYSTEMD_UNIT}.timer")))


def autostart_entry(command: Sequence[str]) -> str:
    """An XDG autostart entry: the Desktop Entry spec's Exec quoting, % doubled."""
    def quote(word: str) -> str:
        word = word.replace("%", "%%")
        if word and not any(c in word for c in ' \t\n"\'\\><~|&;$*?#()`'):
            return word
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in word)
        return f'"{escaped}"'
    return ("[Desktop Entry]\nType=Application\nName=Rebound reminders\n"
            "Comment=A notification at log-in on days with notes due\n"
            f"Exec={' '.join(quote(word) for word in command)}\n"
            "NoDisplay=true\nX-GNOME-Autostart-enabled=true\n")


def autostart_plan(command, home: Path, install: bool) -> Plan:
    entry = home / ".config" / "autostart" / AUTOSTART_FILE
    if not install:
        return Plan("autostart", deletes=(entry,))
    return Plan("autostart", writes=((entry, autostart_entry(command)),))


# --- Choosing and carrying out ----------------------------------------------------------


def plan(install: bool, method: str, command: Sequence[str], at: datetime.time = DEFAULT_TIME,
         home: Path | None = None, folder: Path | None = None) -> Plan:
    """The plan for this ``method`` ("windows", "macos", "systemd", "autostart")."""
    home = Path(home or Path.home())
    if method == "windows":
        user = os.environ.get("USERDOMAIN", "") + "\\" + os.environ.get("USERNAME", "")
        return windows_plan(command, at, Path(folder or home), user.strip("\\"), install)
    if method == "macos":
        return macos_plan(command, at, home, os.getuid(), install)
    if method == "systemd":
        return systemd_plan(command, at, home, install)
    return autostart_plan(command, home, install)


class PlanFailed(Exception):
    """A command of the plan failed: its words, and what was done before it."""


def carry_out(chosen: Plan, runner: Runner = run_command) -> list[str]:
    """Write, run and delete as planned; returns what was done, line by line."""
    done = []
    for path, text in chosen.writes:
        path.parent.mkdir(parents=True, exist_ok=True)
        encoding = "utf-16" if path.suffix == ".xml" else "utf-8"  # schtasks reads UTF-16
        path.write_text(text, encoding=encoding)
        done.append(f"wrote {path}")
    for command in chosen.commands:
        ran = runner(command)
        if ran.returncode != 0 and command not in chosen.may_fail:
            raise PlanFailed(f"`{shlex.join(command)}` failed ({ran.output or ran.returncode})"
                             + (f" after: {'; '.join(done)}" if done else ""))
        done.append(f"ran {shlex.join(command)}")
    for path in chosen.deletes:
        if path.exists():
            path.unlink()
            done.append(f"deleted {path}")
    return done


class Status(NamedTuple):
    method: str
    registered: bool
    #: The command the system would run ("" when not registered).
    runs: str = ""
    #: What else is worth saying: not enabled, at log-in only.
    note: str = ""


def status(method: str, home: Path | None = None, runner: Runner = run_command) -> Status:
    """Whether the reminder is registered, and the command it runs, as the system has it."""
    home = Path(home or Path.home())
    if method == "windows":
        ran = runner(("schtasks", "/Query", "/TN", TASK_NAME, "/XML"))
        if ran.returncode != 0:
            return Status(method, False)
        from xml.etree import ElementTree

        exec_ = ElementTree.fromstring(ran.output.encode("utf-16")).find(
            ".//{http://schemas.microsoft.com/windows/2004/02/mit/task}Exec")
        words = [child.text or "" for child in exec_] if exec_ is not None else []
        return Status(method, True, " ".join(words))
    if method == "macos":
        plist = home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
        if not plist.is_file():
            return Status(method, False)
        runs = shlex.join(plistlib.loads(plist.read_bytes()).get("ProgramArguments", []))
        loaded = runner(("launchctl", "print",
                         f"gui/{os.getuid()}/{LAUNCH_AGENT_LABEL}")).returncode == 0
        return Status(method, True, runs, "" if loaded else "written but not loaded")
    if method == "systemd":
        service = home / ".config" / "systemd" / "user" / f"{SYSTEMD_UNIT}.service"
        if not service.is_file():
            return Status(method, False)
        runs = key_value(service, "ExecStart")
        enabled = runner(("systemctl", "--user", "is-enabled",
                          f"{SYSTEMD_UNIT}.timer")).returncode == 0
        return Status(method, True, runs, "" if enabled else "the timer is not enabled")
    entry = home / ".config" / "autostart" / AUTOSTART_FILE
    if not entry.is_file():
        return Status(method, False)
    return Status(method, True, key_value(entry, "Exec"),
                  "at log-in only: no user systemd runs here")


def key_value(path: Path, key: str) -> str:
    """The value of ``key=`` in a unit file or a desktop entry ("" when absent)."""
    return next((line.partition("=")[2] for line in path.read_text().splitlines()
                 if line.startswith(f"{key}=")), "")


def rendered(method: str, command: Sequence[str]) -> str:
    """``command`` as ``status`` reads it back for ``method``: to tell whether the
    registration still points at this program."""
    if method == "windows":
        return f"{command[0]} {subprocess.list2cmdline(list(command[1:]))}"
    if method == "macos":
        return shlex.join(command)
    if method == "systemd":
        return _systemd_quoted(command)
    return autostart_entry(command).partition("Exec=")[2].partition("\n")[0]


def repair(method: str, command: Sequence[str], at: datetime.time,
           runner: Runner = run_command, home: Path | None = None,
           folder: Path | None = None) -> bool:
    """At each start: a registration that runs another program (Rebound was moved or
    updated into another folder) is made again for this one. True when repaired."""
    found = status(method, home, runner)
    if not found.registered or found.runs == rendered(method, command):
        return False
    carry_out(plan(True, method, command, at, home=home, folder=folder), runner)
    return True
