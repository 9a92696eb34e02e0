"""Before Qt on Linux: missing X11 libraries are named, with the packages to install,
instead of Qt's one misleading line."""

import sys

import pytest

from desktop.ui.startup import app, platform_check
from desktop.ui.startup.platform_check import X11_LIBRARIES, explain, missing_packages, uses_x11


@pytest.mark.parametrize(("environ", "x11"), [
    ({}, True),
    ({"QT_QPA_PLATFORM": "xcb"}, True),
    ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, False),
])
def test_the_check_applies_where_qt_would_use_x11(monkeypatch, environ, x11):
    monkeypatch.setattr(sys, "platform", "linux")
    assert uses_x11(environ) is x11
    monkeypatch.setattr(sys, "platform", "darwin")
    assert uses_x11(environ) is False


def test_every_missing_library_is_named_by_its_package():
    absent = {"libxcb-cursor.so.0", "libxkbcommon-x11.so.0"}
    packages = missing_packages(lambda library: library not in absent)
    assert packages == ["libxcb-cursor0", "libxkbcommon-x11-0"]
    said = explain(packages)
    assert "sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0" in said
    assert missing_packages(lambda library: True) == []


def test_ci_installs_every_package_the_check_names():
    """.ci/run sets up a fresh machine with exactly these, and the README points there."""
    import re
    from pathlib import Path

    ci = (Path(__file__).resolve().parents[3] / ".ci" / "run").read_text()
    listed = re.search(r"QT_PACKAGES=\(([^)]*)\)", ci).group(1).split()
    assert set(X11_LIBRARIES.values()) <= set(listed)
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    assert [p for p in X11_LIBRARIES.values() if f" {p}" not in readme] == []


def test_the_window_start_stops_with_the_list_instead_of_qts_message(monkeypatch, capsys,
                                                                       tmp_path):
    monkeypatch.setattr(app, "uses_x11", lambda: True)
    monkeypatch.setattr(app, "missing_packages", lambda: ["libxcb-cursor0"])
    assert app.run_app(["--data-dir", str(tmp_path / "data")]) == 2
    said = capsys.readouterr().err
    assert "sudo apt-get install libxcb-cursor0" in said
    assert not (tmp_path / "data").exists()  # stopped before anything was made


def test_the_real_check_passes_on_this_machine():
    """CI installs every library, so nothing is missing here (on Linux)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux only")
    assert platform_check.missing_packages() == []
