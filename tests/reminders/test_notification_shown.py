"""The notification for real, on a private D-Bus session with a stand-in for the
desktop's notification service: what ``rebound notify`` sends, a click calling
back, and no service at all said as a failure rather than assumed shown."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.reminders import notifier
from tests.in_process import run_cli

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
needs_dbus = pytest.mark.skipif(shutil.which("dbus-run-session") is None,
                                reason="no dbus-run-session (Debian package dbus-daemon)")


def in_a_session(record: Path, answer: str, python_code: str) -> subprocess.CompletedProcess:
    """Run ``python_code`` in a fresh D-Bus session where the stand-in answers."""
    script = (f'"{sys.executable}" "{HERE / "notification_service.py"}" "{record}" {answer} & '
              f'for _ in $(seq 100); do [ -e "{record}.ready" ] && break; sleep 0.05; done; '
              f'"{sys.executable}" -c "$CODE"; status=$?; kill %1; exit $status')
    return subprocess.run(["dbus-run-session", "--", "bash", "-c", script], cwd=REPO,
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(record.parent),
                               "CODE": python_code, "PYTHONPATH": str(REPO)})


@needs_dbus
def test_rebound_notify_sends_the_due_notes_to_the_desktop(tmp_path):
    data = tmp_path / "data"
    made = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), "demo",
                           "--people", "0"], capture_output=True, text=True, cwd=REPO)
    assert made.returncode == 0, made.stderr
    code = ("import sys; from desktop.operations import data; from desktop.store import "
            f"lifecycle; s = lifecycle.open_store(__import__('pathlib').Path({str(data)!r})); "
            "data.load_sample(); lifecycle.close_store(s); "
            "from desktop.__main__ import main; "
            f"sys.argv = ['rebound', '--data-dir', {str(data)!r}, 'notify']; main()")
    record = tmp_path / "sent.json"
    done = in_a_session(record, "dismiss", code)
    assert done.returncode == 0, done.stderr
    sent = json.loads(record.read_text())
    assert [(n["app"], n["summary"]) for n in sent] == [("Rebound", "4 notes due")]
    assert sent[0]["body"].endswith(" and 3 more")


@needs_dbus
def test_a_click_calls_back(tmp_path):
    code = ("from desktop.reminders import notifier; clicks = []; "
            "outcome = notifier.show('1 note due', 'Check-in to Priya Raman', "
            "lambda: clicks.append(1), wait_for_click=20); "
            "print(outcome.shown, outcome.clicked, clicks)")
    done = in_a_session(tmp_path / "sent.json", "click", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True True [1]"


def test_no_notification_service_is_a_failure_said_in_one_line(store, data_dir, monkeypatch):
    from desktop.store.lifecycle import close_store, open_store

    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setattr(notifier, "DISPATCH_WAIT_SECONDS", 0.5)
    from desktop.devdata.sample import load_sample_data

    load_sample_data()
    close_store(store)
    done = run_cli("--data-dir", data_dir, "notify")
    open_store(data_dir)
    assert done.returncode == 1
    assert done.stderr.strip() == ("rebound: the notification could not be shown: no "
                                   "notification service answered.")
