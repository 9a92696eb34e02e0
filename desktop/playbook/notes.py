"""A finished note, ready to leave Rebound: as HTML for the clipboard, or as a link
that opens it as a new e-mail in the mail app, Gmail or Outlook on the web.

Mail clients paste HTML paragraphs faithfully, where plain text can lose its
blank lines; ``mailto:`` links are cut off by some clients past a couple of
thousand characters, so longer notes are copied instead.
"""

import html
import re
from urllib.parse import quote, urlencode

from desktop.vocabulary import SendWith

#: Longest mailto: URL that Outlook and common browsers open reliably.
MAILTO_LIMIT = 2000
#: Longest web compose link: browsers take far more, Google's servers about this much.
WEB_LINK_LIMIT = 8000

#: The documented compose links of the web mail services: (address, field names for
#: the recipient, the subject and the body).
WEB_COMPOSE = {
    SendWith.GMAIL: ("https://mail.google.com/mail/?view=cm&fs=1&", ("to", "su", "body")),
    SendWith.OUTLOOK_WEB: ("https://outlook.office.com/mail/deeplink/compose?",
                           ("to", "subject", "body")),
    SendWith.OUTLOOK_COM: ("https://outlook.live.com/mail/0/deeplink/compose?",
                           ("to", "subject", "body")),
}


def to_html(body: str) -> str:
    """Paragraphs (separated by blank lines) as <p>, single line breaks as <br>."""
    paragraphs = [p for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]
    parts = []
    for paragraph in paragraphs:
        lines = [html.escape(line.rstrip()) for line in paragraph.strip("\n").split("\n")]
        parts.append("<p>" + "<br>".join(lines) + "</p>")
    return "\n".join(parts)


def mailto_url(address: str, subject: str, body: str) -> str | None:
    """A mailto: link with the note, or None when it would be too long to open reliably."""
    crlf_body = body.replace("\r\n", "\n").replace("\n", "\r\n")  # RFC 6068 line breaks
    query = f"subject={quote(subject, safe='')}&body={quote(crlf_body, safe='')}"
    url = f"mailto:{quote(address, safe='@')}?{query}"
    return url if len(url) <= MAILTO_LIMIT else None


def compose_url(send_with: SendWith, address: str, subject: str, body: str) -> str | None:
    """The link that opens the note as a new e-mail where the user writes (``mailto:``
    for their mail app), or None when it would be too long to open reliably."""
    if send_with is SendWith.MAIL_APP:
        return mailto_url(address, subject, body)
    start, (to, subject_field, body_field) = WEB_COMPOSE[send_with]
    fields = {to: address, subject_field: subject, body_field: body} if address else {
        subject_field: subject, body_field: body}
    url = start + urlencode(fields, quote_via=quote)
    return url if len(url) <= WEB_LINK_LIMIT else None
