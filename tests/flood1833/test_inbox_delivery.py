"""报送超时 reaches the township's staff and 一键通抽查 each officer on duty, on commit and once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from flood1833 import services
from flood1833.models import Incident
from org.models import InboxItem
from tests.factories import DutyShiftFactory, IncidentFactory, UserFactory, township

pytestmark = pytest.mark.django_db


def test_a_missing_report_reaches_the_townships_staff_once(committed, lingxi_staff, fanshan_staff):
    now = timezone.now()
    incident = IncidentFactory(level=Incident.Level.MAJOR, occurred_at=now - timedelta(minutes=45), title="堤防管涌")
    IncidentFactory(level=Incident.Level.MAJOR, township=township("矾山镇"), occurred_at=now)
    assert committed(services.flag_overdue_incident_reports, now=now) == 1
    assert committed(services.flag_overdue_incident_reports, now=now) == 0
    item = InboxItem.objects.get(recipient=lingxi_staff)
    assert item.kind == InboxItem.Kind.REPORT_OVERDUE and "堤防管涌" in item.title and "口头报告" in item.title
    assert item.url == incident.get_absolute_url()
    assert not InboxItem.objects.filter(recipient=fanshan_staff).exists()
    committed(services.flag_overdue_incident_reports, now=now + timedelta(minutes=20))  # the system report too
    assert InboxItem.objects.filter(recipient=lingxi_staff).count() == 2


def test_a_roll_call_reaches_each_officer_on_duty(committed, lingxi_staff, settings):
    settings.FLOOD_ROLL_CALL_ANSWER_MINUTES = 5
    officers = [UserFactory(username=f"t_duty{n}") for n in range(2)]
    for officer in officers:
        DutyShiftFactory(officer=officer)
    off_duty = DutyShiftFactory(
        ends_at=timezone.now() - timedelta(minutes=1), starts_at=timezone.now() - timedelta(hours=2)
    )
    committed(services.send_roll_call, actor=lingxi_staff, note="夜间抽查")
    for officer in officers:
        item = InboxItem.objects.get(recipient=officer)
        assert item.kind == InboxItem.Kind.ROLL_CALL and "5分钟内签到" in item.title and item.body == "夜间抽查"
        assert item.url == reverse("flood1833:rollcalls")
    assert not InboxItem.objects.filter(recipient=off_duty.officer).exists()
    committed(services.send_roll_call, actor=lingxi_staff)  # a second roll call is a second notice
    assert InboxItem.objects.filter(recipient=officers[0]).count() == 2


def test_whoever_sent_a_roll_call_is_told_who_did_not_answer_in_time(committed, lingxi_staff, settings):
    settings.FLOOD_ROLL_CALL_ANSWER_MINUTES = 5
    answered, silent = UserFactory(username="t_duty_a"), UserFactory(username="t_duty_b", first_name="未应答")
    for officer in (answered, silent):
        DutyShiftFactory(officer=officer)
    roll_call = committed(services.send_roll_call, actor=lingxi_staff)
    services.answer_roll_call(answer=roll_call.answers.get(officer=answered), actor=answered)
    due = timezone.now() + timedelta(minutes=6)
    assert committed(services.flag_unanswered_roll_calls, now=due) == 1
    assert committed(services.flag_unanswered_roll_calls, now=due) == 0
    item = InboxItem.objects.get(recipient=lingxi_staff)
    assert item.kind == InboxItem.Kind.ROLL_CALL and "1人未按时签到" in item.title and "未应答" in item.title
    assert answered.username not in item.title and item.url == reverse("flood1833:rollcalls")
