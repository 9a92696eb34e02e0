"""``rebound import`` through ``cli.run``: its output and exit code."""

import subprocess

import pytest

from tests.in_process import run_cli


def rebound(data_dir, *args: str) -> subprocess.CompletedProcess:
    return run_cli("--data-dir", data_dir, "import", *args)


def test_summary_and_rejected_lines(tmp_path, contacts_file, helpers):
    data_dir = tmp_path / "data"
    done = rebound(data_dir, str(contacts_file("malformed.csv")))

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "imported 3, updated 0, skipped 0, rejected 4"
    assert [line.split(":")[0] for line in lines[1:]] == ["line 3", "line 4", "line 5", "line 6"]
    assert lines[1] == "line 3: There is no name and no e-mail address."
    assert helpers.count_rows(data_dir / "rebound.db") == 3

    again = rebound(data_dir, str(contacts_file("malformed.csv")), "--on-duplicate", "update")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[0] == "imported 0, updated 0, skipped 3, rejected 4"


def test_format_and_policy_options(tmp_path, contacts_file):
    data_dir = tmp_path / "data"
    done = rebound(data_dir, str(contacts_file("outlook_21.vcf")), "--format", "vcard",
                   "--on-duplicate", "new")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "imported 2, updated 0, skipped 0, rejected 0\n"


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (lambda p: p.write_bytes(b"\x00\x01\x02\x03" * 512), (), "binary data"),
        (lambda p: p.write_bytes(b""), (), "is empty"),
        (None, ("--format", "linkedin"), "is not a LinkedIn Connections.csv"),
    ],
    ids=["binary", "empty", "wrong-format"],
)
def test_refused_files_exit_1_and_write_nothing(tmp_path, contacts_file, make, args, message,
                                                helpers):
    data_dir = tmp_path / "data"
    if make is None:
        path = contacts_file("google_current.csv")
    else:
        path = tmp_path / "contacts.csv"
        make(path)
    done = rebound(data_dir, str(path), *args)

    assert done.returncode == 1
    assert done.stdout == ""
    assert message in done.stderr
    assert done.stderr.startswith("rebound: ")
    assert helpers.count_rows(data_dir / "rebound.db") == 0
