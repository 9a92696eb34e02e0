"""Every table model passes Qt's model tester and pages rather than loading all rows."""

import pytest

from desktop.devdata.sample import load_sample_data
from desktop.store.listing import PAGE_SIZE
from desktop.store.models import Person
from desktop.ui.views.applications import COLUMNS as APPLICATION_COLUMNS
from desktop.ui.views.companies import COLUMNS as COMPANY_COLUMNS
from desktop.ui.views.people import COLUMNS as PEOPLE_COLUMNS
from desktop.ui.views.table_model import PagedTableModel


@pytest.mark.parametrize("listing_name, columns", [
    ("PEOPLE", PEOPLE_COLUMNS),
    ("COMPANIES", COMPANY_COLUMNS),
    ("APPLICATIONS", APPLICATION_COLUMNS),
])
def test_models_pass_the_model_tester(store, qtmodeltester, listing_name, columns):
    from desktop.store import applications, companies, people

    load_sample_data()
    listing = {"PEOPLE": people.PEOPLE, "COMPANIES": companies.COMPANIES,
               "APPLICATIONS": applications.APPLICATIONS}[listing_name]
    model = PagedTableModel(listing, columns)
    model.reload()
    assert model.rowCount() > 0
    # The tester stays connected: every reset and insert below is checked too.
    qtmodeltester.check(model, force_py=True)
    for column in range(model.columnCount()):
        model.sort(column)
        assert model.rowCount() > 0
    model.set_filter("zzzz-no-match")
    assert model.rowCount() == 0
    model.set_filter("")
    assert model.rowCount() > 0


def test_people_are_paged_in_not_loaded_whole(store):
    from desktop.store import people

    with Person._meta.database.atomic():
        Person.insert_many(
            [{"first_name": f"Person{i:04d}", "last_name": "Test"}
             for i in range(PAGE_SIZE * 3 + 7)]
        ).execute()
    model = PagedTableModel(people.PEOPLE, PEOPLE_COLUMNS)
    model.reload()
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE * 2
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE * 3 + 7
    assert not model.canFetchMore()
    assert model.total() == PAGE_SIZE * 3 + 7
    first_names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert first_names == sorted(first_names)
    assert len(set(first_names)) == len(first_names)
