"""Every format Rebound reads and writes, named once for the commands, the wizard,
the export dialog and the tests.

Names only: the readers and writers themselves load when a file is read or
written, so the command line can offer these without loading them.
"""

#: Contacts files an import reads, as ``--format`` and the wizard name them.
IMPORT_FORMATS = ("linkedin", "google", "outlook", "csv", "vcard", "json")
#: How the user knows each.
IMPORT_FORMAT_LABELS = {
    "linkedin": "LinkedIn connections (Connections.csv)",
    "google": "Google Contacts CSV",
    "outlook": "Outlook contacts CSV",
    "csv": "A spreadsheet (CSV) — check the columns below",
    "vcard": "vCard contacts file",
    "json": "A full Rebound export (JSON)",
}
#: What can be exported, and in which format: (what, format).
EXPORTS = (("people", "csv"), ("people", "vcard"), ("companies", "csv"),
           ("applications", "csv"), ("steps", "ics"), ("all", "json"))
EXPORT_KINDS = tuple(dict.fromkeys(kind for kind, _ in EXPORTS))
EXPORT_FORMATS = tuple(dict.fromkeys(name for _, name in EXPORTS))
#: Days ahead a calendar of steps covers unless told otherwise (overdue ones included).
STEP_EXPORT_DAYS = 90
