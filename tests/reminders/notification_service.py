"""A stand-in for the desktop's notification service (org.freedesktop.Notifications)
on a private D-Bus session, for tests: it writes each notification it is sent to a
JSON file, then answers as a user would, with a click or by dismissing it.

    python notification_service.py RECORD.json click|dismiss

It writes RECORD.json.ready once it owns the service's name.
"""

import asyncio
import json
import sys
from pathlib import Path

from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal

ANSWER_AFTER_SECONDS = 0.3


class Notifications(ServiceInterface):
    def __init__(self, record: Path, answer: str):
        super().__init__("org.freedesktop.Notifications")
        self.record, self.answer, self.sent = record, answer, []

    @method()
    def GetCapabilities(self) -> "as":
        return ["actions", "body"]

    @method()
    def GetServerInformation(self) -> "ssss":
        return ["stand-in", "rebound-tests", "1", "1.2"]

    @method()
    def Notify(self, app_name: "s", replaces_id: "u", app_icon: "s", summary: "s",
               body: "s", actions: "as", hints: "a{sv}", expire_timeout: "i") -> "u":
        self.sent.append({"app": app_name, "summary": summary, "body": body,
                          "actions": list(actions)})
        self.record.write_text(json.dumps(self.sent), encoding="utf-8")
        number = len(self.sent)
        if self.answer == "click":
            asyncio.get_running_loop().call_later(
                ANSWER_AFTER_SECONDS, self.ActionInvoked, number, "default")
        else:
            asyncio.get_running_loop().call_later(
                ANSWER_AFTER_SECONDS, self.NotificationClosed, number, 2)
        return number

    @method()
    def CloseNotification(self, number: "u") -> None:
        self.NotificationClosed(number, 3)

    @signal()
    def ActionInvoked(self, number, key) -> "us":
        return [number, key]

    @signal()
    def NotificationClosed(self, number, reason) -> "uu":
        return [number, reason]


async def main(record: Path, answer: str) -> None:
    bus = await MessageBus().connect()
    bus.export("/org/freedesktop/Notifications", Notifications(record, answer))
    await bus.request_name("org.freedesktop.Notifications")
    Path(f"{record}.ready").touch()
    await bus.wait_for_disconnect()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2]))
