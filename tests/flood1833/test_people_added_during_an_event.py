"""People registered or imported after the stage was raised are opened a transfer at once,
by the same rule as a stage change (何时转: ZoneRule over DEFAULT_MOVE_STAGE), and only once."""

import pytest
from django.urls import reverse

from flood1833 import services
from flood1833.models import Transfer, ZoneKind, ZoneRule
from tests.conftest import api_as
from tests.factories import DangerZoneFactory, ResponseEventFactory, id_number, township, village
from tests.flood1833.test_import import upload, workbook

pytestmark = pytest.mark.django_db


def register(user, serial: int, zone=None, **extra):
    body = {"name": f"新登记{serial}", "id_number": id_number(serial), "village": village("测试一村").pk, **extra}
    if zone is not None:
        body["zone"] = zone.pk
    response = api_as(user).post(reverse("person-list"), body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def transfers_of(person_id):
    return list(Transfer.objects.filter(person_id=person_id).values_list("event__name", "status", "zone_kind"))


def test_a_person_registered_after_the_stage_was_raised_is_due_at_once(lingxi_staff, typhoon):
    typhoon(stage=3, name="利奇马")
    slope = DangerZoneFactory(kind=ZoneKind.LANDSLIDE)
    person = register(lingxi_staff, 101, zone=slope)
    assert transfers_of(person) == [("利奇马", "pending", "landslide")]
    # Editing them again opens nothing twice.
    api_as(lingxi_staff).patch(reverse("person-detail", args=[person]), {"phone": "13800000000"}, format="json")
    assert len(transfers_of(person)) == 1


def test_below_their_zone_s_stage_nothing_opens_until_the_stage_is_reached(lingxi_staff, county_admin, typhoon):
    event = typhoon(stage=2)
    boat_owner = register(lingxi_staff, 102, zone=DangerZoneFactory(kind=ZoneKind.FISHING_BOAT))
    hillside = register(lingxi_staff, 103, zone=DangerZoneFactory(kind=ZoneKind.LANDSLIDE))
    without_zone = register(lingxi_staff, 104)
    assert len(transfers_of(boat_owner)) == 1  # boats move from IV级 (order 2)
    assert transfers_of(hillside) == [] and transfers_of(without_zone) == []
    services.change_stage(event=event, actor=county_admin, stage_order=3, note="测试")
    assert len(transfers_of(hillside)) == 1 and len(transfers_of(without_zone)) == 1
    assert Transfer.objects.filter(event=event).count() == 3


def test_the_bureau_s_zone_rule_decides_as_on_a_stage_change(lingxi_staff, typhoon):
    ZoneRule.objects.update_or_create(kind=ZoneKind.LANDSLIDE, defaults={"stage_order": 4})
    typhoon(stage=3)
    assert transfers_of(register(lingxi_staff, 105, zone=DangerZoneFactory(kind=ZoneKind.LANDSLIDE))) == []


def test_ended_lifted_and_other_townships_events_open_nothing(lingxi_staff, county_admin, typhoon):
    services.end_event(event=typhoon(stage=3, name="已结束"), actor=county_admin, note="测试")
    typhoon(stage=6, name="已解除")  # 解除: the response is lifted
    rainstorm = ResponseEventFactory(name="矾山暴雨", region=township("矾山镇"))
    services.change_stage(event=rainstorm, actor=county_admin, stage_order=3, note="测试")
    assert transfers_of(register(lingxi_staff, 106)) == []


def test_people_imported_during_an_event_are_due_at_once_and_a_second_import_adds_nothing(lingxi_staff, typhoon):
    event = typhoon(stage=3)
    village("测试一村")
    rows = [
        [1, "陈一", id_number(111), "", "测试一村", "", "", ""],
        [2, "陈二", id_number(112), "", "测试一村", "", "", ""],
    ]
    assert upload(lingxi_staff, workbook(rows)).status_code == 200
    assert set(Transfer.objects.filter(event=event).values_list("person__name", flat=True)) == {"陈一", "陈二"}
    assert upload(lingxi_staff, workbook(rows)).status_code == 200
    assert Transfer.objects.filter(event=event).count() == 2


@pytest.mark.django_db(transaction=True)
def test_people_registered_while_the_stage_is_raised_get_exactly_one_transfer():
    """PostgreSQL: whichever of the stage change and the registration commits first, each person
    registered at that moment ends with one transfer, never none and never two."""
    from django.db import connection

    from flood1833.models import DangerZone, TransferPerson
    from org.models import User
    from org.services import create_portal_user
    from tests.factories import PASSWORD, county, ensure_seeded
    from tests.hazards3030.test_concurrency import run_at_once

    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (CI sets DATABASE_URL)")
    ensure_seeded()
    admin = create_portal_user(username="race", password=PASSWORD, role=User.Role.COUNTY_ADMIN, region=county())
    slope = DangerZoneFactory(kind=ZoneKind.LANDSLIDE)
    for round_ in range(4):
        event = services.change_stage(event=ResponseEventFactory(), actor=admin, stage_order=2, note="测试")

        def work(i, event=event, round_=round_):
            if i == 0:
                return services.change_stage(event=event, actor=admin, stage_order=3, note="测试")
            zone = DangerZone.objects.get(pk=slope.pk)
            return services.save_person(
                actor=admin,
                name=f"同时{round_}-{i}",
                id_number=id_number(500 + 10 * round_ + i),
                village=zone.village,
                zone=zone,
            )

        results = run_at_once(4, work)
        assert not [r for r in results if isinstance(r, Exception)], results
        added = TransferPerson.objects.filter(name__startswith=f"同时{round_}-")
        assert added.count() == 3
        assert Transfer.objects.filter(event=event, person__in=added).count() == 3
