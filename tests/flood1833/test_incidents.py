"""Incident reports with the SLA clock (30 min verbal, 60 min system, from plan.ServiceLevel).

The clock runs for 重大 and 特别重大 incidents; breaches are stored on the incident by the save
service (a late report) and by the every-minute job (a report still missing, with a notice).
"""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from flood1833 import services, tasks
from flood1833.models import Incident, IncidentNotice
from plan.models import ServiceLevel
from tests.conftest import api_as
from tests.factories import IncidentFactory, ResponseEventFactory, township

pytestmark = pytest.mark.django_db
MAJOR = Incident.Level.MAJOR


def report(user, **fields):
    """Reports an incident through the API, as a township does; returns the stored row."""
    body = {"title": "山洪冲毁便桥", "township": user.region.pk, "level": MAJOR, **fields}
    body = {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in body.items()}
    response = api_as(user).post(reverse("incident-list"), body, format="json")
    assert response.status_code == 201, response.json()
    return Incident.objects.get(pk=response.json()["id"])


def test_a_late_report_stores_the_breach_and_one_in_time_does_not(lingxi_staff):
    occurred = timezone.now() - timedelta(hours=3)
    on_time = report(
        lingxi_staff,
        occurred_at=occurred,
        verbal_reported_at=occurred + timedelta(minutes=20),
        system_reported_at=occurred + timedelta(minutes=50),
    )
    late = report(
        lingxi_staff,
        occurred_at=occurred,
        verbal_reported_at=occurred + timedelta(minutes=40),
        system_reported_at=occurred + timedelta(minutes=55),
    )
    assert (on_time.verbal_breached_at, on_time.system_breached_at) == (None, None)
    assert late.verbal_breached_at == occurred + timedelta(minutes=30)
    assert late.system_breached_at is None
    assert tasks.flag_overdue_incident_reports() == 0  # both reported: nothing left for the job
    assert not IncidentNotice.objects.exists()


def test_the_job_flags_a_missing_report_once_and_notifies_the_township(lingxi_staff):
    occurred = timezone.now() - timedelta(minutes=45)
    incident = report(lingxi_staff, title="堤防管涌", occurred_at=occurred)
    in_time = report(lingxi_staff, occurred_at=occurred, verbal_reported_at=occurred + timedelta(minutes=10))
    assert incident.verbal_breached_at is None  # recorded with no report: the job flags it

    assert tasks.flag_overdue_incident_reports() == 1
    assert tasks.flag_overdue_incident_reports() == 0  # a second run flags and sends nothing new
    incident.refresh_from_db()
    assert incident.verbal_breached_at == occurred + timedelta(minutes=30)
    assert incident.system_breached_at is None  # 60 minutes are not up yet
    notice = IncidentNotice.objects.get()
    assert (notice.incident, notice.township, notice.clock) == (incident, township("灵溪镇"), "verbal")
    assert "堤防管涌" in notice.message and "口头报告" in notice.message
    in_time.refresh_from_db()
    assert in_time.verbal_breached_at is None

    later = timezone.now() + timedelta(minutes=20)
    assert services.flag_overdue_incident_reports(now=later) == 2  # both system first reports now
    assert services.flag_overdue_incident_reports(now=later) == 0
    incident.refresh_from_db()
    assert incident.system_breached_at == occurred + timedelta(minutes=60)
    assert IncidentNotice.objects.filter(incident=incident).count() == 2
    assert IncidentNotice.objects.count() == 3


def test_a_report_entered_after_the_job_flagged_it_keeps_the_breach_unless_it_was_in_time(lingxi_staff):
    occurred = timezone.now() - timedelta(hours=2)
    late, corrected = report(lingxi_staff, occurred_at=occurred), report(lingxi_staff, occurred_at=occurred)
    assert tasks.flag_overdue_incident_reports() == 4
    api = api_as(lingxi_staff)
    # Phoned in after 50 minutes: still late. Phoned in after 10 minutes, entered only now: in time.
    for incident, minutes in ((late, 50), (corrected, 10)):
        body = {"verbal_reported_at": (occurred + timedelta(minutes=minutes)).isoformat()}
        assert api.patch(reverse("incident-detail", args=[incident.pk]), body, format="json").status_code == 200
    late.refresh_from_db()
    corrected.refresh_from_db()
    assert late.verbal_breached_at == occurred + timedelta(minutes=30)
    assert corrected.verbal_breached_at is None
    assert corrected.system_breached_at == occurred + timedelta(minutes=60)  # still missing: stays


def test_ordinary_and_larger_incidents_run_no_clock(lingxi_staff, client):
    occurred = timezone.now() - timedelta(hours=3)
    ordinary = report(lingxi_staff, title="一般事件", level="ordinary", occurred_at=occurred)
    larger = report(
        lingxi_staff, level="larger", occurred_at=occurred, verbal_reported_at=occurred + timedelta(minutes=90)
    )
    assert tasks.flag_overdue_incident_reports() == 0
    for incident in (ordinary, larger):
        incident.refresh_from_db()
        assert (incident.verbal_breached_at, incident.system_breached_at) == (None, None)
    assert not IncidentNotice.objects.exists()
    client.force_login(lingxi_staff)
    assert "不计时" in client.get(ordinary.get_absolute_url()).content.decode()
    # Raised to 重大 afterwards: the clock runs from when it happened.
    api_as(lingxi_staff).patch(reverse("incident-detail", args=[larger.pk]), {"level": MAJOR}, format="json")
    larger.refresh_from_db()
    assert larger.verbal_breached_at == occurred + timedelta(minutes=30)


def test_the_limits_come_from_the_bureau_configuration(lingxi_staff):
    ServiceLevel.objects.filter(key="verbal_report").update(minutes=45)
    occurred = timezone.now() - timedelta(hours=3)
    incident = report(
        lingxi_staff,
        occurred_at=occurred,
        verbal_reported_at=occurred + timedelta(minutes=40),
        system_reported_at=occurred + timedelta(minutes=55),
    )
    assert api_as(lingxi_staff).get(reverse("incident-detail", args=[incident.pk])).json()["breaches"] == []
    recent = report(lingxi_staff, occurred_at=timezone.now() - timedelta(minutes=40))
    assert services.flag_overdue_incident_reports(now=timezone.now()) == 0  # 45 minutes now
    assert services.flag_overdue_incident_reports(now=timezone.now() + timedelta(minutes=6)) == 1
    recent.refresh_from_db()
    assert recent.verbal_breached_at == recent.occurred_at + timedelta(minutes=45)


def test_the_api_and_the_pages_show_the_stored_breaches(lingxi_staff, client):
    occurred = timezone.now() - timedelta(hours=3)
    late = report(
        lingxi_staff, title="迟报事件", occurred_at=occurred, system_reported_at=occurred + timedelta(hours=2)
    )
    on_time = report(
        lingxi_staff,
        title="按时事件",
        occurred_at=occurred,
        verbal_reported_at=occurred + timedelta(minutes=5),
        system_reported_at=occurred + timedelta(minutes=30),
    )
    # Stored, not computed when read: with the job not run yet, the missing verbal report is not shown.
    api = api_as(lingxi_staff)
    data = api.get(reverse("incident-detail", args=[late.pk])).json()
    assert data["breaches"] == ["系统首报超时"] and data["verbal_breached_at"] is None
    tasks.flag_overdue_incident_reports()
    rows = {row["title"]: row for row in api.get(reverse("incident-list")).json()["results"]}
    assert rows["迟报事件"]["breaches"] == ["口头报告超时", "系统首报超时"]
    assert rows["迟报事件"]["verbal_breached_at"] is not None and rows["迟报事件"]["is_clocked"] is True
    assert rows["按时事件"]["breaches"] == [] and rows["按时事件"]["system_breached_at"] is None
    # The flags are the service's and the job's: a client cannot write them.
    api.patch(
        reverse("incident-detail", args=[on_time.pk]), {"verbal_breached_at": occurred.isoformat()}, format="json"
    )
    on_time.refresh_from_db()
    assert on_time.verbal_breached_at is None

    client.force_login(lingxi_staff)
    html = client.get(reverse("flood1833:incidents")).content.decode()
    assert f'<tr data-incident="{late.pk}" class="overdue">' in html
    assert f'<tr data-incident="{on_time.pk}">' in html
    assert "口头报告超时、系统首报超时" in html
    detail = client.get(late.get_absolute_url()).content.decode()
    assert "口头报告超时、系统首报超时" in detail
    assert f"超时(截止 {timezone.localtime(occurred + timedelta(minutes=30)):%Y-%m-%d %H:%M})" in detail
    assert "按时" in client.get(on_time.get_absolute_url()).content.decode()


def test_notices_show_on_the_township_list_until_the_report_is_in(lingxi_staff, fanshan_staff, client):
    occurred = timezone.now() - timedelta(minutes=40)
    incident = report(lingxi_staff, title="灵溪山体滑坡", occurred_at=occurred)
    report(fanshan_staff, title="矾山山体滑坡", occurred_at=occurred)
    tasks.flag_overdue_incident_reports()
    client.force_login(lingxi_staff)
    html = client.get(reverse("flood1833:incidents")).content.decode()
    assert "报送超时提醒 1 条" in html and "灵溪山体滑坡" in html and "矾山山体滑坡" not in html
    body = {"verbal_reported_at": (occurred + timedelta(minutes=35)).isoformat()}
    api_as(lingxi_staff).patch(reverse("incident-detail", args=[incident.pk]), body, format="json")
    assert "报送超时提醒" not in client.get(reverse("flood1833:incidents")).content.decode()


def test_the_job_is_in_the_beat_schedule_next_to_the_roll_calls(settings):
    entries = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert entries["flood1833.tasks.flag_overdue_incident_reports"] == timedelta(minutes=1)
    assert entries["flood1833.tasks.flag_unanswered_roll_calls"] == timedelta(minutes=1)


def test_the_migration_stores_the_breaches_of_incidents_already_reported(db):
    migration = importlib.import_module("flood1833.migrations.0003_incident_report_breaches_and_notices")
    occurred = timezone.now() - timedelta(hours=3)
    late = IncidentFactory(level=MAJOR, occurred_at=occurred, system_reported_at=occurred + timedelta(minutes=70))
    on_time = IncidentFactory(
        level=MAJOR,
        occurred_at=occurred,
        verbal_reported_at=occurred + timedelta(minutes=30),
        system_reported_at=occurred + timedelta(minutes=60),
    )
    ordinary = IncidentFactory(occurred_at=occurred)
    migration.store_past_breaches(apps, None)
    late.refresh_from_db()
    assert late.verbal_breached_at == occurred + timedelta(minutes=30)
    assert late.system_breached_at == occurred + timedelta(minutes=60)
    for incident in (on_time, ordinary):
        incident.refresh_from_db()
        assert (incident.verbal_breached_at, incident.system_breached_at) == (None, None)
    assert not IncidentNotice.objects.exists()  # the backlog sends no notices


def test_a_township_reports_an_incident_and_adds_an_update(lingxi_staff, client):
    api = api_as(lingxi_staff)
    now = timezone.now()
    body = {"title": "山洪冲毁便桥", "township": lingxi_staff.region.pk, "occurred_at": now.isoformat()}
    created = api.post(reverse("incident-list"), body, format="json")
    assert created.status_code == 201, created.json()
    update = api.post(reverse("incident-updates", args=[created.json()["id"]]), {"text": "已设置警戒"}, format="json")
    assert update.status_code == 201
    early = {**body, "verbal_reported_at": (now - timedelta(minutes=5)).isoformat()}
    assert api.post(reverse("incident-list"), early, format="json").status_code == 400
    client.force_login(lingxi_staff)
    assert "已设置警戒" in client.get(reverse("flood1833:incident", args=[created.json()["id"]])).content.decode()


def test_an_incident_cannot_be_attached_to_an_event_out_of_scope(lingxi_staff):
    far = ResponseEventFactory(region=township("矾山镇"), name="矾山镇强降雨")
    body = {
        "township": township("灵溪镇").pk,
        "event": far.pk,
        "occurred_at": timezone.now().isoformat(),
        "text": "山体滑坡",
    }
    refused = api_as(lingxi_staff).post(reverse("incident-list"), body, format="json")
    assert refused.status_code == 400 and "event" in refused.json()
