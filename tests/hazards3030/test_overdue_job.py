from datetime import date, timedelta

import pytest
from django.urls import reverse

from hazards3030.models import EscalationNotice, Hazard
from hazards3030.services import mark_overdue_hazards
from hazards3030.tasks import mark_overdue_hazards as mark_overdue_task
from tests.factories import HazardFactory, township

pytestmark = pytest.mark.django_db
TODAY = date(2024, 6, 1)


def test_overdue_hazards_are_marked_and_escalated_once(lingxi_staff):
    late = HazardFactory(found_on=date(2024, 5, 1), deadline=date(2024, 5, 20), responsible_user=lingxi_staff)
    HazardFactory(found_on=date(2024, 5, 1), deadline=date(2024, 6, 1))  # due today: not late yet
    HazardFactory(found_on=date(2024, 5, 1), deadline=date(2024, 5, 20), status=Hazard.Status.CLOSED)
    assert mark_overdue_hazards(today=TODAY) == 1
    late.refresh_from_db()
    assert late.overdue_marked_on == TODAY
    notices = EscalationNotice.objects.filter(hazard=late)
    assert {n.audience for n in notices} == {"township", "responsible"}
    assert notices.get(audience="responsible").recipient == lingxi_staff
    assert "隐患#" in notices.first().message

    assert mark_overdue_hazards(today=TODAY) == 0  # a second run creates nothing new
    assert EscalationNotice.objects.count() == 2
    assert mark_overdue_hazards(today=TODAY + timedelta(days=1)) == 1  # only the one due on the 1st
    assert EscalationNotice.objects.filter(hazard=late).count() == 2
    assert EscalationNotice.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_job_runs_on_a_real_worker_and_is_idempotent(committed_db, celery_worker):
    hazard = HazardFactory(found_on=date(2020, 1, 1), deadline=date(2020, 1, 2))
    assert mark_overdue_task.delay().get(timeout=60) == 1
    assert mark_overdue_task.delay().get(timeout=60) == 0
    assert EscalationNotice.objects.filter(hazard=hazard).count() == 1
    assert Hazard.objects.get(pk=hazard.pk).overdue_marked_on is not None


def test_notices_show_on_the_township_worklist(client, lingxi_staff, fanshan_staff):
    HazardFactory(found_on=date(2024, 5, 1), deadline=date(2024, 5, 20), description="配电房私拉乱接")
    HazardFactory(found_on=date(2024, 5, 1), deadline=date(2024, 5, 20), township=township("矾山镇"))
    mark_overdue_hazards(today=TODAY)
    client.force_login(lingxi_staff)
    html = client.get(reverse("hazards3030:hazards")).content.decode()
    assert "逾期督办通知 1 条" in html and "配电房私拉乱接" in html
    assert 'class="overdue"' in html


def test_the_job_is_on_the_beat_schedule(settings):
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "hazards3030.tasks.mark_overdue_hazards" in schedule
    assert settings.CELERY_TIMEZONE == "Asia/Shanghai"
