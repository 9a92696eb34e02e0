"""A note saved as an e-mail draft: an ``.eml`` file a mail app opens ready to send.

The message carries the note twice, as plain text and as HTML (the paragraphs the
clipboard would carry), in ``multipart/alternative``, so it keeps its formatting
where the mail app shows HTML. ``X-Unsent: 1`` asks Outlook to open it as a draft
with a Send button rather than as a received message; Apple Mail and Thunderbird
open such a file as a message to edit and send as well. Written atomically, like
every export.
"""

import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from pathlib import Path

from desktop.exchange.exporters.atomic import atomic_write
from desktop.playbook.notes import to_html

#: Longest file name made from a subject, before ``.eml``.
NAME_CHARS = 60


def draft_message(to: str, to_name: str, sender: str, sender_name: str, subject: str,
                  body: str) -> EmailMessage:
    """The note as an unsent message: headers, a plain part and an HTML part."""
    message = EmailMessage(policy=SMTP)
    message["X-Unsent"] = "1"
    message["Subject"] = subject
    if to:
        message["To"] = Address(display_name=to_name, addr_spec=to)
    if sender:
        message["From"] = Address(display_name=sender_name, addr_spec=sender)
    message["Date"] = formatdate(localtime=True)
    message.set_content(body)
    message.add_alternative(f"<!DOCTYPE html>\n<html><body>\n{to_html(body)}\n</body></html>\n",
                            subtype="html")
    return message


def draft_file_name(subject: str, fallback: str = "Note") -> str:
    """A file name from the subject that every system accepts: "Thank you, Priya.eml"."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", subject)
    name = re.sub(r"\s+", " ", name).strip(" .")[:NAME_CHARS].strip(" .")
    return f"{name or fallback}.eml"


def write_draft(path: Path, message: EmailMessage) -> Path:
    """Write ``message`` to ``path`` (whole, or not at all); returns the path."""
    with atomic_write(path, binary=True) as handle:
        handle.write(message.as_bytes())
    return Path(path)
