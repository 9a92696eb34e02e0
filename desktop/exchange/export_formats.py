"""Which data can be exported in which format, in one table the CLI and the UI share.

Each entry names what is exported (people, companies, applications, steps, or
all of it) and the format, with the file suffix a save dialog should offer and
the function that writes it.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass

from desktop.exchange.exporters.csv_files import (
    export_applications_csv,
    export_companies_csv,
    export_people_csv,
)
from desktop.exchange.exporters.ics import export_steps_ics
from desktop.exchange.exporters.json_copy import export_json
from desktop.exchange.exporters.vcard import export_people_vcard


@dataclass(frozen=True)
class ExportFormat:
    kind: str
    format: str
    #: What the count returned by ``write`` counts, for "Wrote 6 people".
    noun: str
    suffix: str
    #: Writes the file and returns the count; the steps' writer also takes ``days``,
    #: ``person_id`` and ``today`` (see ``export_ics.select_steps``).
    write: Callable[..., int]


def _all_as_json(path: str | os.PathLike) -> int:
    return sum(export_json(path).values())


_FORMATS = (
    ExportFormat("people", "csv", "people", ".csv", export_people_csv),
    ExportFormat("people", "vcard", "people", ".vcf", export_people_vcard),
    ExportFormat("companies", "csv", "companies", ".csv", export_companies_csv),
    ExportFormat("applications", "csv", "applications", ".csv", export_applications_csv),
    ExportFormat("steps", "ics", "follow-ups", ".ics", export_steps_ics),
    ExportFormat("all", "json", "rows", ".json", _all_as_json),
)
FORMATS = {(f.kind, f.format): f for f in _FORMATS}


def formats_for(kind: str) -> list[str]:
    return [f.format for f in _FORMATS if f.kind == kind]


class UnsupportedExport(ValueError):
    """That data cannot be exported in that format; the message says what can."""


def find_format(kind: str, format_name: str) -> ExportFormat:
    found = FORMATS.get((kind, format_name))
    if found is None:
        choices = " or ".join(formats_for(kind)) or "nothing"
        raise UnsupportedExport(
            f"{kind} can be exported as {choices}, not as {format_name}."
        )
    return found

