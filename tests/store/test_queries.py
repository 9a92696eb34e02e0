"""The paged, sorted, filtered listings the tables show: people, companies, applications."""

import datetime

import pytest

from desktop.store import applications, companies, interactions, people
from desktop.store.connection import db, transaction
from desktop.store.listing import PAGE_SIZE
from desktop.store.models import Application, Person

pytestmark = pytest.mark.usefixtures("store")

ALL = 10**6  # a limit larger than any test table

_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def nocase(text: str | None):
    """SQLite's NOCASE: only ASCII letters fold; NULL sorts before everything."""
    return (0, "") if text is None else (1, text.translate(_ASCII_FOLD))


def nulls_first(value):
    return (0, "") if value is None else (1, value)


def ids(rows) -> list[int]:
    return [row.id for row in rows]


def names(rows) -> set[str]:
    return {" ".join(p for p in (row.first_name, row.last_name) if p) or row.email for row in rows}


def all_people(text: str = "", sort: str = "name", descending: bool = False):
    return people.person_rows(text, sort, descending, 0, ALL)


# --- Finding people: the filter box --------------------------------------------------


@pytest.fixture
def contacts():
    """A handful of people as a user would enter them."""
    with transaction():
        rows = [
            {"first_name": "Zoë", "last_name": "Ångström", "company": "Müller & Söhne",
             "title": "Head of Engineering", "email": "zoe.angstrom@mueller.example"},
            {"first_name": "Anna", "last_name": "Kowalska", "company": "Acme Corp",
             "title": "Technical Recruiter", "email": "anna.k@acme.example"},
            {"first_name": "Annabel", "last_name": "Lee", "title": "Engineering Manager"},
            {"first_name": "Joanna", "last_name": "Smith", "company": "Acme Corp",
             "email": "jsmith@acme.example"},
            {"email": "careers@initech.example"},
            {"first_name": "José", "last_name": "Núñez", "company": "Globex",
             "title": "Staff Engineer", "email": "jose@globex.example"},
        ]
        return {
            (row.get("first_name") or row["email"]): people.save_person(None, row).id
            for row in rows
        }


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", {"Zoë Ångström", "Anna Kowalska", "Annabel Lee", "Joanna Smith",
              "careers@initech.example", "José Núñez"}),
        # Words match from their start: "ann" is not found inside "Joanna".
        ("ann", {"Anna Kowalska", "Annabel Lee"}),
        ("ANN", {"Anna Kowalska", "Annabel Lee"}),
        # Several words must all match, in any column and any order.
        ("anna acme", {"Anna Kowalska"}),
        ("acme anna", {"Anna Kowalska"}),
        ("annabel acme", set()),
        ("engineering", {"Zoë Ångström", "Annabel Lee"}),
        ("engineer", {"Zoë Ångström", "Annabel Lee", "José Núñez"}),
        # Diacritics are optional when typing, and still work when typed.
        ("Zoe", {"Zoë Ångström"}),
        ("zoë", {"Zoë Ångström"}),
        ("angstrom", {"Zoë Ångström"}),
        ("jose nunez", {"José Núñez"}),
        # Parts of an e-mail address.
        ("careers", {"careers@initech.example"}),
        ("initech", {"careers@initech.example"}),
        ("jsmith", {"Joanna Smith"}),
        ("anna.k@acme", {"Anna Kowalska"}),
        # The company's name, with or without its umlaut.
        ("muller", {"Zoë Ångström"}),
        ("Müller Söhne", {"Zoë Ångström"}),
        ("acme", {"Anna Kowalska", "Joanna Smith"}),
        ("globex staff", {"José Núñez"}),
        ("nobody", set()),
    ],
)
def test_filter_finds_people_by_word_prefixes(contacts, typed, expected):
    found = all_people(typed)
    assert names(found) == expected
    assert people.count_people(typed) == len(expected)


def test_the_filter_matches_the_role_column_as_it_reads(contacts):
    """The Role column shows "Hiring manager" and "Recruiter": typing what it shows
    finds those people, alone or with another word, and still finds titles."""
    for who, role in (("Joanna", "recruiter"), ("careers@initech.example", "hiring_manager"),
                      ("José", "interviewer")):
        values = people.person_values(contacts[who])
        people.save_person(contacts[who], {**values, "hiring_role": role})
    # Anna is a recruiter by title only; Joanna by role only.
    assert names(all_people("recruiter")) == {"Anna Kowalska", "Joanna Smith"}
    assert people.count_people("recruiter") == 2
    assert names(all_people("hiring manager")) == {"careers@initech.example"}
    assert names(all_people("manager")) == {"careers@initech.example", "Annabel Lee"}
    assert names(all_people("recruiter acme")) == {"Anna Kowalska", "Joanna Smith"}
    assert names(all_people("interv")) == {"José Núñez"}
    assert names(all_people("recruiter globex")) == set()
    assert people.count_people("manager") == 2


@pytest.mark.parametrize("typed", ['"', "anna\"", "*", "anna OR", "NOT anna", "NEAR(a b)",
                                   "a-b", "(", "'; DROP TABLE person; --", "   ", "^", ":"])
def test_odd_filter_text_never_fails(contacts, typed):
    """Quotes and FTS operators typed into the box are just text, never a crash."""
    rows = all_people(typed)
    assert people.count_people(typed) == len(rows)
    assert Person.select().count() == len(contacts)


def test_punctuation_only_filter_shows_everyone(contacts):
    assert people.count_people('"') == len(contacts)


def test_renaming_a_company_updates_the_people_filter(contacts):
    acme = Person.get_by_id(contacts["Anna"]).company_id
    companies.save_company(acme, {"name": "Umbrella Ltd", "industry": "Pharma"})
    assert names(all_people("umbrella")) == {"Anna Kowalska", "Joanna Smith"}
    assert all_people("acme corp") == []
    # The e-mail still says acme, so the bare word still finds them by e-mail.
    assert names(all_people("acme")) == {"Anna Kowalska", "Joanna Smith"}


def test_moving_a_person_updates_the_filter(contacts):
    annabel = {"first_name": "Annabel", "last_name": "Lee"}
    people.save_person(contacts["Annabel"], {**annabel, "company": "Globex"})
    assert names(all_people("globex")) == {"Annabel Lee", "José Núñez"}
    people.save_person(contacts["Annabel"], {**annabel, "company": ""})
    assert names(all_people("globex")) == {"José Núñez"}


def test_deleted_company_no_longer_finds_its_former_people(contacts):
    zoe = contacts["Zoë"]
    assert names(all_people("söhne")) == {"Zoë Ångström"}
    companies.delete_company(Person.get_by_id(zoe).company_id)
    assert all_people("söhne") == []
    assert people.count_people("söhne") == 0
    assert names(all_people("zoe")) == {"Zoë Ångström"}


def test_deleted_person_is_no_longer_found(contacts):
    people.delete_person(contacts["Anna"])
    assert names(all_people("anna")) == {"Annabel Lee"}
    assert people.count_people("anna") == 1
    assert people.count_people() == len(contacts) - 1


def test_search_people_offers_matches_in_name_order(contacts):
    matches = people.search_people("ann")
    assert [(m.name, m.company) for m in matches] == [
        ("Anna Kowalska", "Acme Corp"),
        ("Annabel Lee", ""),
    ]
    assert len(people.search_people("", limit=3)) == 3


# --- Sorting the People table ----------------------------------------------------------


@pytest.fixture
def varied_people():
    """People whose columns tie, differ only in case, are empty or never contacted."""
    base = datetime.datetime(2024, 5, 1, 12, 0)
    specs = [
        ("Anna", "de Vries", "Acme Corp", "Recruiter", "recruiter", "anna@acme.example", 3),
        ("bert", "De Vries", "acme labs", "recruiter", "interviewer", "Bert@acme.example", None),
        ("Carl", "de vries", None, "", "", "carl@home.example", 3),
        ("Dana", "Zimmer", "Zeta GmbH", "CTO", "hiring_manager", "", 0),
        ("eve", "adams", "Beta BV", "cto", "hr", "eve@beta.example", None),
        ("Frank", "Adams", "Beta BV", "Engineer", "interviewer", "frank@beta.example", 10),
        ("Gül", "Özdemir", "Ärzte AG", "Ärztin", "other", "gul@aerzte.example", 1),
        ("Hana", "Oz", "Ærø Shipping", "Engineer", "", "", None),
        ("", "", None, "", "", "only@mail.example", 2),
        ("Ivan", "", "Zeta GmbH", "Engineer", "referrer", "ivan@zeta.example", 10),
        ("Ivan", "", "Zeta GmbH", "Engineer", "referrer", "ivan2@zeta.example", 10),
    ]
    with transaction():
        for first, last, company, title, role, email, days_ago in specs:
            person = people.save_person(None, {
                "first_name": first, "last_name": last, "company": company or "",
                "title": title, "hiring_role": role, "email": email,
            })
            if days_ago is not None:
                interactions.log_interaction(
                    person.id,
                    occurred_at=base - datetime.timedelta(days=days_ago, microseconds=days_ago),
                    summary="Follow-up",
                )
    return specs


def _expected_people_order(sort: str) -> list[int]:
    rows = all_people()
    keys = {
        "name": lambda r: (nocase(r.first_name), nocase(r.last_name)),
        "company": lambda r: (nocase(r.company),),
        "title": lambda r: (nocase(r.title),),
        "role": lambda r: (r.hiring_role,),
        "email": lambda r: (nocase(r.email),),
        "last_contact": lambda r: (nulls_first(r.last_contact_at),),
        "next_step": lambda r: (r.next_step or "~",),  # nothing planned sorts last
    }
    return [r.id for r in sorted(rows, key=lambda r: (*keys[sort](r), r.id))]


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", people.PEOPLE.sort_keys)
def test_people_sort_by_every_column(varied_people, sort, descending):
    expected = _expected_people_order(sort)
    if descending:
        expected.reverse()
    assert ids(people.person_rows("", sort, descending, 0, ALL)) == expected


def test_people_sort_by_name_is_case_insensitive_and_never_contacted_come_first(varied_people):
    by_name = [(r.first_name, r.last_name) for r in all_people(sort="name")]
    assert by_name[:4] == [("", ""), ("Anna", "de Vries"), ("bert", "De Vries"),
                           ("Carl", "de vries")]
    assert by_name[-3:] == [("Hana", "Oz"), ("Ivan", ""), ("Ivan", "")]
    by_contact = all_people(sort="last_contact")
    assert [r.last_contact_at for r in by_contact[:3]] == [None, None, None]
    assert by_contact[-1].first_name == "Dana"  # contacted most recently
    assert people.PEOPLE.rows is people.person_rows
    assert people.PEOPLE.count is people.count_people


def test_people_rows_carry_what_the_table_shows(varied_people):
    (dana,) = all_people("dana")
    assert (dana.first_name, dana.last_name, dana.company, dana.title, dana.hiring_role) == (
        "Dana", "Zimmer", "Zeta GmbH", "CTO", "hiring_manager"
    )
    assert dana.last_contact_at == datetime.datetime(2024, 5, 1, 12, 0)


# --- Paging: no overlap, no gaps -------------------------------------------------------


@pytest.fixture
def many_people(add_people):
    """450 people: a little over two pages, with heavy ties in most sort columns."""
    alphas = add_people(250, prefix="Alpha", company="Acme Corp", title="Engineer")
    betas = add_people(200, prefix="Beta", hiring_role="recruiter")
    with transaction():
        for n, person_id in enumerate(alphas[::3]):
            interactions.log_interaction(
                person_id, occurred_at=datetime.datetime(2024, 1, 1 + n % 28), summary="Ping"
            )
    return alphas, betas


def _pages(listing, text: str, sort: str, descending: bool) -> list[list[int]]:
    pages, offset = [], 0
    while True:
        page = ids(listing.rows(text, sort, descending, offset, PAGE_SIZE))
        if not page:
            return pages
        pages.append(page)
        offset += PAGE_SIZE


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", people.PEOPLE.sort_keys)
def test_people_pages_neither_overlap_nor_skip(many_people, sort, descending):
    alphas, betas = many_people
    pages = _pages(people.PEOPLE, "", sort, descending)
    assert [len(page) for page in pages] == [PAGE_SIZE, PAGE_SIZE, 450 - 2 * PAGE_SIZE]
    joined = [person_id for page in pages for person_id in page]
    assert len(set(joined)) == len(joined) == people.PEOPLE.count("") == 450
    assert set(joined) == set(alphas) | set(betas)
    assert joined == ids(people.person_rows("", sort, descending, 0, ALL))


@pytest.mark.parametrize("sort", ["name", "company", "last_contact"])
def test_filtered_people_pages_neither_overlap_nor_skip(many_people, sort):
    alphas, _ = many_people
    pages = _pages(people.PEOPLE, "alpha", sort, True)
    joined = [person_id for page in pages for person_id in page]
    assert [len(page) for page in pages] == [PAGE_SIZE, 250 - PAGE_SIZE]
    assert sorted(joined) == sorted(alphas)
    assert people.PEOPLE.count("alpha") == 250
    assert people.PEOPLE.count("alpha acme") == 250
    assert people.PEOPLE.count("beta acme") == 0
    assert people.PEOPLE.count("alpha0007") == 1


# --- Companies table -------------------------------------------------------------------


@pytest.fixture
def employers():
    """Companies with known numbers of applications and people."""
    made = {}
    with transaction():
        for name, industry, location, n_apps, n_people in [
            ("Acme Corp", "Software", "Austin, TX", 3, 1),
            ("acme labs", "Research", "Berlin", 0, 2),
            ("Beta BV", "Software", "Rotterdam", 1, 0),
            ("Zeta GmbH", "", "Berlin", 2, 2),
            ("Ærø Shipping", "Logistics", "", 0, 0),
            ("Cobalt", "Fintech", "Dublin", 1, 3),
        ]:
            company = companies.save_company(
                None, {"name": name, "industry": industry, "location": location}
            )
            for i in range(n_apps):
                applications.save_application(None, {"company": name, "position": f"Role {i}"})
            for i in range(n_people):
                people.save_person(None, {"first_name": f"P{i}", "company": name})
            made[name] = (company.id, n_apps, n_people)
    return made


def test_company_rows_count_applications_and_people(employers):
    rows = companies.company_rows("", "name", False, 0, ALL)
    assert {r.name: (r.id, r.applications, r.people) for r in rows} == employers
    assert companies.count_companies() == len(employers)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("acme", {"Acme Corp", "acme labs"}),
        ("ACME", {"Acme Corp", "acme labs"}),
        ("soft", {"Acme Corp", "Beta BV"}),  # industry, inside a word
        ("berlin", {"acme labs", "Zeta GmbH"}),  # location
        ("acme berlin", {"acme labs"}),  # all words, across columns
        ("austin tx", {"Acme Corp"}),
        ("Ærø", {"Ærø Shipping"}),
        ("shipping", {"Ærø Shipping"}),
        ("nothing here", set()),
        ("", {"Acme Corp", "acme labs", "Beta BV", "Zeta GmbH", "Ærø Shipping", "Cobalt"}),
    ],
)
def test_company_filter(employers, typed, expected):
    rows = companies.company_rows(typed, "name", False, 0, ALL)
    assert {r.name for r in rows} == expected
    assert companies.count_companies(typed) == len(expected)


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", companies.COMPANIES.sort_keys)
def test_companies_sort_by_every_column(employers, sort, descending):
    rows = companies.company_rows("", "name", False, 0, ALL)
    keys = {
        "name": lambda r: nocase(r.name),
        "industry": lambda r: nocase(r.industry),
        "location": lambda r: nocase(r.location),
        "applications": lambda r: r.applications,
        "people": lambda r: r.people,
    }
    expected = [r.id for r in sorted(rows, key=lambda r: (keys[sort](r), r.id))]
    if descending:
        expected.reverse()
    assert ids(companies.company_rows("", sort, descending, 0, ALL)) == expected


def test_company_pages_neither_overlap_nor_skip():
    with transaction():
        made = [companies.save_company(None, {"name": f"Company {i:03d}",
                                              "industry": ("Software", "Retail")[i % 2]}).id
                for i in range(450)]
    for sort in ("name", "industry", "applications"):
        pages = _pages(companies.COMPANIES, "", sort, False)
        joined = [company_id for page in pages for company_id in page]
        assert [len(page) for page in pages] == [PAGE_SIZE, PAGE_SIZE, 50]
        assert sorted(joined) == sorted(made)
    assert companies.COMPANIES.count("retail") == 225


# --- Applications table ----------------------------------------------------------------


@pytest.fixture
def job_hunt():
    with transaction():
        for company, position, source, stage, applied, rejected in [
            ("Acme Corp", "Backend Engineer", "LinkedIn", "rejected", (2024, 1, 5), (2024, 2, 1)),
            ("Acme Corp", "Staff Engineer", "Referral", "interviewing", (2024, 3, 1), None),
            ("Globex", "Data Analyst", "LinkedIn", "applied", None, None),
            ("globex research", "Backend Developer", "Company site", "offer", (2024, 3, 1), None),
            ("Initech", "QA Lead", "", "rejected", (2023, 12, 24), (2024, 1, 2)),
        ]:
            applications.save_application(None, {
                "company": company, "position": position, "source": source, "stage": stage,
                "applied_on": datetime.date(*applied) if applied else None,
                "rejected_on": datetime.date(*rejected) if rejected else None,
            })


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("backend", {"Backend Engineer", "Backend Developer"}),
        ("globex", {"Data Analyst", "Backend Developer"}),  # company name
        ("linkedin", {"Backend Engineer", "Data Analyst"}),  # source
        ("acme engineer", {"Backend Engineer", "Staff Engineer"}),
        ("backend globex", {"Backend Developer"}),
        # The Stage column, as it reads.
        ("interviewing", {"Staff Engineer"}),
        ("rejected", {"Backend Engineer", "QA Lead"}),
        ("final", set()),
        ("rejected acme", {"Backend Engineer"}),
        ("offer", {"Backend Developer"}),
        ("", {"Backend Engineer", "Staff Engineer", "Data Analyst", "Backend Developer",
              "QA Lead"}),
        ("zzz", set()),
    ],
)
def test_application_filter(job_hunt, typed, expected):
    rows = applications.application_rows(typed, "position", False, 0, ALL)
    assert {r.position for r in rows} == expected
    assert applications.count_applications(typed) == len(expected)


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", applications.APPLICATIONS.sort_keys)
def test_applications_sort_by_every_column(job_hunt, sort, descending):
    rows = applications.application_rows("", "position", False, 0, ALL)
    keys = {
        "company": lambda r: nocase(r.company),
        "position": lambda r: nocase(r.position),
        "stage": lambda r: r.stage,
        "applied_on": lambda r: nulls_first(r.applied_on),
        "rejected_on": lambda r: nulls_first(r.rejected_on),
        "updated_at": lambda r: r.updated_at,
        "next_step": lambda r: r.next_step or "~",
    }
    expected = [r.id for r in sorted(rows, key=lambda r: (keys[sort](r), r.id))]
    if descending:
        expected.reverse()
    assert ids(applications.application_rows("", sort, descending, 0, ALL)) == expected


def test_application_rows_show_company_stage_and_dates(job_hunt):
    (row,) = applications.application_rows("qa", "position", False, 0, ALL)
    assert (row.company, row.position, row.stage) == ("Initech", "QA Lead", "rejected")
    assert (row.applied_on, row.rejected_on) == (datetime.date(2023, 12, 24),
                                                 datetime.date(2024, 1, 2))


def test_editing_an_application_moves_it_to_the_top_of_recently_updated(job_hunt):
    oldest = applications.application_rows("", "updated_at", False, 0, 1)[0]
    applications.save_application(oldest.id, {"position": oldest.position, "notes": "Called"})
    newest = applications.application_rows("", "updated_at", True, 0, 1)[0]
    assert newest.id == oldest.id
    assert Application.get_by_id(oldest.id).notes == "Called"


def test_application_pages_neither_overlap_nor_skip():
    with transaction():
        made = [applications.save_application(None, {
            "company": f"Company {i % 7}", "position": "Engineer",
            "applied_on": datetime.date(2024, 1, 1 + i % 28) if i % 3 else None,
        }).id for i in range(450)]
    for sort in applications.APPLICATIONS.sort_keys:
        for descending in (False, True):
            pages = _pages(applications.APPLICATIONS, "", sort, descending)
            joined = [app_id for page in pages for app_id in page]
            assert [len(page) for page in pages] == [PAGE_SIZE, PAGE_SIZE, 50]
            assert sorted(joined) == sorted(made)
    assert applications.APPLICATIONS.count("company 3") == len(range(3, 450, 7))


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", ["name", "email", "last_contact"])
@pytest.mark.parametrize("typed", ["alpha", "a", "beta acme", "alpha0007"])
def test_walking_the_sort_index_gives_the_same_pages_as_sorting(
        many_people, monkeypatch, sort, descending, typed):
    """A dense filter reads people in index order instead of sorting every match: the
    pages must be the same either way."""
    pages = {}
    for walk in (False, True):
        monkeypatch.setattr(people, "_walk_sort_index", lambda *_args, w=walk: w)
        pages[walk] = _pages(people.PEOPLE, typed, sort, descending)
    assert pages[True] == pages[False]
    assert sum(len(page) for page in pages[True]) == people.PEOPLE.count(typed)


def test_dense_filters_walk_the_index_and_rare_ones_sort(many_people):
    # 450 people, pages of 200: "alpha" matches 250 (walk), "alpha0007" one (sort).
    assert people._walk_sort_index(people.count_people("alpha"), 0, PAGE_SIZE)
    assert not people._walk_sort_index(people.count_people("alpha0007"), 0, PAGE_SIZE)
    # Deep pages walk further, so the bar rises with the offset.
    assert not people._walk_sort_index(people.count_people("alpha"), 10_000, PAGE_SIZE)


def test_walking_uses_the_index_rather_than_a_sort(many_people, monkeypatch):
    statements = []
    execute = db.execute_sql
    monkeypatch.setattr(db, "execute_sql", lambda sql, params=None, *a, **k: (
        statements.append((sql, params)), execute(sql, params, *a, **k))[1])
    people.person_rows("alpha", "name", False, 0, PAGE_SIZE)
    sql, params = next((s, p) for s, p in statements if "ORDER BY" in s)
    plan = " / ".join(row[3] for row in execute("EXPLAIN QUERY PLAN " + sql, params))
    assert "USING INDEX person_name" in plan and "TEMP B-TREE" not in plan, plan
