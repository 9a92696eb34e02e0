"""``rebound ARGS`` run in the test's own process, through ``cli.run`` as the
command line does: quicker than a child process and debuggable, with the same exit
status and output. Tests of what only a separate process shows (locks between
processes, crash markers, the installed entry point) use ``rebound_cli`` instead.
"""

import io
import logging
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout

from desktop import cli


def run_cli(*args, input: str | None = None) -> subprocess.CompletedProcess:
    """The exit status and what the command printed, as ``subprocess.run`` reports them."""
    argv = [str(arg) for arg in args]
    out, err = io.StringIO(), io.StringIO()
    stdin = sys.stdin
    if input is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(input.encode("utf-8")), encoding="utf-8")
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                status = cli.run(argv)
            except SystemExit as exc:  # argparse refusing the arguments, or --version
                status = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    finally:
        sys.stdin = stdin
        _stop_logging()
    return subprocess.CompletedProcess(["rebound", *argv], status, out.getvalue(),
                                       err.getvalue())


def _stop_logging() -> None:
    """Close the log a command opened in its data folder, as its process exit would."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == "rebound"]:
        root.removeHandler(handler)
        handler.close()
