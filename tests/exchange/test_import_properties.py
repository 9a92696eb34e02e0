"""Whatever the file holds, an import ends in a result or a refusal, never a crash, and
never half-written: after a refusal or a cancel the people are exactly as before,
after a result there are exactly ``imported`` more."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.exchange import formats
from desktop.exchange.import_contacts import (
    ImportCancelled,
    ImportRefused,
    ImportResult,
    import_contacts,
)
from desktop.store.connection import db

CONTACTS = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"

pytestmark = pytest.mark.usefixtures("store")

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    database=None,  # no .hypothesis folder in the work tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FORMATS = ("auto", *(f for f in formats.IMPORT_FORMATS if f != "json"))
POLICIES = ("skip", "update", "new")
FIXTURES = sorted(path.name for path in CONTACTS.iterdir())


def people_count() -> int:
    return db.execute_sql("SELECT count(*) FROM person").fetchone()[0]


def check_import(path, data: bytes, file_format: str, policy: str, cancelled=None) -> None:
    """The property itself, for one file."""
    path.write_bytes(data)
    before = people_count()
    try:
        result = import_contacts(path, file_format, policy, cancelled=cancelled)
    except (ImportRefused, ImportCancelled):
        assert people_count() == before
        return
    assert isinstance(result, ImportResult)
    assert people_count() == before + result.imported
    physical_lines = data.count(b"\n") + data.count(b"\r") + 1
    assert all(1 <= line <= physical_lines for line, _ in result.rejected)
    assert all(reason for _, reason in result.rejected)


@st.composite
def mutated_fixture(draw) -> bytes:
    """A real export with a few bytes deleted, inserted, replaced or repeated, or cut short."""
    data = bytearray((CONTACTS / draw(st.sampled_from(FIXTURES))).read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data)))
        size = draw(st.integers(1, 40))
        match draw(st.sampled_from(("delete", "insert", "replace", "repeat", "truncate"))):
            case "delete":
                del data[where : where + size]
            case "insert":
                data[where:where] = draw(st.binary(min_size=1, max_size=size))
            case "replace":
                data[where : where + 1] = bytes([draw(st.integers(0, 255))])
            case "repeat":
                data[where:where] = data[where : where + size]
            case "truncate":
                del data[where:]
    return bytes(data)


# Characters that matter to CSV and vCard parsers, mixed with anything at all.
_SYNTAX = st.sampled_from([",", ";", '"', "\n", "\r", "\t", ":", "=", "\x00", "\\", "@",
                           "BEGIN:VCARD\n", "END:VCARD\n", "First Name,Last Name,Email\n",
                           "=C3=A9", "ENCODING=QUOTED-PRINTABLE:", "\ufeff", "é", "\u2028"])
_CSVISH = st.lists(st.one_of(_SYNTAX, st.text(max_size=12)), max_size=60).map("".join)


@PROPERTY
@given(data=st.binary(max_size=3000), file_format=st.sampled_from(FORMATS),
       policy=st.sampled_from(POLICIES))
def test_random_bytes(tmp_path, data, file_format, policy):
    check_import(tmp_path / "random.csv", data, file_format, policy)


@PROPERTY
@given(data=mutated_fixture(), file_format=st.sampled_from(FORMATS),
       policy=st.sampled_from(POLICIES))
def test_mutated_real_files(tmp_path, data, file_format, policy):
    check_import(tmp_path / "mutated.txt", data, file_format, policy)


@PROPERTY
@given(text=_CSVISH, encoding=st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "cp1252")),
       file_format=st.sampled_from(FORMATS))
def test_text_made_of_syntax(tmp_path, text, encoding, file_format):
    data = text.encode(encoding, errors="replace")
    check_import(tmp_path / "syntax.csv", data, file_format, "update")


@PROPERTY
@given(data=mutated_fixture(), calls=st.integers(0, 3))
def test_cancel_at_any_point(tmp_path, data, calls):
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > calls

    check_import(tmp_path / "cancel.txt", data, "auto", "update", cancelled)
