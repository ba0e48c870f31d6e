"""热点超时 reaches the township's staff and the county administrators, on commit and once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forestfire import services
from org.models import InboxItem
from tests.factories import township
from tests.forestfire.factories import HotspotFactory

pytestmark = pytest.mark.django_db


def test_a_late_hotspot_reaches_the_township_and_the_county_once(committed, lingxi_staff, fanshan_staff, county_admin):
    now = timezone.now()
    late = HotspotFactory(received_at=now - timedelta(minutes=61))
    HotspotFactory(received_at=now - timedelta(minutes=59), township=township("矾山镇"))  # not due yet
    assert committed(services.flag_overdue_hotspots, now=now) == 1
    assert committed(services.flag_overdue_hotspots, now=now) == 0
    for person in (lingxi_staff, county_admin):
        item = InboxItem.objects.get(recipient=person)
        assert item.kind == InboxItem.Kind.HOTSPOT_OVERDUE and late.code in item.title
        assert item.url == late.get_absolute_url()
    assert not InboxItem.objects.filter(recipient=fanshan_staff).exists()
