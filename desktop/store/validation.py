"""Checks on what the user typed, with messages that name the field and say why."""

import re

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


class ValidationError(ValueError):
    """Input the store will not save, naming the field so the form can point at it."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def clean_text(value) -> str:
    """Text as stored: never None, without surrounding whitespace."""
    return "" if value is None else str(value).strip()


def check_email(value: str, field: str = "email") -> str:
    value = clean_text(value)
    if value and not _EMAIL.match(value):
        raise ValidationError(field, f"“{value}” does not look like an e-mail address.")
    return value


def check_url(value: str, field: str) -> str:
    """A web address, adding https:// when the user typed a bare host."""
    value = clean_text(value)
    if not value:
        return value
    if "://" not in value:
        value = "https://" + value
    if not _URL.match(value):
        raise ValidationError(field, f"“{value}” does not look like a web address.")
    return value


def require(value, field: str, what: str) -> str:
    value = clean_text(value)
    if not value:
        raise ValidationError(field, f"{what} cannot be empty.")
    return value
