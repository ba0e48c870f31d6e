"""避灾点入住登记: a shelter manager checks moved people in against the capacity and checks them
out to relatives, or home once the response is lifted; a form submitted twice counts once."""

import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flood1833 import services
from flood1833.models import Transfer, TransferStep
from tests.factories import ShelterFactory, TransferPersonFactory, township, village

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def present(html: str) -> int:
    return int(re.search(r'id="shelter-present">(\d+)<', html).group(1))


@pytest.fixture
def shelter(db):
    return ShelterFactory(name="灵溪一小", township=township("灵溪镇"), capacity=2)


@pytest.fixture
def moved(typhoon, cadre):
    """Three people of 测试一村 moved out in the current typhoon, not yet checked in."""
    people = [TransferPersonFactory(name=name, village=village("测试一村")) for name in ("陈阿婆", "林阿公", "吴小妹")]
    event = typhoon(stage=3)
    transfers = [Transfer.objects.get(event=event, person=person) for person in people]
    for transfer in transfers:
        services.confirm_transfer(transfer=transfer, actor=cadre, status="moved", location="村委会")
    return transfers


def stay(client, shelter, transfer, status="sheltered", request_id=None):
    body = {"transfer": transfer.pk, "status": status, "request_id": request_id or str(uuid.uuid4())}
    return client.post(reverse("flood1833:shelter-checkin", args=[shelter.pk]), body, follow=True)


def test_the_page_shows_the_head_count_and_who_can_check_in(client, lingxi_staff, shelter, moved):
    ShelterFactory(name="矾山中学", township=township("矾山镇"))
    client.force_login(lingxi_staff)
    html = page(client.get(reverse("flood1833:shelter-checkin", args=[shelter.pk])))
    assert present(html) == 0 and 'id="shelter-capacity">2<' in html
    assert all(f'data-transfer="{t.pk}"' in html for t in moved)
    assert len(set(re.findall(r'name="request_id" value="([0-9a-f-]{36})"', html))) == 3
    assert moved[0].person.id_number not in html and moved[0].person.masked_id_number in html


def test_a_check_in_shelters_the_person_here_and_raises_the_count(client, lingxi_staff, shelter, moved):
    client.force_login(lingxi_staff)
    html = page(stay(client, shelter, moved[0]))
    transfer = Transfer.objects.get(pk=moved[0].pk)
    assert (transfer.status, transfer.shelter, transfer.updated_by) == ("sheltered", shelter, lingxi_staff)
    step = transfer.steps.last()
    assert (step.from_status, step.to_status, step.shelter) == ("moved", "sheltered", shelter)
    assert present(html) == 1 and "陈阿婆:已安置" in html


def test_the_same_form_submitted_twice_is_applied_once(client, lingxi_staff, shelter, moved):
    client.force_login(lingxi_staff)
    request_id = str(uuid.uuid4())
    stay(client, shelter, moved[0], request_id=request_id)
    again = page(stay(client, shelter, moved[0], request_id=request_id))
    assert "已办理过" in again and present(again) == 1
    assert TransferStep.objects.filter(transfer=moved[0], to_status="sheltered").count() == 1


def test_a_full_shelter_refuses_with_the_message_and_the_count_stays(client, lingxi_staff, shelter, moved):
    client.force_login(lingxi_staff)
    stay(client, shelter, moved[0])
    stay(client, shelter, moved[1])
    response = stay(client, shelter, moved[2])
    html = page(response)
    assert response.status_code == 200
    assert "安置场所“灵溪一小”已满(容纳2人,已安置2人)" in html and present(html) == 2
    assert Transfer.objects.get(pk=moved[2].pk).status == "moved"
    assert Transfer.objects.sheltered_at(shelter).count() == 2


def test_check_out_to_relatives_frees_a_place(client, lingxi_staff, shelter, moved):
    client.force_login(lingxi_staff)
    stay(client, shelter, moved[0])
    html = page(stay(client, shelter, moved[0], status="with_relatives"))
    assert Transfer.objects.get(pk=moved[0].pk).status == "with_relatives" and present(html) == 0


def test_going_home_waits_until_the_response_is_lifted(client, lingxi_staff, county_admin, shelter, moved):
    client.force_login(lingxi_staff)
    stay(client, shelter, moved[0])
    early = page(stay(client, shelter, moved[0], status="returned"))
    assert "响应尚未解除,不能返回" in early and present(early) == 1
    assert Transfer.objects.get(pk=moved[0].pk).status == "sheltered"
    services.change_stage(event=moved[0].event, actor=county_admin, stage_order=6, note="测试")
    stay(client, shelter, moved[0], status="returned")
    assert Transfer.objects.get(pk=moved[0].pk).status == "returned"


def test_only_people_checked_in_here_can_be_checked_out_here(client, lingxi_staff, shelter, moved):
    elsewhere = ShelterFactory(name="灵溪二小", township=township("灵溪镇"))
    client.force_login(lingxi_staff)
    stay(client, elsewhere, moved[0])
    assert stay(client, shelter, moved[0], status="with_relatives").status_code == 404
    assert Transfer.objects.get(pk=moved[0].pk).status == "sheltered"


def test_a_village_cadre_checks_in_their_own_people_only(client, cadre, other_cadre, shelter, moved):
    client.force_login(other_cadre)
    assert stay(client, shelter, moved[0]).status_code == 404
    client.force_login(cadre)
    assert "陈阿婆:已安置" in page(stay(client, shelter, moved[0]))


def test_another_townships_shelter_is_not_found(client, fanshan_staff, shelter, moved):
    client.force_login(fanshan_staff)
    assert client.get(reverse("flood1833:shelter-checkin", args=[shelter.pk])).status_code == 404
    assert stay(client, shelter, moved[0]).status_code == 404
    assert Transfer.objects.get(pk=moved[0].pk).status == "moved"


def test_a_form_without_its_request_id_is_refused(client, lingxi_staff, shelter, moved):
    client.force_login(lingxi_staff)
    url = reverse("flood1833:shelter-checkin", args=[shelter.pk])
    client.post(url, {"transfer": moved[0].pk, "status": "sheltered"})
    assert Transfer.objects.get(pk=moved[0].pk).status == "moved"


def test_the_page_costs_the_same_with_more_people(client, lingxi_staff, shelter, moved):
    client.force_login(lingxi_staff)
    url = reverse("flood1833:shelter-checkin", args=[shelter.pk])
    stay(client, shelter, moved[0])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries()
    event, home = moved[0].event, moved[0].village
    for status in ("moved", "moved", "sheltered"):
        person = TransferPersonFactory(village=home)
        where = shelter if status == "sheltered" else None
        Transfer.objects.create(
            event=event, person=person, village=home, township=home.parent, status=status, shelter=where
        )
    assert queries() == before
