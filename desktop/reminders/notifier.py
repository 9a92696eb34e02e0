"""One native notification, and a while to wait for it to be clicked.

desktop-notifier speaks each system's own service (the freedesktop notification
service over D-Bus on Linux, the Windows toast API, the macOS user notification
centre) without Qt, so ``rebound notify`` stays a small process. It does not raise
when no service answers: it logs and goes on, so "shown" is known only from its
``on_dispatched`` callback, and a notification that was never dispatched is
reported as not shown rather than assumed.
"""

import asyncio
from collections.abc import Callable
from typing import NamedTuple

from desktop.paths import resource_path

#: How long ``notify`` stays to hear a click; a notification clicked after that
#: (from the system's list of past notifications) opens nothing.
CLICK_WAIT_SECONDS = 15 * 60
#: How long the service has to say it showed the notification.
DISPATCH_WAIT_SECONDS = 5


class Outcome(NamedTuple):
    shown: bool
    clicked: bool = False
    #: Why it was not shown (no notification service, say).
    problem: str = ""


def show(title: str, body: str, on_click: Callable[[], None],
         wait_for_click: float = CLICK_WAIT_SECONDS) -> Outcome:
    """Show the notification; if it is clicked within ``wait_for_click`` seconds,
    call ``on_click``. Returns once it was clicked, dismissed or the wait is over."""
    return asyncio.run(_show(title, body, on_click, wait_for_click))


async def _show(title: str, body: str, on_click: Callable[[], None],
                wait_for_click: float) -> Outcome:
    from desktop_notifier import DesktopNotifier, Icon

    dispatched, clicked, dismissed = asyncio.Event(), asyncio.Event(), asyncio.Event()
    notifier = DesktopNotifier(app_name="Rebound",
                               app_icon=Icon(path=resource_path("icons", "rebound-128.png")))
    await notifier.send(title=title, message=body, on_dispatched=dispatched.set,
                        on_clicked=clicked.set, on_dismissed=dismissed.set)
    try:
        await asyncio.wait_for(dispatched.wait(), DISPATCH_WAIT_SECONDS)
    except TimeoutError:
        return Outcome(False, problem="no notification service answered")
    ended = [asyncio.create_task(event.wait()) for event in (clicked, dismissed)]
    await asyncio.wait(ended, timeout=wait_for_click, return_when=asyncio.FIRST_COMPLETED)
    for task in ended:
        task.cancel()
    if clicked.is_set():
        on_click()
        return Outcome(True, clicked=True)
    return Outcome(True)
