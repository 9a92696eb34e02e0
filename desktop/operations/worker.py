"""Running an operation away from the window's thread.

Long work (an import of 100,000 rows) runs on a worker thread so the window keeps
painting. The worker uses its own SQLite connection: Peewee opens one per thread
on first use, and SQLite's write lock, taken by the operation's IMMEDIATE
transaction, keeps it and the window's writes one at a time. The window pauses its
own periodic writes (the composer's autosave) while such work runs, so they never
wait on that lock.
"""

from collections.abc import Callable

from desktop.operations.changes import Changes


def on_worker_thread(operation: Callable[..., Changes], *args, **kwargs) -> Changes:
    """Run ``operation`` on the calling (worker) thread, then close that thread's
    connection, whether the operation succeeded or not."""
    # Imported here: the window loads this module before its first frame, which is
    # drawn without Peewee (``boot``, rule 7); by the time work runs, the store is open.
    from desktop.store.connection import close_thread_connection

    try:
        return operation(*args, **kwargs)
    finally:
        close_thread_connection()
