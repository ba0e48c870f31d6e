"""区域挂牌 reaches the listed township's staff when the ranking is published, once; withdrawing
the ranking takes the notice out of the inbox, and publishing again brings the same one back."""

import logging
from datetime import date

import pytest

from org import inbox
from org.models import InboxItem
from plan import snapshots
from plan.periods import Month
from plan.publication import publish_ranking, withdraw_ranking
from tests.factories import HazardFactory, township

pytestmark = pytest.mark.django_db
MAY = Month(2024, 5)


@pytest.fixture
def may(django_capture_on_commit_callbacks):
    """May computed: 矾山镇 leaves a hazard overdue and is listed last."""
    HazardFactory(township=township("矾山镇"), found_on=date(2024, 5, 3), deadline=date(2024, 5, 10))
    with django_capture_on_commit_callbacks(execute=True):
        snapshots.start_snapshot(period=MAY)


def test_listing_notices_follow_the_rankings_publication(may, committed, county_admin, fanshan_staff, caplog):
    caplog.set_level(logging.INFO, logger="org.senders")
    committed(publish_ranking, period=MAY, actor=county_admin)
    item = InboxItem.objects.visible_to(fanshan_staff).get()
    assert item.kind == InboxItem.Kind.AREA_LISTING and "矾山镇" in item.title and "区域挂牌" in item.title
    assert item.url == "/dashboard/?period=2024-05"
    assert inbox.unread_count(fanshan_staff) == 1

    committed(withdraw_ranking, period=MAY, actor=county_admin, reason="数据有误")
    assert inbox.unread_count(fanshan_staff) == 0
    assert not InboxItem.objects.visible_to(fanshan_staff).exists()

    committed(publish_ranking, period=MAY, actor=county_admin)
    assert InboxItem.objects.visible_to(fanshan_staff).get().pk == item.pk
    assert InboxItem.objects.filter(recipient=fanshan_staff).count() == 1
    assert len([r for r in caplog.records if r.name == "org.senders" and r.recipient == fanshan_staff.pk]) == 1
