"""The counts the live view reads (TransferTally) always equal the transfers themselves, whatever
wrote them: opening, confirming, correcting, bulk updates, moves between villages, deletion."""

import uuid

import pytest
from django.db.models import Count, Sum

from flood1833 import live, services
from flood1833.models import ResponseEvent, Transfer, TransferTally
from tests.factories import DangerZoneFactory, TransferPersonFactory, village

pytestmark = pytest.mark.django_db


def tallied() -> dict:
    rows = TransferTally.objects.values_list("event_id", "village_id", "zone_kind", "status").annotate(s=Sum("n"))
    return {tuple(key): n for *key, n in rows if n}


def counted() -> dict:
    rows = Transfer.objects.values_list("event_id", "village_id", "zone_kind", "status").annotate(c=Count("pk"))
    return {tuple(key): n for *key, n in rows}


def as_dict(rows) -> dict:
    return {tuple(key): n for key, n in rows.items()}


def test_the_tally_follows_every_write(typhoon, cadre, lingxi_staff, county_admin):
    zone = DangerZoneFactory()
    for n in range(6):
        TransferPersonFactory(zone=zone if n % 2 else None)
    event = typhoon(stage=3)
    assert as_dict(tallied()) == as_dict(counted()) and sum(counted().values()) == 6
    transfers = list(Transfer.objects.filter(event=event).order_by("pk"))
    services.confirm_transfer(transfer=transfers[0], actor=cadre, status="notified", request_id=str(uuid.uuid4()))
    services.confirm_transfer(transfer=transfers[0], actor=cadre, status="moved", request_id=str(uuid.uuid4()))
    services.confirm_transfer(transfer=transfers[1], actor=cadre, status="with_relatives")
    services.correct_transfer(transfer=transfers[1], actor=cadre, reason="点错了")
    assert as_dict(tallied()) == as_dict(counted())
    Transfer.objects.filter(pk__in=[t.pk for t in transfers[2:4]]).update(status="moved")
    Transfer.objects.filter(pk=transfers[4].pk).update(village=village("测试二村"))
    assert as_dict(tallied()) == as_dict(counted())
    assert live.transfer_counts(event=event, user=county_admin)["safe"] == 3
    assert live.transfer_progress(event=event, user=cadre) == {"safe": 3, "total": 5}  # one moved to 测试二村
    ResponseEvent.objects.filter(pk=event.pk).delete()
    assert not TransferTally.objects.filter(event_id=event.pk).exists() and counted() == {}
