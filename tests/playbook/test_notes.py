"""Notes leaving Rebound: HTML for the clipboard and mailto: links."""

from urllib.parse import parse_qs, urlsplit

from desktop.playbook.notes import MAILTO_LIMIT, mailto_url, to_html


def test_paragraphs_and_line_breaks_survive_as_html():
    body = "Hi Priya,\n\nThank you <for> everything & more.\n\nBest,\nSam"
    assert to_html(body) == (
        "<p>Hi Priya,</p>\n<p>Thank you &lt;for&gt; everything &amp; more.</p>\n"
        "<p>Best,<br>Sam</p>"
    )


def test_mailto_carries_address_subject_and_body_with_crlf():
    url = mailto_url("priya@example.com", "Thank you \u2013 interview", "Hi Priya,\n\nThanks & bye")
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert parts.path == "priya@example.com"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Thank you \u2013 interview"]
    assert query["body"] == ["Hi Priya,\r\n\r\nThanks & bye"]


def test_a_note_too_long_for_a_link_gives_none():
    assert mailto_url("a@example.com", "s", "x" * MAILTO_LIMIT) is None
