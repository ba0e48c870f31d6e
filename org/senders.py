"""Where a new inbox item goes besides the inbox: SMS or 浙政钉 through a gateway's class.

``PORTAL_NOTICE_SENDER`` names the class (``org.senders.LoggingSender`` unless the environment
names another, e.g. the county's SMS gateway client). The default only logs, so tests, CI and a
developer's machine never call anything outside. A real sender subclasses ``Sender``; it is
called once per new item, after the notice is committed (org.inbox).
"""

from __future__ import annotations

import logging
from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from org.models import InboxItem

logger = logging.getLogger(__name__)


class Sender:
    """Sends one inbox item to its recipient outside the portal."""

    def send(self, item: InboxItem) -> None:
        raise NotImplementedError


class LoggingSender(Sender):
    """Writes what would be sent to the log, and sends nothing."""

    def send(self, item: InboxItem) -> None:
        logger.info(
            "notice %s for %s: %s",
            item.pk,
            item.recipient.username,
            item.title,
            extra={"inbox_item": item.pk, "recipient": item.recipient_id, "kind": item.kind},
        )


def notice_sender() -> Sender:
    return _sender(settings.PORTAL_NOTICE_SENDER)


@cache
def _sender(path: str) -> Sender:
    return import_string(path)()
