"""1833 roll calls (一键通抽查): sent to officers on duty, answered in the portal, late ones flagged."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from flood1833 import tasks
from flood1833.models import RollCallAnswer
from org.models import User
from tests.conftest import api_as
from tests.factories import DutyShiftFactory, UserFactory, township

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(db):
    on_duty = [UserFactory(username=f"duty{i}") for i in range(2)]
    for officer in on_duty:
        DutyShiftFactory(officer=officer)
    DutyShiftFactory(starts_at=timezone.now() - timedelta(hours=10), ends_at=timezone.now() - timedelta(hours=2))
    return on_duty


def test_a_roll_call_goes_to_every_officer_on_duty_and_records_the_answer_time(lingxi_staff, officers, settings):
    settings.FLOOD_ROLL_CALL_ANSWER_MINUTES = 5
    sent = api_as(lingxi_staff).post(reverse("roll-call-list"), {"note": "夜间抽查"}, format="json")
    assert sent.status_code == 201, sent.json()
    answers = sent.json()["answers"]
    assert {a["officer"] for a in answers} == {o.username for o in officers}
    mine = RollCallAnswer.objects.get(officer=officers[0])
    answered = api_as(officers[0]).post(reverse("roll-call-answer-answer", args=[mine.pk]))
    assert answered.status_code == 200 and answered.json()["response_seconds"] is not None
    other = api_as(officers[1]).post(reverse("roll-call-answer-answer", args=[mine.pk]))
    assert other.status_code == 403


def test_unanswered_checks_are_flagged_after_the_time_limit_once(lingxi_staff, officers, settings):
    settings.FLOOD_ROLL_CALL_ANSWER_MINUTES = 5
    api_as(lingxi_staff).post(reverse("roll-call-list"), {}, format="json")
    api_as(officers[0]).post(
        reverse("roll-call-answer-answer", args=[RollCallAnswer.objects.get(officer=officers[0]).pk])
    )
    assert tasks.flag_unanswered_roll_calls() == 0  # not yet due
    RollCallAnswer.objects.update(due_at=timezone.now() - timedelta(minutes=1))
    assert tasks.flag_unanswered_roll_calls() == 1
    assert tasks.flag_unanswered_roll_calls() == 0
    flagged = RollCallAnswer.objects.get(flagged_at__isnull=False)
    assert flagged.officer == officers[1]


def test_nobody_on_duty_means_no_roll_call(county_admin):
    response = api_as(county_admin).post(reverse("roll-call-list"), {}, format="json")
    assert response.status_code == 400 and "没有在岗" in str(response.json())


def test_the_flag_job_is_in_the_beat_schedule(settings):
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "flood1833.tasks.flag_unanswered_roll_calls" in tasks_scheduled


def test_the_page_shows_who_is_on_duty_and_lets_an_officer_answer(client, lingxi_staff, officers):
    api_as(lingxi_staff).post(reverse("roll-call-list"), {}, format="json")
    client.force_login(officers[0])
    html = client.get(reverse("flood1833:rollcalls")).content.decode()
    assert "签到应答" in html
    answer = RollCallAnswer.objects.get(officer=officers[0])
    client.post(reverse("flood1833:rollcall-answer", args=[answer.pk]))
    answer.refresh_from_db()
    assert answer.answered_at is not None
    assert User.objects.filter(region=township("灵溪镇")).exists()
