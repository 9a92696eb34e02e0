"""CSV exports of LinkedIn, Google and Outlook, and any CSV through a column mapping:
what ends up stored, field by field."""

import pytest

from desktop.exchange.import_contacts import ImportRefused, import_contacts
from desktop.exchange.importers.mapping import check_mapping, propose_mapping, split_full_name
from desktop.store.companies import save_company
from desktop.store.models import Company, Person

pytestmark = pytest.mark.usefixtures("store")


def person(**fields) -> dict:
    base = dict.fromkeys(("first_name", "last_name", "email", "phone", "company", "title",
                          "linkedin_url", "how_met", "notes"), "")
    return {**base, **fields}


def test_linkedin_with_bom_and_preamble(contacts_file, stored_people):
    result = import_contacts(contacts_file("linkedin_connections.csv"))

    assert (result.imported, result.updated, result.skipped) == (4, 0, 0)
    # The header is line 4 (after "Notes:", its paragraph and a blank line); the
    # member who hides name and e-mail is on line 7.
    assert result.rejected == [(7, "There is no name and no e-mail address.")]
    assert stored_people() == [
        person(first_name="Priya", last_name="Sharma", company="Northwind Health",
               title="Engineering Manager",
               linkedin_url="https://www.linkedin.com/in/priya-sharma-4b1a2c",
               how_met="LinkedIn connection since 15 Mar 2024"),
        person(first_name="Tomás", last_name="Núñez", email="tomas.nunez@brightloop.example",
               company="Brightloop, Inc.", title="Senior Technical Recruiter",
               linkedin_url="https://www.linkedin.com/in/tomasnunez",
               how_met="LinkedIn connection since 02 Jan 2023"),
        person(email="ghost.writer@example.org", company="Quiet Co", title="Writer",
               how_met="LinkedIn connection since 09 Sep 2021"),
        person(first_name="Aiko", last_name="Tanaka", company="Northwind Health",
               title="Staff Engineer, Platform",
               linkedin_url="https://www.linkedin.com/in/aiko-tanaka",
               how_met="LinkedIn connection since 21 Nov 2024"),
    ]


def test_linkedin_companies_are_created_once(contacts_file):
    import_contacts(contacts_file("linkedin_connections.csv"))

    names = sorted(c.name for c in Company.select())
    assert names == ["Brightloop, Inc.", "Northwind Health", "Quiet Co"]


def test_linkedin_reuses_an_existing_company_in_any_case(contacts_file):
    existing = save_company(None, {"name": "NORTHWIND HEALTH"})
    import_contacts(contacts_file("linkedin_connections.csv"))

    assert Company.select().where(Company.name.contains("northwind")).count() == 1
    assert Person.select().where(Person.company == existing.id).count() == 2


def test_linkedin_without_url_column(contacts_file, stored_people):
    result = import_contacts(contacts_file("linkedin_no_url.csv"))

    assert (result.imported, result.rejected) == (2, [])
    assert stored_people() == [
        person(first_name="Lars", last_name="Eriksson", email="lars.eriksson@fjordtech.example",
               company="Fjordtech", title="CTO",
               how_met="LinkedIn connection since 03 Feb 2020"),
        person(first_name="Mei", last_name="Chen", company="Cedar Labs",
               title="Product Designer", how_met="LinkedIn connection since 17 Jul 2019"),
    ]


def test_google_current_layout(contacts_file, stored_people):
    result = import_contacts(contacts_file("google_current.csv"))

    assert (result.imported, result.rejected) == (2, [])
    assert stored_people() == [
        person(first_name="Grace Ann", last_name="Okafor",
               email="grace.okafor@cloudberry.example", phone="+234 803 555 0101",
               company="Cloudberry", title="Head of People",
               linkedin_url="https://www.linkedin.com/in/graceokafor",
               notes="Met at the Lagos tech meetup.\nFollow up in spring.\n"
                     "Other e-mail addresses: grace@home.example"),
        person(first_name="Kenji", last_name="Sato", email="kenji.sato@mail.example"),
    ]


def test_google_legacy_layout(contacts_file, stored_people):
    result = import_contacts(contacts_file("google_legacy.csv"))

    assert (result.imported, result.rejected) == (2, [])
    assert stored_people() == [
        person(first_name="Olivia", last_name="Brown", email="olivia.brown@evergreen.example",
               phone="+44 20 7946 0018", company="Evergreen Analytics",
               title="Data Science Lead", notes="Referred me to the data team."),
        # Only "Name" filled: split, with "van der" kept in the last name.
        person(first_name="Marco", last_name="van der Berg", email="marco@vdberg.example"),
    ]


def test_outlook_utf16_with_bom(contacts_file, stored_people):
    result = import_contacts(contacts_file("outlook_utf16.csv"))

    assert (result.imported, result.rejected) == (2, [])
    assert stored_people() == [
        # "Title" (Dr.) is the courtesy title, not the job; the mobile phone wins.
        person(first_name="Jürgen", last_name="Müller", email="juergen.mueller@contoso.example",
               phone="+49 170 5550123", company="Contoso Süd GmbH", title="Head of Engineering",
               linkedin_url="https://www.linkedin.com/in/juergen-mueller",
               notes="Interviewed me for the platform role.\nVery kind feedback."),
        # An Exchange address is no e-mail address: kept in the notes, not lost.
        person(first_name="Søren", last_name="Nielsen", phone="+45 33 55 01 02",
               company="Fabrikam", title="Recruiter",
               notes="E-mail in the imported file: /o=ExchangeLabs/ou=Exchange Administrative "
                     "Group/cn=Recipients/cn=soren"),
    ]


def test_cp1252_semicolon_csv_with_fuzzy_headers(contacts_file, stored_people):
    result = import_contacts(contacts_file("european_cp1252.csv"))

    assert (result.imported, result.rejected) == (2, [])
    assert stored_people() == [
        person(first_name="José", last_name="Gómez", email="jose.gomez@ejemplo.example",
               company="Compañía Ñandú", title="Jefe de Producto", notes="Café à 10h"),
        person(first_name="Zoë", last_name="Weiß", email="zoe.weiss@beispiel.example",
               company="Bäckerei Müller", title="Geschäftsführerin",
               notes="Sprach über Öko-Themen"),
    ]


ODD_MAPPING = {"full_name": "Who", "email": "Reach them at", "company": "Employer org",
               "title": "Function", "notes": "Remarks"}


def test_odd_headers_are_refused_without_a_mapping(contacts_file, db_state):
    before = db_state()
    with pytest.raises(ImportRefused, match="does not look like a contacts file"):
        import_contacts(contacts_file("odd_headers.csv"))
    assert db_state() == before


def test_odd_headers_import_with_an_explicit_mapping(contacts_file, stored_people):
    result = import_contacts(contacts_file("odd_headers.csv"), "csv", mapping=ODD_MAPPING)

    assert (result.imported, result.rejected) == (2, [])
    assert stored_people() == [
        person(first_name="Ana", last_name="Pereira", email="ana.pereira@lisboa.example",
               company="Copperline", title="QA Engineer", notes='Said "call me any time".'),
        person(first_name="Hiroshi", last_name="Nakamura", email="hiroshi@tokyo.example",
               company="Deepfern", title="Staff SRE"),
    ]


def test_a_mapping_overrides_a_known_format(contacts_file, stored_people):
    mapping = {"first_name": "First Name", "last_name": "Last Name", "notes": "Position"}
    import_contacts(contacts_file("linkedin_no_url.csv"), mapping=mapping)

    assert stored_people()[0] == person(first_name="Lars", last_name="Eriksson", notes="CTO")


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"full_name": "Who", "nickname": "Who"}, "not a field"),
        ({"full_name": "Who", "email": "No such column"}, "no column called"),
        ({"company": "Employer org"}, "name or the e-mail"),
    ],
)
def test_a_wrong_mapping_is_refused(contacts_file, db_state, mapping, message):
    before = db_state()
    with pytest.raises(ImportRefused, match=message):
        import_contacts(contacts_file("odd_headers.csv"), "csv", mapping=mapping)
    assert db_state() == before


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["Full name", "E-mail address", "Organisation"],
         {"full_name": "Full name", "email": "E-mail address", "company": "Organisation"}),
        (["Name", "Mail", "Company"], {"full_name": "Name", "email": "Mail", "company": "Company"}),
        (["First Name", "Last Name", "E-mail 1 - Type", "E-mail 1 - Value", "Mobile"],
         {"first_name": "First Name", "last_name": "Last Name", "email": "E-mail 1 - Value",
          "phone": "Mobile"}),
        (["Prénom", "Nom", "Courriel", "Entreprise"],
         {"first_name": "Prénom", "last_name": "Nom", "email": "Courriel",
          "company": "Entreprise"}),
        (["Contact Name", "Work Email", "LinkedIn Profile URL", "Job title", "Last contacted"],
         {"full_name": "Contact Name", "email": "Work Email",
          "linkedin_url": "LinkedIn Profile URL", "title": "Job title"}),
        (["Date", "Amount"], {}),
    ],
)
def test_propose_mapping(header, expected):
    assert propose_mapping(header) == expected


def test_check_mapping_drops_blank_entries():
    header = ["Who", "Mail"]
    assert check_mapping(header, {"full_name": "Who", "email": "", "notes": None}) == {
        "full_name": "Who"
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Jane Doe", ("Jane", "Doe")),
        ("Jane Q. Public", ("Jane Q.", "Public")),
        ("Doe, Jane", ("Jane", "Doe")),
        ("Ludwig van Beethoven", ("Ludwig", "van Beethoven")),
        ("Cher", ("Cher", "")),
        ("  ", ("", "")),
    ],
)
def test_split_full_name(name, expected):
    assert split_full_name(name) == expected
