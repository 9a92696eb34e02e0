"""The window's options read without argparse (``cli.read_window_options``): the
same reading as argparse's wherever it answers, and no answer for anything else, so
help, commands and mistakes still go to argparse."""

import pytest

from desktop.cli import read_window_options, run, window_parser

READ_BY_HAND = [
    [],
    ["--self-test"],
    ["--in-tray"],
    ["--data-dir", "/tmp/rebound data"],
    ["--data-dir=/tmp/rebound"],
    ["--data-dir="],
    ["--data-dir", "/a", "--in-tray", "--data-dir", "/b"],
    ["--in-tray", "--self-test", "--data-dir", "relative/folder"],
]


@pytest.mark.parametrize("argv", READ_BY_HAND, ids=" ".join)
def test_the_window_options_read_as_argparse_reads_them(argv):
    assert read_window_options(argv) == window_parser().parse_args(argv)


@pytest.mark.parametrize("argv", [
    ["--help"], ["-h"], ["--version"], ["demo"], ["--data-dir"], ["--data-dir", "--in-tray"],
    ["--data", "/tmp/x"], ["--self"], ["--data-dir", "/tmp/x", "insights", "--json"],
    ["--no-such-option"],
], ids=" ".join)
def test_anything_else_is_left_to_argparse(argv):
    assert read_window_options(argv) is None


def test_help_still_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as done:
        run(["--help"])
    assert done.value.code == 0
    assert "insights" in capsys.readouterr().out


def test_a_mistake_is_still_explained(capsys):
    with pytest.raises(SystemExit) as done:
        run(["--data-dir"])
    assert done.value.code == 2
    assert "--data-dir: expected one argument" in capsys.readouterr().err
