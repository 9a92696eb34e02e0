"""Child process for the crash test: save people forever, acknowledging each one.

Usage: python crash_writer.py DATA_DIR

After each ``save_person`` returns, the person's id is printed and flushed: from
that moment the user has been told "saved", so the row must survive a kill.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.store.lifecycle import open_store
from desktop.store.people import save_person


def main(data_dir: str) -> None:
    open_store(Path(data_dir))
    print("ready", flush=True)
    i = 0
    while True:
        person = save_person(
            None,
            {
                "first_name": f"Crash{i}",
                "last_name": "Tëst",
                "email": f"crash{i}@example.org",
                "company": f"Company {i % 13}",
                "notes": "Written just before the power went out. " * 5,
            },
        )
        print(person.id, flush=True)
        i += 1


if __name__ == "__main__":
    main(sys.argv[1])
