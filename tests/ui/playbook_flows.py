"""A rejected application with its plan, and reading Today's rows: shared by the
tests of the playbook in the window."""

import datetime

import pytest

from desktop.clock import local_today
from desktop.playbook.settings import Profile, load_playbook_settings, save_settings
from desktop.store import applications, people
from desktop.ui.views.today import STEP, StepIdRole


def open_application(window, application_id: int):
    """The Applications view, read again, with ``application_id`` selected."""
    window.show_view(3)
    view = window.current_view()
    view.reload()
    view.select_id(application_id)
    return view


@pytest.fixture
def rejected(window, qtbot):
    """An interviewing application with a hiring manager and a recruiter, then marked
    Rejected two days ago through the Applications form."""
    save_settings(Profile(name="Sam Rivera", email="sam@example.com"),
                  load_playbook_settings())
    app = applications.save_application(None, {"company": "Northwind", "position": "Analyst",
                                               "stage": "interviewing"})
    priya = people.save_person(None, {"first_name": "Priya", "last_name": "Raman",
                                      "email": "priya@northwind.example", "company": "Northwind"})
    tom = people.save_person(None, {"first_name": "Tom", "last_name": "Becker",
                                    "email": "tom@northwind.example", "company": "Northwind"})
    applications.link_person(app.id, priya.id, "hiring_manager")
    applications.link_person(app.id, tom.id, "recruiter")
    form = open_application(window, app.id).form
    form.editor("stage").set_value("rejected")
    form.editor("rejected_on").set_value(local_today() - datetime.timedelta(days=2))
    form.editor("rejection_reason").set_value("We went with someone with more clinical data.")
    form._on_edited()
    assert form.save()
    qtbot.waitUntil(lambda: "Planned" in window.statusBar().currentMessage())
    return {"application": app.id, "priya": priya.id, "tom": tom.id}


def today_rows(window):
    tree = window.today.tree
    rows = []
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        for c in range(group.childCount()):
            item = group.child(c)
            if item.data(0, StepIdRole) is not None:
                rows.append((group.text(0), item.text(0), item.text(STEP), item.text(2),
                             item.data(0, StepIdRole)))
    return rows


def select_step(today_view, step_id: int) -> None:
    tree = today_view.tree
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        for c in range(group.childCount()):
            if group.child(c).data(0, StepIdRole) == step_id:
                tree.setCurrentItem(group.child(c))
                return
    raise AssertionError(f"step {step_id} is not in Today")


def finding_texts(composer) -> list[str]:
    findings = composer.tone_panel.findings
    return [findings.item(i).text() for i in range(findings.count())]


def step_for(window, who: str, kind_label: str) -> int:
    window.show_view(0)
    return next(r[4] for r in today_rows(window) if r[3] == who and r[2] == kind_label)
