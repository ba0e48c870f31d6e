"""Raising and lowering an event's response stage: the 633 tasks and the transfers it opens."""

import pytest
from django.urls import reverse

from flood1833.models import MatrixTask, ResponseEvent, StageChange, Transfer, ZoneKind, ZoneRule
from org.models import Region
from plan.models import StageMeasure
from tests.conftest import api_as
from tests.factories import DangerZoneFactory, ResponseEventFactory, TransferPersonFactory, village

pytestmark = pytest.mark.django_db


def expected_tasks(order: int) -> int:
    townships = Region.objects.townships().filter(path__startswith=Region.objects.get(name="苍南县").path).count()
    villages = Region.objects.villages().count()
    measures = StageMeasure.objects.filter(stage__order=order)
    return measures.filter(level__order=1).count() * townships + measures.exclude(level__order=1).count() * villages


def test_the_county_starts_an_event_and_raises_it_through_the_api(county_admin):
    village("测试一村")
    api = api_as(county_admin)
    created = api.post(reverse("event-list"), {"name": "2024年第3号台风", "kind": "typhoon"}, format="json")
    assert created.status_code == 201, created.json()
    raised = api.post(reverse("event-stage", args=[created.json()["id"]]), {"stage": 2, "note": "测试"}, format="json")
    assert raised.status_code == 200
    assert raised.json()["stage_name"] == "IV级"
    assert MatrixTask.objects.filter(event_id=created.json()["id"]).count() == expected_tasks(2)


def test_raising_lowering_and_raising_again_never_duplicates_tasks(county_admin, typhoon):
    village("测试一村")
    event = typhoon(stage=3)
    api = api_as(county_admin)
    for order in (2, 3, 2, 3):
        assert (
            api.post(
                reverse("event-stage", args=[event.pk]), {"stage": order, "note": "测试"}, format="json"
            ).status_code
            == 200
        )
    assert MatrixTask.objects.filter(event=event, stage__order=3).count() == expected_tasks(3)
    assert MatrixTask.objects.filter(event=event, stage__order=2).count() == expected_tasks(2)
    assert MatrixTask.objects.filter(event=event).count() == expected_tasks(2) + expected_tasks(3)
    history = list(StageChange.objects.filter(event=event).values_list("to_stage__order", flat=True))
    assert history == [3, 2, 3, 2, 3]
    assert StageChange.objects.filter(event=event, actor=county_admin).count() == 5


def test_the_same_stage_twice_is_a_conflict(county_admin, typhoon):
    event = typhoon(stage=2)
    response = api_as(county_admin).post(
        reverse("event-stage", args=[event.pk]), {"stage": 2, "note": "测试"}, format="json"
    )
    assert response.status_code == 409
    assert "已处于" in response.json()["detail"]


def test_a_township_cannot_change_the_county_stage_and_a_cadre_cannot_see_another_area(lingxi_staff, typhoon):
    event = typhoon(stage=1)
    response = api_as(lingxi_staff).post(
        reverse("event-stage", args=[event.pk]), {"stage": 2, "note": "测试"}, format="json"
    )
    assert response.status_code == 403
    assert ResponseEvent.objects.get(pk=event.pk).stage.order == 1


def test_transfers_open_when_a_zone_kind_reaches_its_stage_and_only_once(county_admin, typhoon):
    boats = DangerZoneFactory(kind=ZoneKind.FISHING_BOAT)
    slope = DangerZoneFactory(kind=ZoneKind.LANDSLIDE)
    fisher, hillside = TransferPersonFactory(zone=boats), TransferPersonFactory(zone=slope)
    event = typhoon(stage=2)
    assert set(Transfer.objects.filter(event=event).values_list("person", flat=True)) == {fisher.pk}
    api = api_as(county_admin)
    for order in (3, 2, 3):
        api.post(reverse("event-stage", args=[event.pk]), {"stage": order, "note": "测试"}, format="json")
    assert set(Transfer.objects.filter(event=event).values_list("person", flat=True)) == {fisher.pk, hillside.pk}
    assert Transfer.objects.filter(event=event).count() == 2


def test_the_bureau_sets_when_each_zone_kind_moves(county_admin, typhoon):
    ZoneRule.objects.update_or_create(kind=ZoneKind.LANDSLIDE, defaults={"stage_order": 1})
    person = TransferPersonFactory(zone=DangerZoneFactory(kind=ZoneKind.LANDSLIDE))
    event = typhoon(stage=1)
    assert Transfer.objects.filter(event=event, person=person, status="pending").exists()


def test_a_local_rainstorm_opens_tasks_only_in_its_township(county_admin):
    village("测试一村")
    event = ResponseEventFactory(region=Region.objects.get(name="灵溪镇"))
    api_as(county_admin).post(reverse("event-stage", args=[event.pk]), {"stage": 1, "note": "测试"}, format="json")
    townships = set(MatrixTask.objects.filter(event=event).values_list("township__name", flat=True))
    assert townships == {"灵溪镇"}
