"""CSV exports: what Excel and LibreOffice need (BOM, CRLF, quoting), and no formulas."""

import csv
import datetime

import pytest

from desktop.clock import to_local
from desktop.devdata.sample import load_sample_data
from desktop.exchange.exporters.csv_files import (
    APPLICATION_COLUMNS,
    COMPANY_COLUMNS,
    PEOPLE_COLUMNS,
    export_applications_csv,
    export_companies_csv,
    export_people_csv,
    neutralise,
    unneutralise,
)
from desktop.store.models import Person
from desktop.store.people import save_person


@pytest.fixture
def sample(store):
    load_sample_data()
    return store


def read_rows(path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def by_first_name(rows) -> dict[str, dict]:
    return {row["First name"]: row for row in rows}


def test_people_csv_has_bom_crlf_human_headers_and_values(sample, tmp_path):
    path = tmp_path / "people.csv"
    assert export_people_csv(path) == 6
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfFirst name,Last name,Company,")
    assert raw.count(b"\r\n") == 7 and raw.count(b"\n") == 7
    with path.open(encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle)) == list(PEOPLE_COLUMNS)
    priya = by_first_name(read_rows(path))["Priya"]
    assert priya["Last name"] == "Raman"
    assert priya["Company"] == "Northwind Health"
    assert priya["Role"] == "Hiring manager"
    assert priya["E-mail"] == "priya.raman@northwind-health.example"
    assert priya["How we met"] == "Led my second and final interview"
    stored = Person.get(Person.first_name == "Priya").last_contact_at
    assert priya["Last contact"] == to_local(stored).strftime("%Y-%m-%d %H:%M")
    assert datetime.datetime.fromisoformat(priya["Last contact"])


def test_people_without_company_role_or_contact_have_empty_cells(store, tmp_path):
    save_person(None, {"email": "solo@example.com"})
    path = tmp_path / "people.csv"
    export_people_csv(path)
    (row,) = read_rows(path)
    assert row["E-mail"] == "solo@example.com"
    assert row["Company"] == row["Role"] == row["Last contact"] == ""


def test_multiline_notes_with_commas_and_quotes_stay_in_one_cell(store, tmp_path):
    notes = 'Said "call me", then: rates; dates\nSecond line, with comma\r\nThird — ünïcödé'
    save_person(None, {"first_name": "Zoë", "last_name": "Ñúñez", "notes": notes})
    path = tmp_path / "people.csv"
    export_people_csv(path)
    (row,) = read_rows(path)
    assert row["First name"] == "Zoë" and row["Last name"] == "Ñúñez"
    assert row["Notes"] == notes
    assert b'"Said ""call me"", then' in path.read_bytes()


@pytest.mark.parametrize("dangerous", [
    '=HYPERLINK("http://x","y")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
])
def test_formula_cells_are_exported_as_text(store, tmp_path, dangerous):
    # Stored directly: the forms strip surrounding whitespace, but an import need not.
    Person.create(first_name=dangerous, last_name="Smith", notes=dangerous,
                  title=dangerous)
    path = tmp_path / "people.csv"
    export_people_csv(path)
    (row,) = read_rows(path)
    for column in ("First name", "Title", "Notes"):
        assert row[column] == "'" + dangerous
    assert row["Last name"] == "Smith"


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("Priya") == "Priya"
    assert neutralise("a=b") == "a=b"
    assert neutralise("") == ""
    assert neutralise("=1") == "'=1"


@pytest.mark.parametrize("value", ["=1", "+44 1", "-", "@x", "'=1", "''+1", "'Tis", "'", "a'=b"])
def test_unneutralise_takes_off_exactly_what_neutralise_added(value):
    assert unneutralise(neutralise(value)) == value


def test_companies_csv_counts_applications_and_people(sample, tmp_path):
    path = tmp_path / "companies.csv"
    assert export_companies_csv(path) == 4
    rows = read_rows(path)
    assert list(rows[0]) == list(COMPANY_COLUMNS)
    names = [row["Name"] for row in rows]
    assert names == sorted(names, key=str.lower)
    cobalt = next(row for row in rows if row["Name"] == "Cobalt Ledger")
    assert cobalt["Applications"] == "2" and cobalt["People"] == "1"
    assert cobalt["Website"] == "https://cobalt-ledger.example"
    assert cobalt["Industry"] == "Fintech" and cobalt["Location"] == "Dublin"


def test_applications_csv_has_stage_labels_iso_dates_and_people(sample, tmp_path):
    path = tmp_path / "applications.csv"
    assert export_applications_csv(path) == 5
    rows = read_rows(path)
    assert list(rows[0]) == list(APPLICATION_COLUMNS)
    analyst = next(row for row in rows if row["Position"] == "Product Analyst")
    assert analyst["Company"] == "Northwind Health"
    assert analyst["Stage"] == "Rejected"
    for column in ("Applied on", "Interviewed on", "Rejected on"):
        datetime.date.fromisoformat(analyst[column])
    assert analyst["People involved"] == (
        "Aisha Okafor (Interviewer); Priya Raman (Hiring manager); Tom Becker (Recruiter)")
    assert analyst["Skill gaps"] == "SQL window functions; clinical data standards such as FHIR."
    withdrawn = next(row for row in rows if row["Position"] == "BI Developer")
    assert withdrawn["Stage"] == "Withdrawn"
    assert withdrawn["Rejected on"] == "" and withdrawn["People involved"] == ""


def test_an_empty_database_gives_just_the_header(store, tmp_path):
    path = tmp_path / "people.csv"
    assert export_people_csv(path) == 0
    assert path.read_bytes() == "\ufeff".encode() + ",".join(PEOPLE_COLUMNS).encode() + b"\r\n"
