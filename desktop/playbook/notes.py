"""A finished note, ready to leave Rebound: as HTML for the clipboard, or as a mailto: link.

Mail clients paste HTML paragraphs faithfully, where plain text can lose its
blank lines; ``mailto:`` links are cut off by some clients past a couple of
thousand characters, so longer notes are copied instead.
"""

import html
import re
from urllib.parse import quote

#: Longest mailto: URL that Outlook and common browsers open reliably.
MAILTO_LIMIT = 2000


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
