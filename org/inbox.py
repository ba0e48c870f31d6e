"""站内通知: one inbox per person for every notice the portal raises.

The service that causes a notice (an overdue hazard, a published ranking, a hotspot not verified
in time, …) keeps its own domain record and calls ``deliver`` (or ``deliver_all`` for a batch)
with the people to tell. Items are written when the service's transaction commits, never for one
that rolls back, and once per person and key: a job run twice, or a service retried, adds
nothing. Each new item is handed once to the sender named by ``PORTAL_NOTICE_SENDER``
(org/senders.py) for SMS or 浙政钉.

Recipients are users or user ids (``None`` is skipped: a hazard without a responsible person);
the helpers below find the usual ones (a township's staff, a
department's staff, the county administrators over a region).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils import timezone

from org.models import Department, InboxItem, Region, User
from org.senders import notice_sender

logger = logging.getLogger(__name__)

Kind = InboxItem.Kind
TITLE_LENGTH = InboxItem._meta.get_field("title").max_length
BODY_LENGTH = InboxItem._meta.get_field("body").max_length
URL_LENGTH = InboxItem._meta.get_field("url").max_length


@dataclass(frozen=True)
class Notice:
    """One notice for some people: ``key`` names what it is about, the same for every delivery."""

    kind: str
    key: str
    recipients: tuple[int, ...]
    title: str
    url: str = ""
    body: str = ""


def deliver(
    *, kind: str, key: str, recipients: Iterable[User | int], title: str, url: str = "", body: str = ""
) -> None:
    """Puts a notice in each recipient's inbox when the current transaction commits, once."""
    deliver_all([notice(kind=kind, key=key, recipients=recipients, title=title, url=url, body=body)])


def notice(
    *, kind: str, key: str, recipients: Iterable[User | int], title: str, url: str = "", body: str = ""
) -> Notice:
    """A ``Notice`` for ``deliver_all``: titles and bodies cut to what the inbox keeps."""
    if kind not in Kind.values:
        raise ValueError(f"unknown inbox kind {kind!r}")
    people = tuple(sorted({getattr(person, "pk", person) for person in recipients} - {None}))
    return Notice(kind, key, people, title[:TITLE_LENGTH], url[:URL_LENGTH], body[:BODY_LENGTH])


def deliver_all(notices: Iterable[Notice]) -> None:
    """``deliver`` for a batch (a job's run): one write on commit for all of them."""
    notices = [n for n in notices if n.recipients]
    if notices:
        # robust: the cause is already committed; a failed delivery is logged, not a 500 for it.
        transaction.on_commit(partial(_write, notices), robust=True)


def withdraw(*, keys: Iterable[str]) -> None:
    """Takes notices back on commit (a ranking withdrawn): kept, but no longer shown or counted.
    Delivering the same key again brings the item back, without sending it a second time."""
    keys = list(keys)
    if keys:
        transaction.on_commit(partial(_withdraw, keys), robust=True)


def _withdraw(keys: list[str]) -> None:
    InboxItem.objects.filter(key__in=keys, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())


def _write(notices: list[Notice]) -> None:
    with transaction.atomic():
        InboxItem.objects.bulk_create(
            [
                InboxItem(recipient_id=person, kind=n.kind, key=n.key, title=n.title, body=n.body, url=n.url)
                for n in notices
                for person in n.recipients
            ],
            ignore_conflicts=True,
        )
        _restore(notices, withdrawn=_withdrawn_keys(notices))
    _send(notices)


def _withdrawn_keys(notices: list[Notice]) -> set[str]:
    withdrawn = InboxItem.objects.filter(key__in=[n.key for n in notices], withdrawn_at__isnull=False)
    return set(withdrawn.values_list("key", flat=True))


def _restore(notices: list[Notice], *, withdrawn: set[str]) -> None:
    for n in notices:
        if n.key in withdrawn:
            InboxItem.objects.filter(key=n.key, recipient__in=n.recipients, withdrawn_at__isnull=False).update(
                withdrawn_at=None, read_at=None, title=n.title, body=n.body, url=n.url
            )


def _send(notices: list[Notice]) -> None:
    """Hands each item not yet sent to the sender, once: an item is claimed (sent_at set) before
    it goes out, so two deliveries racing for it send it once; a failed send is released again."""
    wanted = {(person, n.key) for n in notices for person in n.recipients}
    with transaction.atomic():
        unsent = InboxItem.objects.filter(key__in={key for _person, key in wanted}, sent_at__isnull=True)
        claimed = [
            item
            for item in unsent.select_for_update(skip_locked=True, of=("self",)).select_related("recipient")
            if (item.recipient_id, item.key) in wanted
        ]
        now = timezone.now()
        InboxItem.objects.filter(pk__in=[item.pk for item in claimed]).update(sent_at=now)
    sender = notice_sender()
    for item in claimed:
        try:
            sender.send(item)
        except Exception:
            logger.exception("inbox item %s was not sent", item.pk)
            InboxItem.objects.filter(pk=item.pk).update(sent_at=None)


# --- Who to tell -------------------------------------------------------------------------------


def township_staff(township: Region | int) -> list[int]:
    """The staff of one township (乡镇工作人员), by id."""
    return staff_by_township([getattr(township, "pk", township)]).get(getattr(township, "pk", township), [])


def staff_by_township(townships: Iterable[int]) -> dict[int, list[int]]:
    """Township staff of each township id, in one query (for a job's whole batch)."""
    people = User.objects.filter(is_active=True, role=User.Role.TOWNSHIP_STAFF, region_id__in=set(townships))
    found: dict[int, list[int]] = {}
    for pk, region_id in people.values_list("pk", "region_id"):
        found.setdefault(region_id, []).append(pk)
    return found


def department_staff(department: Department | int) -> list[int]:
    """The staff of one county department (部门工作人员), by id."""
    people = User.objects.filter(is_active=True, role=User.Role.DEPARTMENT_STAFF, department=department)
    return list(people.values_list("pk", flat=True))


def county_admins(region: Region | None = None) -> list[int]:
    """County administrators, by id: those whose area holds ``region`` (all of them without one)."""
    people = User.objects.filter(is_active=True, role=User.Role.COUNTY_ADMIN)
    if region is not None:
        above = [int(pk) for pk in region.path.strip("/").split("/") if pk]
        people = people.filter(region_id__in=above)
    return list(people.values_list("pk", flat=True))


def unit_staff(*, region: Region, department: Department | None = None) -> list[int]:
    """Who answers for a unit: a department's staff, else a township's staff, else (a county or
    higher region) its county administrators."""
    if department is not None:
        return department_staff(department)
    if region.level == Region.Level.TOWNSHIP:
        return township_staff(region)
    return county_admins(region)


# --- Reading the inbox -----------------------------------------------------------------------


def unread_count(user: User) -> int:
    return InboxItem.objects.visible_to(user).unread().count()


@transaction.atomic
def mark_read(*, actor: User, item: InboxItem) -> InboxItem:
    """已读: only the recipient's own item; reading it twice keeps the first time."""
    item = InboxItem.objects.visible_to(actor).select_for_update().get(pk=item.pk)
    if item.read_at is None:
        item.read_at = timezone.now()
        item.save(update_fields=["read_at"])
    return item


@transaction.atomic
def mark_all_read(*, actor: User, kind: str = "") -> int:
    """全部标为已读 (of one kind if given); returns how many were unread."""
    items = InboxItem.objects.visible_to(actor).unread()
    if kind:
        items = items.filter(kind=kind)
    return items.update(read_at=timezone.now())
