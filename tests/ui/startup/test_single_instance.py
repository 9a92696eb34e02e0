"""A second Rebound on the same data folder wakes the first instead of opening it twice."""

from desktop.ui.startup.single_instance import SingleInstance, server_name


def test_second_instance_wakes_the_first(tmp_path, qtbot):
    first = SingleInstance(tmp_path / "data")
    assert first.claim()
    with qtbot.waitSignal(first.activated, timeout=3000):
        assert not SingleInstance(tmp_path / "data").claim()
    first.server.close()


def test_other_data_folders_are_independent(tmp_path):
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    one, two = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    assert one.claim() and two.claim()
    one.server.close()
    two.server.close()
