"""A note leaving for the mail: the compose links of the web mail services, the
``.eml`` draft read back by a mail parser, and the system opener's verdict read
truthfully, with real programs standing in for ``xdg-open`` and ``open``."""

import email
import email.policy
import os
import sys
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from desktop import launcher
from desktop.exchange.mail_draft import draft_file_name, draft_message, write_draft
from desktop.playbook.notes import WEB_LINK_LIMIT, compose_url
from desktop.vocabulary import SendWith
from tests.fake_opener import install

#: A subject with a dash that is not ASCII, as people write them.
SUBJECT = "Thank you \u2013 Priya"
NOTE = "Hi Priya,\n\nThank you for the time — and the honest answer.\n\nSam Rivera"


@pytest.mark.parametrize(("send_with", "host", "fields"), [
    (SendWith.GMAIL, "mail.google.com", ("to", "su", "body")),
    (SendWith.OUTLOOK_WEB, "outlook.office.com", ("to", "subject", "body")),
    (SendWith.OUTLOOK_COM, "outlook.live.com", ("to", "subject", "body")),
])
def test_web_compose_links_carry_the_note(send_with, host, fields):
    url = compose_url(send_with, "priya@northwind.example", SUBJECT, NOTE)
    parts = urlsplit(url)
    assert (parts.scheme, parts.hostname) == ("https", host)
    query = parse_qs(parts.query)
    to, subject, body = fields
    assert query[to] == ["priya@northwind.example"]
    assert query[subject] == [SUBJECT]
    assert query[body] == [NOTE]  # line breaks and the dash survive
    if send_with is SendWith.GMAIL:
        assert query["view"] == ["cm"]


def test_a_web_link_without_an_address_leaves_the_recipient_empty_and_a_long_one_is_refused():
    url = compose_url(SendWith.GMAIL, "", "Hello", NOTE)
    assert "to" not in parse_qs(urlsplit(url).query)
    assert compose_url(SendWith.GMAIL, "a@b.example", "Long", "word " * WEB_LINK_LIMIT) is None
    assert compose_url(SendWith.MAIL_APP, "a@b.example", "Hi", NOTE).startswith("mailto:")


def test_the_eml_draft_opens_in_a_mail_parser_as_an_unsent_message_with_both_parts(tmp_path):
    path = write_draft(tmp_path / draft_file_name("Thank you: Priya / Northwind?"),
                       draft_message("priya@northwind.example", "Priya Raman",
                                     "sam@example.com", "Sam Rivera", SUBJECT, NOTE))
    assert path.name == "Thank you Priya Northwind.eml"
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == SUBJECT
    assert message["To"].addresses[0].addr_spec == "priya@northwind.example"
    assert message["To"].addresses[0].display_name == "Priya Raman"
    assert message["From"].addresses[0].display_name == "Sam Rivera"
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain.get_content().replace("\r\n", "\n").strip() == NOTE
    assert "<p>Hi Priya,</p>" in html.get_content()
    assert "honest answer" in html.get_content()


def test_a_draft_name_is_never_empty_nor_unsafe():
    assert draft_file_name("") == "Note.eml"
    assert draft_file_name("...") == "Note.eml"
    assert draft_file_name("a" * 200) == "a" * 60 + ".eml"


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for the opener")
class TestTheOpenersVerdict:
    def test_opened(self, tmp_path, monkeypatch):
        opener = install(monkeypatch, tmp_path / "bin")
        assert launcher.open_external("mailto:a@b.example") == launcher.Launch(True)
        assert opener.opened == ["mailto:a@b.example"]

    def test_nothing_to_open_it_with_is_said_in_the_systems_words(self, tmp_path, monkeypatch):
        opener = install(monkeypatch, tmp_path / "bin")
        opener.answer("fail")
        launch = launcher.open_external("mailto:a@b.example?subject=" + "x" * 500)
        assert not launch.opened
        assert launch.problem == "xdg-open: no method available for opening 'the link'"

    def test_an_opener_still_running_its_program_counts_as_opened(self, tmp_path, monkeypatch):
        opener = install(monkeypatch, tmp_path / "bin")
        opener.answer("linger")
        monkeypatch.setattr(launcher, "LAUNCH_WAIT_S", 0.3)
        started = time.monotonic()
        assert launcher.open_external("https://mail.google.com/").opened
        assert time.monotonic() - started < 5  # it did not wait for the program to end

    def test_no_opener_installed(self, tmp_path, monkeypatch):
        monkeypatch.setenv("PATH", str(tmp_path))
        launch = launcher.open_external("mailto:a@b.example")
        assert not launch.opened
        assert launch.problem.startswith("xdg-open is not installed")

    def test_macos_asks_open(self, tmp_path, monkeypatch):
        opener = install(monkeypatch, tmp_path / "bin", name="open")
        opener.answer("fail")
        monkeypatch.setattr(sys, "platform", "darwin")
        assert launcher.open_external("/tmp/Note.eml") == launcher.Launch(
            False, "open: no method available for opening 'Note.eml'")
        assert opener.opened == ["/tmp/Note.eml"]


def test_windows_reads_startfiles_refusal(monkeypatch):
    def no_association(target):
        raise OSError(1155, "No application is associated with the specified file")

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "startfile", no_association, raising=False)
    assert launcher.open_external("mailto:a@b.example") == launcher.Launch(
        False, "No application is associated with the specified file")
    monkeypatch.setattr(os, "startfile", lambda target: None, raising=False)
    assert launcher.open_external("mailto:a@b.example").opened
