"""Reminders against the real system, from the frozen program: register, read the
registration back, a dry run of ``notify``, unregister, read it back again.

Run by the installers workflow on Windows (Task Scheduler) and macOS (launchd)
after the bundle is built, and by hand on Linux (a systemd user timer, or the XDG
autostart entry where no user systemd runs). Exits 1 at the first step that fails,
saying which and what the program printed, so the workflow fails with it.

    uv run python packaging/check_reminders.py [EXECUTABLE]
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build  # packaging/build.py, beside this script


def run(executable: Path, data: Path, *args: str) -> str:
    done = subprocess.run([str(executable), "--data-dir", str(data), *args],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=120, check=False)
    if done.returncode != 0:
        raise SystemExit(f"FAILED: rebound {' '.join(args)} exited {done.returncode}:\n"
                         f"{done.stdout}\n{done.stderr}")
    return done.stdout.strip()


def expect(step: str, output: str, holds: bool) -> None:
    print(f"{'ok' if holds else 'FAILED'}: {step}\n  {output}")
    if not holds:
        raise SystemExit(1)


def main(argv: list[str]) -> int:
    executable = Path(argv[0]) if argv else build.frozen_executable()
    with tempfile.TemporaryDirectory(prefix="rebound-reminders-") as folder:
        data = Path(folder) / "data"
        run(executable, data, "demo", "--people", "0")
        installed = run(executable, data, "reminders", "install", "--at", "09:00")
        expect("install", installed, "Reminders are on" in installed)
        on = run(executable, data, "reminders", "status")
        expect("status after install", on,
               on.startswith("Reminders are on") and executable.name in on and "notify" in on)
        shown = json.loads(run(executable, data, "notify", "--dry-run", "--json"))
        expect("notify --dry-run", json.dumps(shown),
               shown["silent_because"] == "nothing due" and not shown["problem"])
        removed = run(executable, data, "reminders", "remove")
        expect("remove", removed, "Reminders are off" in removed)
        off = run(executable, data, "reminders", "status")
        expect("status after remove", off, off.startswith("Reminders are off"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
