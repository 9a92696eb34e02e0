"""What start-up does about reminders with Rebound closed, once the window is up:
offer them once, and point a registration made by another copy of Rebound (moved
or reinstalled elsewhere) back at this one."""

import logging

from desktop.reminders import registration
from desktop.reminders.due import reminder_time
from desktop.ui.shell.offer_bar import OfferBar

log = logging.getLogger(__name__)

#: The window-state key recording that the offer was answered.
OFFERED_KEY = "reminders/offered"


def offer_once(window, settings) -> OfferBar | None:
    """The offer bar, until it is answered either way."""
    if settings.value(OFFERED_KEY, False, type=bool):
        return None
    bar = OfferBar("Get a notification on days with notes due, even when Rebound is "
                   "closed? No account and no server: your system wakes Rebound.",
                   "Set up reminders…")

    def answered(taken: bool) -> None:
        settings.setValue(OFFERED_KEY, True)
        settings.sync()
        if taken:
            from desktop.ui.dialogs.reminders import open_reminders

            open_reminders(window)

    bar.answered.connect(answered)
    window.show_notice(bar)
    return bar


def repair_work(window):
    """A function for a background job: repair the registration if it points
    elsewhere. The time is read here, on the window's thread."""
    command = registration.notify_command(window.store.data_dir if window.data_dir_fixed
                                          else None)
    at = reminder_time()

    def work() -> bool:
        repaired = registration.repair(registration.system_method(), command, at)
        if repaired:
            log.info("The reminder pointed at another copy of Rebound; it now runs %s",
                     command)
        return repaired
    return work


def keep_calendar_file(window):
    """The live calendar file follows every change from now on (when one is chosen)."""
    from desktop.ui.shell.live_calendar import LiveCalendar

    calendar = LiveCalendar(window)
    calendar.write()  # changes made while Rebound was closed (a command, a restore)
    return calendar
