"""A safer command: stage changes and 结束 ask for confirmation and a reason, kept in the stage
history; one open event per area unless a county administrator opens a second on purpose; the
633 filters combine."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from flood1833 import services
from flood1833.models import MatrixTask, ResponseEvent, StageChange
from org.errors import Conflict
from tests.conftest import api_as
from tests.factories import ResponseEventFactory, township, village

pytestmark = pytest.mark.django_db


def test_a_stage_button_asks_first_and_a_reason_is_required(client, county_admin, typhoon):
    event = typhoon(stage=2)
    client.force_login(county_admin)
    url = reverse("flood1833:event-stage", args=[event.pk])
    ask = client.get(url, {"stage_order": 6}).content.decode()
    assert "确认将响应阶段由“IV级”调整为“解除”" in ask and 'name="note"' in ask
    assert ResponseEvent.objects.get(pk=event.pk).stage.order == 2  # asking changes nothing
    client.post(url, {"stage_order": 6, "note": ""})
    assert ResponseEvent.objects.get(pk=event.pk).stage.order == 2
    client.post(url, {"stage_order": 6, "note": "台风已减弱"})
    assert ResponseEvent.objects.get(pk=event.pk).stage.order == 6
    assert StageChange.objects.filter(event=event).last().note == "台风已减弱"


def test_ending_asks_first_and_records_the_reason_in_the_stage_history(client, county_admin, typhoon):
    event = typhoon(stage=3)
    client.force_login(county_admin)
    url = reverse("flood1833:event-end", args=[event.pk])
    assert "确认结束" in client.get(url).content.decode()
    client.post(url, {"note": ""})
    assert ResponseEvent.objects.get(pk=event.pk).ended_at is None
    client.post(url, {"note": "影响结束"})
    assert ResponseEvent.objects.get(pk=event.pk).ended_at is not None
    last = StageChange.objects.filter(event=event).last()
    assert last.to_stage is None and last.note == "影响结束" and last.actor == county_admin
    assert "结束本次过程" in client.get(event.get_absolute_url()).content.decode()


def test_the_api_refuses_a_stage_change_or_an_end_without_a_reason(county_admin, typhoon):
    event = typhoon(stage=2)
    api = api_as(county_admin)
    assert api.post(reverse("event-stage", args=[event.pk]), {"stage": 3}, format="json").status_code == 400
    assert api.post(reverse("event-end", args=[event.pk]), {}, format="json").status_code == 400
    ended = api.post(reverse("event-end", args=[event.pk]), {"note": "结束"}, format="json")
    assert ended.status_code == 200 and ended.json()["ended_at"]
    changes = api.get(reverse("event-changes", args=[event.pk])).json()
    assert changes[-1]["to_stage"] == "" and changes[-1]["note"] == "结束"
    with pytest.raises(ValidationError):
        services.change_stage(event=typhoon(stage=1), actor=county_admin, stage_order=2, note=" ")


def test_one_open_event_per_area_unless_the_county_opens_a_second_on_purpose(county_admin, lingxi_staff):
    first = services.create_event(actor=county_admin, name="第3号台风")
    with pytest.raises(Conflict):
        services.create_event(actor=county_admin, name="第4号台风")
    with pytest.raises(Conflict):  # a township's rainstorm inside the county's typhoon
        services.create_event(actor=lingxi_staff, name="局地强降雨", kind="rainstorm")
    with pytest.raises(PermissionDenied):
        services.create_event(actor=lingxi_staff, name="局地强降雨", kind="rainstorm", second=True)
    second = services.create_event(actor=county_admin, name="第4号台风", second=True)
    assert set(ResponseEvent.objects.filter(ended_at__isnull=True)) == {first, second}
    services.end_event(event=first, actor=county_admin, note="结束")
    services.end_event(event=second, actor=county_admin, note="结束")
    assert services.create_event(actor=lingxi_staff, name="局地强降雨", kind="rainstorm").region == township("灵溪镇")


def test_with_two_open_events_every_page_lets_the_user_choose(client, county_admin):
    village("测试一村")
    first = ResponseEventFactory(name="第3号台风")
    second = ResponseEventFactory(name="第4号台风")
    client.force_login(county_admin)
    html = client.get(reverse("flood1833:tasks")).content.decode()
    banner = re.search(r'<div class="typhoon-banner.*?</div>', html, re.S)[0]
    assert "第3号台风" in banner and "第4号台风" in banner
    assert f"?event={first.pk}" in banner and f"?event={second.pk}" in banner


def test_the_633_filters_combine_with_the_current_stage(client, county_admin, lingxi_staff, typhoon):
    event = typhoon(stage=2)
    stale = MatrixTask.objects.filter(event=event, township=township("灵溪镇")).first()
    services.change_stage(event=event, actor=county_admin, stage_order=3, note="升级")
    client.force_login(lingxi_staff)
    response = client.get(reverse("flood1833:tasks"), {"done": "false"})
    listed = {task.pk for task in response.context["object_list"]}
    assert stale.pk not in listed and listed
    assert {task.stage.order for task in response.context["object_list"]} == {3}
    # The stage named in the query wins; a blank one means every stage.
    everything = client.get(reverse("flood1833:tasks"), {"done": "false", "stage": "", "event": event.pk})
    assert stale.pk in {task.pk for task in everything.context["paginator"].object_list}
