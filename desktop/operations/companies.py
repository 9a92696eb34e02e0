"""Companies: saving and deleting them."""

from desktop.operations.changes import Changes, Record
from desktop.store import companies as store
from desktop.store.connection import transaction


def save_company(company_id: int | None, values: dict) -> Changes:
    with transaction():
        company = store.save_company(company_id, values)
    # A renamed company shows under its new name beside its people and applications.
    return Changes.of(Record.COMPANY, Record.PERSON, Record.APPLICATION,
                      ids=[(Record.COMPANY, company.id)], created=company.id)


def delete_company(company_id: int) -> Changes:
    """Its applications (and their steps) go; its people stay, without a company."""
    with transaction():
        store.delete_company(company_id)
    return Changes.of(Record.COMPANY, Record.APPLICATION, Record.STEP, Record.PERSON,
                      ids=[(Record.COMPANY, company_id)])
