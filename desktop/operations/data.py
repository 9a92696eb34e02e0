"""Data in bulk: importing contacts, loading the sample, restoring a backup, moving
the data folder."""

from collections.abc import Callable, Mapping
from pathlib import Path

from desktop.devdata import sample
from desktop.exchange.import_contacts import DuplicatePolicy, ImportResult, import_contacts
from desktop.operations.changes import Changes
from desktop.store import restoring
from desktop.store.connection import transaction


def import_file(path: Path, file_format: str = "auto",
                on_duplicate: DuplicatePolicy | str = DuplicatePolicy.SKIP,
                mapping: Mapping[str, str] | None = None,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> Changes:
    """Import a contacts file in one transaction; the report is in ``detail``.

    A file may hold anything (a Rebound JSON export holds everything), so every view
    reads again. Raises ImportRefused or ImportCancelled having written nothing.
    """
    result: ImportResult = import_contacts(path, file_format, on_duplicate, mapping,
                                           progress, cancelled)
    return Changes.all(detail=result)


def load_sample() -> Changes:
    """Fill an empty Rebound with the example (SampleRefused otherwise); counts in ``detail``."""
    with transaction():
        counts = sample.load_sample_data()
    return Changes.all(detail=counts)


def remove_sample() -> Changes:
    """Take away exactly what the sample added (NoSample when there is none); what
    went is in ``detail``."""
    return Changes.all(detail=sample.remove_sample_data())


def restore(data_dir: Path, backup: Path | None = None) -> Changes:
    """Put a backup in place of the (closed) data; what was done is in ``detail``."""
    return Changes.all(detail=restoring.restore(data_dir, backup))


def move(old_dir: Path, new_dir: Path, remember: bool = True) -> Changes:
    """Copy the (closed) data to ``new_dir`` and verify it; with ``remember`` later
    starts use it. Raises MoveRefused having changed nothing."""
    from desktop.store import relocate  # rarely used: not loaded at start-up

    return Changes.all(detail=relocate.move_data(old_dir, new_dir, remember=remember))


def make_demo(people: int, seed: int = 1, steps: bool = True) -> Changes:
    """Fill an empty Rebound with synthetic people (for measuring); counts in ``detail``."""
    from desktop.devdata.demo import fill_demo  # a development tool: loaded only here

    return Changes.all(detail=fill_demo(people, seed=seed, steps=steps))
