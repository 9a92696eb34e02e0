"""A stand-in for the system's opener (``xdg-open``, ``open``) on PATH: a real
program, run as Rebound runs it, that records what it was given and answers as
told: opened, "no program for this", or still running the program it started."""

import os
import stat
from pathlib import Path

SCRIPT = """#!/bin/sh
printf '%s\\n' "$1" >> "{record}"
case "$(cat "{behaviour}")" in
  fail) echo "{name}: no method available for opening '$1'" >&2; exit 3 ;;
  linger) sleep 30 ;;
  *) exit 0 ;;
esac
"""


class FakeOpener:
    def __init__(self, folder: Path, name: str = "xdg-open"):
        folder.mkdir(parents=True, exist_ok=True)
        self.record = folder / "opened.txt"
        self.behaviour = folder / "behaviour.txt"
        self.behaviour.write_text("open")
        program = folder / name
        program.write_text(SCRIPT.format(record=self.record, behaviour=self.behaviour,
                                         name=name))
        program.chmod(program.stat().st_mode | stat.S_IXUSR)
        self.folder = folder

    def answer(self, behaviour: str) -> None:
        """"open", "fail" or "linger"."""
        self.behaviour.write_text(behaviour)

    @property
    def opened(self) -> list[str]:
        return self.record.read_text().splitlines() if self.record.exists() else []


def install(monkeypatch, folder: Path, name: str = "xdg-open") -> FakeOpener:
    """Put a fake opener first on PATH for the test."""
    fake = FakeOpener(folder, name)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return fake
