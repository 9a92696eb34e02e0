"""Today's own behaviour: Enter opens, headings carry no actions, late steps stand
out (its start-up path is checked in ``test_startup``)."""

from PySide6.QtCore import Qt

from desktop.ui.views.today import LATE_COLOUR, WHEN, StepIdRole


def step_items(tree):
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        for c in range(group.childCount()):
            yield group, group.child(c)


def test_enter_and_return_open_the_current_note(sample_window, qtbot):
    tree = sample_window.today.tree
    _group, item = next(step_items(tree))
    tree.setCurrentItem(item)
    tree.setFocus()
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        opened = []
        sample_window.today.composeRequested.connect(opened.append)
        qtbot.keyClick(tree, key)
        sample_window.today.composeRequested.disconnect(opened.append)
        assert opened == [item.data(0, StepIdRole)]


def test_headings_offer_no_action(window, qtbot):
    today = window.today
    heading = today.tree.topLevelItem(0)  # an empty Today: only headings
    today.tree.setCurrentItem(heading)
    assert today.tree.currentItem() is heading
    assert not today.open_button.isEnabled()
    assert not today.snooze_button.isEnabled()
    assert not today.skip_button.isEnabled()
    opened = []
    today.composeRequested.connect(opened.append)
    today.checkInRequested.connect(opened.append)
    today.tree.setFocus()
    qtbot.keyClick(today.tree, Qt.Key.Key_Return)
    assert opened == []


def test_arrow_keys_pass_over_headings(sample_window, qtbot):
    """Down from the last row of a group lands on the next group's first row, not on
    its heading, and the buttons stay on; up does the same the other way."""
    today = sample_window.today
    tree = today.tree
    tree.setFocus()
    rows = [item for _g, item in step_items(tree)]
    groups = {id(group): [c for g, c in step_items(tree) if g is group]
              for group, _c in step_items(tree)}
    first_group, second_group = list(groups.values())[:2]
    tree.setCurrentItem(first_group[-1])
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert tree.currentItem() is second_group[0]
    assert today.open_button.isEnabled()
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert tree.currentItem() is first_group[-1]
    tree.setCurrentItem(rows[0])
    qtbot.keyClick(tree, Qt.Key.Key_Up)  # above the first row is only its heading
    assert tree.currentItem() is rows[0]
    assert today.open_button.isEnabled()


def test_empty_groups_say_so_in_their_heading(window):
    tree = window.today.tree
    headings = [tree.topLevelItem(g).text(0) for g in range(tree.topLevelItemCount())]
    assert headings == ["Due now: nothing here", "Coming up in the next 14 days: nothing here"]
    assert all(tree.topLevelItem(g).childCount() == 0 for g in range(tree.topLevelItemCount()))


def test_late_steps_show_their_lateness_in_colour(sample_window):
    late = [item for _g, item in step_items(sample_window.today.tree)
            if item.text(WHEN).endswith("late")]
    on_time = [item for _g, item in step_items(sample_window.today.tree)
               if item.data(0, StepIdRole) is not None and not item.text(WHEN).endswith("late")]
    assert late and on_time, "the sample data has late and upcoming steps"
    assert {item.foreground(WHEN).color().name() for item in late} == {LATE_COLOUR}
    assert all(item.foreground(WHEN).color().name() != LATE_COLOUR for item in on_time)


def test_on_a_fixed_day_today_says_how_late_and_how_soon(window):
    """``clock.fixed`` makes the day certain: three days late, today, tomorrow, and a
    step beyond the 14 days not shown at all."""
    import datetime

    from desktop import clock
    from desktop.store import people, steps

    ada = people.save_person(None, {"first_name": "Ada", "last_name": "Byrne"}).id
    day = datetime.date(2027, 1, 31)
    for offset in (-3, 0, 1, 15):
        steps.create_step("check_in", ada, None, day + datetime.timedelta(days=offset))
    with clock.fixed(datetime.datetime(2027, 1, 31, 8, 30)):
        window.today.reload()
    assert window.today.title.text() == "Today, Sunday 31 Jan"
    whens = [item.text(WHEN) for _g, item in step_items(window.today.tree)
             if item.data(0, StepIdRole) is not None]
    assert whens == ["3 days late", "Today", "Tomorrow"]


def test_a_long_list_comes_a_page_at_a_time_with_its_whole_count(window, qtbot):
    """250 notes due: the heading counts them all, 200 are listed with "Show 50 more",
    which adds the rest; the title and the summary count all 250."""
    import datetime

    from desktop.clock import local_today
    from desktop.operations import people
    from desktop.store.connection import db
    from desktop.ui.views.today import PAGE_ROWS, MoreRole

    person = people.save_person(None, {"first_name": "Priya", "last_name": "Raman"}).created
    day = (local_today() - datetime.timedelta(days=1)).isoformat()
    db.execute_sql("INSERT INTO step (created_at, updated_at, kind, person_id, due_on, status) "
                   "VALUES " + ", ".join([f"('{day}', '{day}', 'check_in', {person}, '{day}', "
                                          "'planned')"] * 250))
    today = window.today
    today.reload()
    group = today.tree.topLevelItem(0)
    assert group.text(0) == "Due now (250)"
    assert group.childCount() == PAGE_ROWS + 1
    more = group.child(PAGE_ROWS)
    assert more.data(0, MoreRole) is True
    assert more.text(0) == f"Show {PAGE_ROWS} more ({250 - PAGE_ROWS} not shown)"
    assert window.due_count == 250 and "250 to send, 250 of them late" in today.summary.text()

    today.tree.setCurrentItem(more)
    qtbot.keyClick(today.tree, Qt.Key.Key_Return)
    assert group.childCount() == 2 * PAGE_ROWS + 1
    assert today.tree.currentItem() is group.child(PAGE_ROWS)  # where "Show more" was
    while (last := group.child(group.childCount() - 1)).data(0, MoreRole):
        today.tree.setCurrentItem(last)
        qtbot.keyClick(today.tree, Qt.Key.Key_Return)
    assert group.childCount() == 250
    assert all(group.child(i).data(0, StepIdRole) is not None for i in range(250))


def test_the_summary_counts_in_words_that_fit_the_number(sample_window):
    """The sample's two sent notes led to one reply and one conversation."""
    summary = sample_window.today.summary.text()
    assert "Follow-ups sent so far: 2 — they led to 1 reply, 1 conversation" in summary
