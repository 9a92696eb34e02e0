"""The composer's ways out, judged by what the user is told: a mail link handed to
the system's opener (a real program standing in for ``xdg-open``), the message when
nothing opened, Gmail and Outlook on the web, and the ``.eml`` draft."""

import email
import email.policy
import sys

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.playbook.settings import load_profile, save_profile
from tests.fake_opener import install
from tests.ui.playbook_flows import step_for

pytestmark = pytest.mark.skipif(sys.platform == "win32",
                                reason="a shell script stands in for the opener")


@pytest.fixture
def opener(tmp_path, monkeypatch):
    return install(monkeypatch, tmp_path / "bin")


@pytest.fixture
def priya_note(window, rejected, answer):
    answer(question=QMessageBox.StandardButton.Yes)  # send anyway, if the check asks
    composer = window.open_step(step_for(window, "Priya Raman", "Thank-you note"))
    yield composer
    composer.close()


def test_a_mail_link_that_opens_says_so_and_copies_the_note(priya_note, opener):
    priya_note.send_buttons.open_in_mail()
    (link,) = opener.opened
    assert link.startswith("mailto:priya@northwind.example?subject=")
    assert priya_note.status.text().startswith("Handed to your mail app as a new e-mail.")
    assert QGuiApplication.clipboard().text() == priya_note.body.toPlainText()


def test_when_nothing_opens_the_composer_says_nothing_opened(priya_note, opener):
    opener.answer("fail")
    priya_note.send_buttons.open_in_mail()
    status = priya_note.status.text()
    assert status.startswith("Nothing opened. No mail app is set up to open e-mail links")
    assert "no method available" in status
    assert "Opened" not in status and "Handed" not in status
    assert "Settings → Send notes with" in status
    assert QGuiApplication.clipboard().text() == priya_note.body.toPlainText()


def test_a_long_note_is_copied_instead_of_opened(priya_note, opener):
    priya_note.body.setPlainText("A long note. " * 400)
    priya_note.send_buttons.open_in_mail()
    assert opener.opened == []
    assert "too long for a mail link, so it was copied" in priya_note.status.text()
    assert QGuiApplication.clipboard().text().startswith("A long note.")


def test_with_gmail_chosen_the_note_opens_in_gmails_compose_page(window, priya_note, opener):
    profile = load_profile()
    profile.send_with = "gmail"
    save_profile(profile)
    from desktop.operations import Changes, Record
    from desktop.ui.shell.change_hub import hub

    hub().did_execute(Changes.of(Record.SETTINGS))
    assert priya_note.send_buttons.mail_button.text() == "Open in Gmail"
    priya_note.send_buttons.open_in_mail()
    (link,) = opener.opened
    assert link.startswith("https://mail.google.com/mail/?view=cm&fs=1&to=priya%40northwind")
    assert priya_note.status.text().startswith(
        "Opened Gmail's new e-mail page in your browser.")


def test_save_as_an_email_file_writes_an_unsent_draft_and_opens_it(priya_note, opener,
                                                                   tmp_path, monkeypatch):
    target = tmp_path / "drafts" / "Thank you"
    target.parent.mkdir()
    offered = []

    def choose(_parent, _title, suggested, _filter):
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    priya_note.send_buttons.save_as_eml()
    saved = target.with_suffix(".eml")
    assert offered[0].endswith(".eml")
    assert opener.opened == [str(saved)]
    assert priya_note.status.text().startswith("Saved as Thank you.eml and opened")
    message = email.message_from_bytes(saved.read_bytes(), policy=email.policy.default)
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].addr_spec == "priya@northwind.example"
    assert message["From"].addresses[0].display_name == "Sam Rivera"
    plain = message.get_body(preferencelist=("plain",)).get_content()
    assert plain.replace("\r\n", "\n").strip() == priya_note.body.toPlainText().strip()
    assert "<p>" in message.get_body(preferencelist=("html",)).get_content()

    opener.answer("fail")
    priya_note.send_buttons.save_as_eml()
    assert priya_note.status.text().startswith(f"Saved as {saved}. Nothing opened it")


def test_opening_a_persons_address_says_when_nothing_opened(window, opener, answer):
    from desktop.ui.widgets.fields import LinkLine

    line = LinkLine("", scheme="mailto")
    line.set_value("ada@example.com")
    line.open_link()
    assert opener.opened == ["mailto:ada@example.com"]
    opener.answer("fail")
    said = answer(information=None)
    line.open_link()
    ((kind, text),) = said
    assert kind == "information"
    assert text.startswith("Nothing on this computer opened ada@example.com (xdg-open:")


def test_an_email_file_that_cannot_be_written_says_so(priya_note, opener, tmp_path,
                                                      monkeypatch):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file where a folder should be")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a: (str(not_a_folder / "Note.eml"), "")))
    priya_note.send_buttons.save_as_eml()
    assert priya_note.status.text().startswith("The draft was not saved: Not a directory")
    assert opener.opened == []  # nothing was offered to the mail app
