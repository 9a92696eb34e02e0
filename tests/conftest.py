"""Shared fixtures: a real SQLite store in a fresh temporary folder for every test,
the ``rebound`` command run as a child process, and small real disks."""

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

# Before anything imports Qt: no display on CI machines.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from desktop.store.lifecycle import close_store, open_store


@pytest.fixture(autouse=True)
def private_config(tmp_path, monkeypatch):
    """Tests never read or write the real user's config folder (where a moved data
    folder is remembered) or home."""
    config = tmp_path / "config"
    monkeypatch.setenv("REBOUND_CONFIG_DIR", str(config))
    # Nor the user's home, where reminders are registered (autostart, systemd units,
    # LaunchAgents): a window started in a test must not repair the real one.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return config


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An empty data directory, also exported as REBOUND_DATA_DIR."""
    path = tmp_path / "data"
    monkeypatch.setenv("REBOUND_DATA_DIR", str(path))
    return path


@pytest.fixture
def store(data_dir):
    """An open, migrated store on a real file; closed cleanly after the test."""
    opened = open_store(data_dir)
    yield opened
    close_store(opened)


REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)


def table_rows(path: Path, table: str) -> list[tuple]:
    conn = read_only(path)
    try:
        return conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
    finally:
        conn.close()


def count_rows(path: Path, table: str = "person") -> int:
    conn = read_only(path)
    try:
        return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        conn.close()


def pragma(path: Path, name: str):
    conn = read_only(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def overwrite(path: Path, offset: int, length: int, seed: int = 7) -> None:
    """Replace ``length`` bytes at ``offset`` with junk, as a failing disk might."""
    data = bytearray(Path(path).read_bytes())
    data[offset : offset + length] = random.Random(seed).randbytes(length)
    Path(path).write_bytes(bytes(data))


@pytest.fixture
def helpers():
    """The file helpers above, for test files (which cannot import conftest)."""

    class Helpers:
        pass

    for func in (sha256, read_only, table_rows, count_rows, pragma, overwrite):
        setattr(Helpers, func.__name__, staticmethod(func))
    Helpers.FIXTURES = FIXTURES
    return Helpers



@pytest.fixture
def rebound_run():
    """Run ``rebound ARGS`` in this process (``tests.in_process.run_cli``)."""
    from tests.in_process import run_cli

    return run_cli


@pytest.fixture
def rebound_cli():
    """Run ``rebound ARGS`` as a user would: a child process; returns CompletedProcess."""

    def run(*args, timeout: float = 300, env: dict | None = None, **options):
        return subprocess.run(
            [sys.executable, "-m", "desktop", *map(str, args)],
            capture_output=True, text=True, timeout=timeout, check=False, cwd=REPO,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}, **options)

    return run


class SmallDisk:
    """A real file system of a few megabytes (tmpfs), to fill up or make read-only."""

    def __init__(self, path: Path, size: str):
        self.path = path
        path.mkdir(parents=True)
        _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path))

    def fill(self, leave: int = 0) -> Path:
        """Fill the disk, then free ``leave`` bytes: a write larger than that fails."""
        filler = self.path / "filler.bin"
        with filler.open("wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
            except OSError:
                pass
        free = shutil.disk_usage(self.path).free
        if leave:
            os.truncate(filler, max(0, filler.stat().st_size - leave + free))
        return filler

    def make_read_only(self) -> None:
        _mount("-o", "remount,ro", str(self.path))

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.path)], check=False, capture_output=True)


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if done.returncode:
        raise OSError(done.stderr.strip())


@pytest.fixture
def small_disk(tmp_path):
    """``small_disk(size="4m")``: a real tmpfs mounted in tmp_path. Mounting needs root,
    which CI has; elsewhere the test is skipped with the reason."""
    disks = []

    def make(size: str = "4m", name: str = "disk") -> SmallDisk:
        if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("mounting a small disk needs root on Linux")
        try:
            disk = SmallDisk(tmp_path / name, size)
        except OSError as exc:
            pytest.skip(f"cannot mount a small disk here: {exc}")
        disks.append(disk)
        return disk

    yield make
    for disk in disks:
        disk.unmount()
