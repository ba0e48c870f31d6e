"""The village cadre's field page: filtered and paged on the server, and usable without JavaScript
(each button posts the page's form, the server confirms once and redirects back with a message)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flood1833.models import Transfer, TransferStep
from org.models import User
from tests.factories import ShelterFactory, TransferPersonFactory, UserFactory, county, township, village

pytestmark = pytest.mark.django_db

FIELD = reverse("flood1833:field")


def names(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'<li class="person[^"]*"[^>]*data-name="([^"]+)"', response.content.decode())


def page_token(response) -> str:
    return re.search(r'name="request_id" value="([0-9a-f-]{36})"', response.content.decode())[1]


def tap(client, transfer, status, token, next_url=FIELD, **extra):
    """What the browser sends when a button is pressed with JavaScript off."""
    url = reverse("flood1833:field-confirm", args=[transfer.pk])
    return client.post(url, {"status": status, "request_id": token, "next": next_url, **extra})


@pytest.fixture
def transfer(typhoon):
    person = TransferPersonFactory(name="陈阿婆", phone="13800000000")
    return Transfer.objects.get(event=typhoon(stage=3), person=person)


@pytest.fixture
def as_cadre(client, cadre):
    client.force_login(cadre)
    return client


# --- Without JavaScript ---------------------------------------------------------------------


def test_the_buttons_are_a_plain_form_post_to_the_person_s_address(as_cadre, transfer):
    html = as_cadre.get(FIELD).content.decode()
    form = re.search(r'<form method="post" id="field-form">.*?</form>', html, re.S)[0]
    confirm = reverse("flood1833:field-confirm", args=[transfer.pk])
    assert (
        'name="csrfmiddlewaretoken"' in form and 'name="request_id"' in form and f'name="shelter-{transfer.pk}"' in form
    )
    assert f'<button type="submit" class="tap" name="status" value="moved" formaction="{confirm}"' in form


def test_a_tap_without_javascript_confirms_and_comes_back_to_the_same_list(as_cadre, cadre, transfer):
    listed = f"{FIELD}?status=to_move&page=1"
    token = page_token(as_cadre.get(listed))
    response = tap(as_cadre, transfer, "moved", token, next_url=listed)
    assert response.status_code == 302 and response["Location"] == f"{listed}#transfer-{transfer.pk}"
    assert Transfer.objects.get(pk=transfer.pk).status == "moved"
    step = TransferStep.objects.get(transfer=transfer)
    assert (step.from_status, step.to_status, step.actor) == ("pending", "moved", cadre)
    html = as_cadre.get(FIELD).content.decode()
    assert "陈阿婆:已确认“已转移”。" in html


def test_a_double_submit_is_applied_once_but_another_button_of_the_page_is_a_new_tap(as_cadre, transfer):
    token = page_token(as_cadre.get(FIELD))
    tap(as_cadre, transfer, "notified", token)
    tap(as_cadre, transfer, "notified", token)
    assert list(TransferStep.objects.filter(transfer=transfer).values_list("to_status", flat=True)) == ["notified"]
    assert "已经提交过,没有重复记录" in as_cadre.get(FIELD).content.decode()
    # Back on the same (stale) page, the next button is still a tap of its own.
    tap(as_cadre, transfer, "moved", token)
    assert TransferStep.objects.filter(transfer=transfer).count() == 2
    assert Transfer.objects.get(pk=transfer.pk).status == "moved"


def test_a_refused_move_shows_the_service_s_message_on_the_person(as_cadre, transfer):
    tap(as_cadre, transfer, "moved", page_token(as_cadre.get(FIELD)))
    tap(as_cadre, transfer, "notified", page_token(as_cadre.get(FIELD)))
    html = as_cadre.get(FIELD).content.decode()
    card = re.search(rf'<li class="person[^"]*" id="transfer-{transfer.pk}".*?</li>', html, re.S)[0]
    assert "当前状态为“已转移”,不能改为“已通知”" in card
    assert Transfer.objects.get(pk=transfer.pk).status == "moved"


def test_check_in_uses_the_chosen_shelter_and_a_full_one_is_refused(as_cadre, transfer):
    shelter = ShelterFactory(name="灵溪一小", capacity=1)
    tap(as_cadre, transfer, "sheltered", page_token(as_cadre.get(FIELD)))
    assert "请选择安置场所" in as_cadre.get(FIELD).content.decode()
    tap(as_cadre, transfer, "sheltered", page_token(as_cadre.get(FIELD)), shelter=shelter.pk)
    assert Transfer.objects.get(pk=transfer.pk).shelter == shelter
    other = Transfer.objects.create(
        event=transfer.event,
        person=TransferPersonFactory(name="林阿公"),
        village=transfer.village,
        township=transfer.township,
    )
    tap(as_cadre, other, "sheltered", page_token(as_cadre.get(FIELD)), shelter=shelter.pk)
    assert "林阿公:安置场所“灵溪一小”已满" in as_cadre.get(FIELD).content.decode()
    assert Transfer.objects.get(pk=other.pk).status == "pending"


def test_the_chosen_shelter_stays_chosen_for_the_next_check_in(as_cadre, transfer):
    """Without JavaScript the page is drawn anew after every tap: the shelter just used comes back
    chosen on the next person's card, so a cadre checking in a family taps once per person."""
    from flood1833 import services

    TransferPersonFactory(name="林阿公")
    services.open_transfers(event=transfer.event, stage=transfer.event.stage)
    ShelterFactory(name="灵溪二小")
    shelter = ShelterFactory(name="灵溪一小")
    listed = f"{FIELD}?status=to_move&page=1&shelter=999"
    Transfer.objects.filter(pk=transfer.pk).update(status="moved")
    response = tap(
        as_cadre, transfer, "sheltered", page_token(as_cadre.get(listed)), next_url=listed, shelter=shelter.pk
    )
    assert response["Location"] == f"{FIELD}?status=to_move&page=1&shelter={shelter.pk}#transfer-{transfer.pk}"
    html = as_cadre.get(response["Location"]).content.decode()
    assert re.findall(r'<option value="(\d+)" selected>', html) == [str(shelter.pk)]
    assert f'<input type="hidden" name="shelter" value="{shelter.pk}">' in html  # kept by the filters too
    assert "陈阿婆:已确认“已安置”。" in html


def test_a_post_without_the_page_s_request_id_changes_nothing(as_cadre, transfer):
    response = as_cadre.post(reverse("flood1833:field-confirm", args=[transfer.pk]), {"status": "moved"})
    assert response.status_code == 302
    assert "页面已过期" in as_cadre.get(FIELD).content.decode()
    assert not TransferStep.objects.exists()


def test_another_village_s_person_is_404_and_a_foreign_next_is_ignored(client, other_cadre, cadre, transfer):
    client.force_login(other_cadre)
    token = page_token(client.get(FIELD))
    assert tap(client, transfer, "moved", token).status_code == 404
    assert Transfer.objects.get(pk=transfer.pk).status == "pending"
    client.force_login(cadre)
    response = tap(client, transfer, "moved", token, next_url="https://example.org/flood/field/")
    assert response["Location"] == f"{FIELD}#transfer-{transfer.pk}"


def test_read_only_leaders_see_no_buttons_and_cannot_post(client, transfer):
    leader = UserFactory(username="leader", role=User.Role.COUNTY_VIEWER, region=county())
    client.force_login(leader)
    response = client.get(FIELD)
    assert names(response) == ["陈阿婆"] and 'class="tap"' not in response.content.decode()
    tap(client, transfer, "moved", page_token(response))
    assert "不能确认转移" in client.get(FIELD).content.decode()
    assert Transfer.objects.get(pk=transfer.pk).status == "pending"


# --- Pages and filters ----------------------------------------------------------------------


def test_any_number_of_people_is_paged_and_the_pages_keep_the_filters(as_cadre, typhoon):
    for n in range(55):
        TransferPersonFactory(name=f"陈{n:03d}")
    typhoon(stage=3)
    first = as_cadre.get(FIELD, {"name": "陈"})
    assert len(names(first)) == 50 and names(first)[0] == "陈000"
    assert "共 55 人" in first.content.decode() and "?name=%E9%99%88&amp;page=2" in first.content.decode()
    assert names(as_cadre.get(FIELD, {"name": "陈", "page": 2})) == ["陈050", "陈051", "陈052", "陈053", "陈054"]
    # The list alone (a filter or a page changed without reloading the page) pages the same way.
    fragment = as_cadre.get(FIELD, {"name": "陈", "page": 2, "fragment": "list"})
    assert names(fragment) == ["陈050", "陈051", "陈052", "陈053", "陈054"]
    assert "<html" not in fragment.content.decode() and "fragment=list" not in fragment.content.decode()


def test_name_and_status_filters(as_cadre, cadre, typhoon):
    for name in ("陈阿婆", "林阿公", "吴小妹"):
        TransferPersonFactory(name=name)
    event = typhoon(stage=3)
    moved = Transfer.objects.get(event=event, person__name="林阿公")
    tap(as_cadre, moved, "moved", page_token(as_cadre.get(FIELD)))
    assert names(as_cadre.get(FIELD, {"name": "阿"})) == ["林阿公", "陈阿婆"]
    assert names(as_cadre.get(FIELD, {"status": "moved"})) == ["林阿公"]
    assert names(as_cadre.get(FIELD, {"status": "to_move"})) == ["吴小妹", "陈阿婆"]
    assert names(as_cadre.get(FIELD, {"status": "returned"})) == []


def test_a_cadre_sees_only_their_village_whatever_the_filters_say(as_cadre, typhoon):
    TransferPersonFactory(name="本村人")
    TransferPersonFactory(name="邻村人", village=village("测试二村"))
    TransferPersonFactory(name="矾山人", village=village("矾山一村", "矾山镇"))
    typhoon(stage=3)
    response = as_cadre.get(FIELD)
    assert names(response) == ["本村人"]
    assert 'name="township"' not in response.content.decode() and 'name="village"' not in response.content.decode()
    assert names(as_cadre.get(FIELD, {"village": village("测试二村").pk})) == []
    assert names(as_cadre.get(FIELD, {"township": township("矾山镇").pk})) == []


def test_a_township_filters_by_village_and_another_township_gives_nobody(client, lingxi_staff, typhoon):
    TransferPersonFactory(name="一村人")
    TransferPersonFactory(name="二村人", village=village("测试二村"))
    TransferPersonFactory(name="矾山人", village=village("矾山一村", "矾山镇"))
    typhoon(stage=3)
    client.force_login(lingxi_staff)
    everyone = client.get(FIELD)
    assert sorted(names(everyone)) == ["一村人", "二村人"]
    assert 'name="village"' in everyone.content.decode() and 'name="township"' not in everyone.content.decode()
    assert names(client.get(FIELD, {"village": village("测试二村").pk})) == ["二村人"]
    outside = client.get(FIELD, {"township": township("矾山镇").pk})
    assert names(outside) == [] and "不在本辖区内" in outside.content.decode()
    assert names(client.get(FIELD, {"village": village("矾山一村", "矾山镇").pk})) == []


def test_the_county_picks_a_township_then_its_villages(client, county_admin, typhoon):
    TransferPersonFactory(name="灵溪人")
    TransferPersonFactory(name="矾山人", village=village("矾山一村", "矾山镇"))
    typhoon(stage=3)
    client.force_login(county_admin)
    everyone = client.get(FIELD).content.decode()
    assert 'name="township"' in everyone and 'name="village"' not in everyone
    fanshan = client.get(FIELD, {"township": township("矾山镇").pk})
    assert names(fanshan) == ["矾山人"]
    villages = re.search(r'<select name="village".*?</select>', fanshan.content.decode(), re.S)[0]
    assert "矾山一村" in villages and "测试一村" not in villages


def test_the_field_page_makes_the_same_number_of_queries_at_any_size(client, county_admin, cadre, typhoon):
    ShelterFactory()
    TransferPersonFactory.create_batch(2)
    event = typhoon(stage=3)

    def count(params):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(FIELD, params)
        assert response.status_code == 200
        return len(names(response)), len(queries)

    client.force_login(county_admin)
    few = count({})
    filtered_few = count({"township": township("灵溪镇").pk, "status": "to_move", "name": "转移"})
    for index in range(40):
        TransferPersonFactory(village=village(f"测试{index % 5}村", ["灵溪镇", "矾山镇", "钱库镇"][index % 3]))
    ShelterFactory.create_batch(5)
    from flood1833 import services

    services.open_transfers(event=event, stage=event.stage)
    shelter = ShelterFactory(capacity=100)
    for transfer in Transfer.objects.filter(event=event)[:10]:
        services.confirm_transfer(transfer=transfer, actor=county_admin, status="sheltered", shelter=shelter)
    many = count({})
    filtered_many = count({"township": township("灵溪镇").pk, "status": "to_move", "name": "转移"})
    assert (few[0], many[0]) == (2, 42)
    assert many[1] == few[1] and filtered_many[1] == filtered_few[1]


@pytest.mark.parametrize("query", [{"township": "²"}, {"event": "²"}, {"village": "²"}])
def test_odd_digits_in_the_filters_are_no_error(client, lingxi_staff, typhoon, query):
    typhoon(stage=3)
    client.force_login(lingxi_staff)
    assert client.get(reverse("flood1833:field"), query).status_code in (200, 404)
