"""Checking off 633 measures, and the county's completion by level and township."""

import pytest
from django.urls import reverse

from flood1833 import live
from flood1833.models import MatrixTask
from tests.conftest import api_as
from tests.factories import village

pytestmark = pytest.mark.django_db


def test_a_cadre_sees_and_checks_off_only_their_own_village_tasks(cadre, other_cadre, typhoon):
    event = typhoon(stage=1)
    api = api_as(cadre)
    rows = api.get(reverse("matrix-task-list"), {"event": event.pk, "page_size": 500}).json()["results"]
    assert rows and {row["region_name"] for row in rows} == {"测试一村"}
    task = MatrixTask.objects.get(pk=rows[0]["id"])
    done = api.post(reverse("matrix-task-done", args=[task.pk]), {"note": "已通知到户"}, format="json")
    assert done.status_code == 200
    assert done.json()["done_by"] == cadre.username and done.json()["note"] == "已通知到户"
    assert api.post(reverse("matrix-task-done", args=[task.pk]), {}, format="json").status_code == 409
    other = api_as(other_cadre).post(reverse("matrix-task-done", args=[task.pk]), {}, format="json")
    assert other.status_code == 404


def test_the_county_sees_completion_by_level_and_by_township(county_admin, lingxi_staff, typhoon):
    village("测试一村")
    event = typhoon(stage=1)
    township_task = MatrixTask.objects.filter(event=event, township__name="灵溪镇", level__order=1).first()
    api_as(lingxi_staff).post(reverse("matrix-task-done", args=[township_task.pk]), {}, format="json")
    figures = live.matrix_completion(event=event, user=county_admin)
    levels = {row["name"]: row for row in figures["by_level"]}
    assert levels["乡级"]["done"] == 1 and levels["乡级"]["total"] == 18 * 3
    lingxi = next(row for row in figures["by_township"] if row["name"] == "灵溪镇")
    assert lingxi["done"] == 1
    assert {row["name"] for row in live.matrix_completion(event=event, user=lingxi_staff)["by_township"]} == {"灵溪镇"}


def test_the_event_page_shows_stage_buttons_and_the_633_table(client, county_admin, typhoon):
    event = typhoon(stage=2)
    client.force_login(county_admin)
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'data-stage="6"' in html and "matrix-levels" in html and "乡级" in html
    response = client.post(reverse("flood1833:event-stage", args=[event.pk]), {"stage_order": 3, "note": "测试"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.stage.order == 3


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_checking_off_on_the_page_never_redirects_to_another_site(client, cadre, typhoon, target):
    event = typhoon(stage=1)
    task = MatrixTask.objects.filter(event=event, region=cadre.region).first()
    client.force_login(cadre)
    response = client.post(reverse("flood1833:task-done", args=[task.pk]), {"next": target})
    assert response.status_code == 302 and response["Location"] == reverse("flood1833:tasks")
    assert MatrixTask.objects.get(pk=task.pk).done_at is not None
    back = client.post(reverse("flood1833:task-done", args=[task.pk]), {"next": "/flood/tasks/?event=1"})
    assert back["Location"] == "/flood/tasks/?event=1"
