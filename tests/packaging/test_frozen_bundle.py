"""The frozen app works: the PyInstaller bundle starts, finds ``resources/`` inside
itself, renders every built-in template, and opens a database the source app made.

Builds the bundle with ``packaging/build.py`` into a temporary folder (about 20 s
here), or reuses ``dist/`` when that build is newer than every source file.
"""

import importlib.util
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (uv sync installs it)")

from desktop.devdata.sample import load_sample_data
from desktop.store.data_format import SCHEMA_VERSION
from desktop.store.lifecycle import close_store, open_store

ROOT = Path(__file__).resolve().parents[2]
BUILT_IN_TEMPLATES = len(list((ROOT / "resources" / "templates").glob("*.txt")))
SOURCES = ("desktop", "resources", "packaging", "pyproject.toml")

pytestmark = pytest.mark.slow


def _load_build_script():
    spec = importlib.util.spec_from_file_location("rebound_build", ROOT / "packaging" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build_script()


def _newest_source_mtime() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else path.rglob("*")
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                newest = max(newest, file.stat().st_mtime)
    return newest


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Path:
    """The frozen executable: dist/'s if it is up to date, else a fresh build."""
    existing = build.frozen_executable()
    if existing.is_file() and existing.stat().st_mtime > _newest_source_mtime():
        return existing
    out = tmp_path_factory.mktemp("pyinstaller")
    build.build_bundle(dist=out / "dist", work=out / "work")
    executable = build.frozen_executable(out / "dist")
    assert executable.is_file()
    return executable


def _bundle_root(executable: Path) -> Path:
    return executable.parent.parent if sys.platform == "darwin" else executable.parent


def test_self_test_on_a_fresh_data_folder(frozen, tmp_path):
    report = build.self_test(frozen, tmp_path / "data")

    assert report["ok"] is True, report
    assert report["exit_code"] == 0
    assert report["people"] == 0
    assert report["schema_version"] == SCHEMA_VERSION
    # The templates come from resources/ inside the bundle, not from the checkout.
    assert report["templates"] == {"rendered": BUILT_IN_TEMPLATES, "failed": []}


def test_opens_a_database_made_by_the_source_app(frozen, tmp_path):
    data = tmp_path / "data"
    store = open_store(data)
    load_sample_data()
    close_store(store)

    report = build.self_test(frozen, data)

    assert report["ok"] is True, report
    assert report["people"] == 6
    assert report["quick_check"] == "ok"


def test_bundle_holds_resources_and_no_unused_qt(frozen):
    root = _bundle_root(frozen)
    # Real files only: the macOS .app links some folders into two places.
    files = [p.relative_to(root).as_posix() for p in root.rglob("*")
             if p.is_file() and not p.is_symlink()]

    assert any(f.endswith("resources/icons/rebound.svg") for f in files)
    assert sum(f.endswith(".txt") and "/resources/templates/" in f"/{f}" for f in files) == (
        BUILT_IN_TEMPLATES
    )
    unused = [f for f in files if any(word in f for word in (
        "Quick", "Qml", "translations/", "WebEngine", "Pdf", "Designer", "qtuiotouch",
    ))]
    assert unused == []
    if sys.platform.startswith("linux"):
        assert any(f.endswith("platforms/libqxcb.so") for f in files)
        assert any(f.endswith("iconengines/libqsvgicon.so") for f in files)
        assert os.access(frozen, os.X_OK)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a D-Bus session: Linux")
def test_the_bundled_notify_reaches_the_desktop(frozen, tmp_path):
    """desktop-notifier and its D-Bus backend are in the bundle: ``notify`` from the
    frozen program shows the sample's due notes to a stand-in notification service."""
    import json
    import shutil
    import subprocess

    if shutil.which("dbus-run-session") is None:
        pytest.skip("no dbus-run-session (Debian package dbus-daemon)")
    data = tmp_path / "data"
    store = open_store(data)
    load_sample_data()
    close_store(store)
    record = tmp_path / "sent.json"
    service = ROOT / "tests" / "reminders" / "notification_service.py"
    script = (f'"{sys.executable}" "{service}" "{record}" dismiss & '
              f'for _ in $(seq 100); do [ -e "{record}.ready" ] && break; sleep 0.05; done; '
              f'"{frozen}" --data-dir "{data}" notify; status=$?; kill %1; exit $status')
    done = subprocess.run(["dbus-run-session", "--", "bash", "-c", script],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    sent = json.loads(record.read_text())
    assert [(n["app"], n["summary"]) for n in sent] == [("Rebound", "4 notes due")]


def test_the_frozen_program_registers_and_removes_its_reminder(frozen, tmp_path):
    """packaging/check_reminders.py, as the workflow runs it on Windows and macOS; here
    against this Linux (the XDG entry or a systemd timer, in the test's own HOME)."""
    spec = importlib.util.spec_from_file_location(
        "check_reminders", ROOT / "packaging" / "check_reminders.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    assert check.main([str(frozen)]) == 0
    assert not list((Path(os.environ["HOME"]) / ".config").rglob("rebound-reminders*"))
