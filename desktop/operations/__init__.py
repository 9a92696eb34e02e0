"""Every change a user can make, one small function each: the only way in for writes.

The window and the commands call these and nothing else to change data. Each
runs in one transaction (all of it happens or none of it does) and returns the
``Changes`` it made, which the window hands to its views so that each decides
whether it must read again. Rules that span records live here once, for every
caller: unlinking a person from an application cancels their open steps for it;
turning an application down plans its follow-ups.

Qt-free, like the layers below it: ``operations`` → ``playbook`` / ``exchange``
→ ``store``.
"""

from desktop.operations.changes import Changes, Record

__all__ = ["Changes", "Record"]
