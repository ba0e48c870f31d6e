from datetime import timedelta

import pytest
from django.utils import timezone

from forestfire import services
from forestfire.models import Hotspot, HotspotNotice
from forestfire.tasks import flag_overdue_hotspots as flag_task
from plan.models import ServiceLevel
from tests.factories import county, township
from tests.forestfire.factories import HotspotFactory

pytestmark = pytest.mark.django_db


def test_a_due_hotspot_is_flagged_once_and_the_township_and_county_notified():
    now = timezone.now()
    late = HotspotFactory(received_at=now - timedelta(minutes=61))
    HotspotFactory(received_at=now - timedelta(minutes=59))  # not due yet
    HotspotFactory(received_at=now - timedelta(minutes=90), verified_at=now - timedelta(minutes=70), result="other")
    assert services.flag_overdue_hotspots(now=now) == 1
    late.refresh_from_db()
    assert late.breached_at == late.received_at + timedelta(minutes=60)
    notices = HotspotNotice.objects.filter(hotspot=late)
    assert {(n.audience, n.region) for n in notices} == {("township", township("灵溪镇")), ("county", county())}
    assert late.code in notices.first().message
    assert services.flag_overdue_hotspots(now=now) == 0
    assert HotspotNotice.objects.count() == 2


def test_the_limit_comes_from_the_plans_service_level_table():
    ServiceLevel.objects.filter(key="hotspot_verify").update(minutes=30)
    now = timezone.now()
    hotspot = HotspotFactory(received_at=now - timedelta(minutes=40))
    assert services.flag_overdue_hotspots(now=now) == 1
    hotspot.refresh_from_db()
    assert hotspot.breached_at == hotspot.received_at + timedelta(minutes=30)


def test_a_flagged_hotspot_verified_later_stays_late(lingxi_staff):
    now = timezone.now()
    hotspot = HotspotFactory(received_at=now - timedelta(minutes=80))
    services.flag_overdue_hotspots(now=now)
    services.verify_hotspot(hotspot=hotspot, actor=lingxi_staff, result="false_alarm")
    assert Hotspot.objects.get(pk=hotspot.pk).breached_at is not None


def test_the_job_is_on_the_beat_schedule_every_minute(settings):
    entries = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert entries["forestfire.tasks.flag_overdue_hotspots"] == timedelta(minutes=1)


@pytest.mark.django_db(transaction=True)
def test_the_job_runs_on_a_real_worker_and_flags_once(committed_db, celery_worker):
    hotspot = HotspotFactory(received_at=timezone.now() - timedelta(hours=2))
    assert flag_task.delay().get(timeout=60) == 1
    assert flag_task.delay().get(timeout=60) == 0
    assert Hotspot.objects.get(pk=hotspot.pk).breached_at is not None
    assert HotspotNotice.objects.filter(hotspot=hotspot, audience="township").count() == 1
    assert HotspotNotice.objects.filter(hotspot=hotspot).count() == 2
