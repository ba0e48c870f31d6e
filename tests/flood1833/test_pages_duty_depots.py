"""值班表 and 物资储备 pages: the township sets its own rosters and keeps its own depots, the county
anywhere; village cadres read."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from flood1833.models import Depot, DepotItem, DutyShift
from org.models import User
from plan.models import CommandGroup
from tests.factories import DepotFactory, DepotItemFactory, DutyShiftFactory, UserFactory, township, village

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def officer(db) -> User:
    return UserFactory(username="t_duty", first_name="王值班", region=township("灵溪镇"))


def shift_form(who: User, **changes) -> dict:
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=1)
    data = {"region": township("灵溪镇").pk, "group": CommandGroup.objects.order_by("order").first().pk}
    return {
        **data,
        "officer": who.pk,
        "starts_at": local(start),
        "ends_at": local(start + timedelta(hours=8)),
        **changes,
    }


def depot_form(**changes) -> dict:
    data = {"name": "灵溪镇防汛物资仓库", "kind": Depot.Kind.GOVERNMENT, "region": township("灵溪镇").pk}
    return {**data, "manager_name": "陈仓管", "manager_phone": "13800000003", "lat": "", "lng": "", **changes}


# --- Duty rosters ---------------------------------------------------------------------------


def test_township_staff_set_a_shift_and_see_it_on_the_roster(client, lingxi_staff, officer):
    client.force_login(lingxi_staff)
    response = client.post(reverse("flood1833:duty-new"), shift_form(officer))
    assert response.status_code == 302 and response.url == reverse("flood1833:duty")
    shift = DutyShift.objects.get()
    assert (shift.region, shift.officer, shift.ends_at - shift.starts_at) == (
        township("灵溪镇"),
        officer,
        timedelta(hours=8),
    )
    assert shift.history.get().history_user == lingxi_staff
    html = page(client.get(reverse("flood1833:duty")))
    assert "王值班" in html and reverse("flood1833:duty-edit", args=[shift.pk]) in html


def test_a_shift_is_moved_to_another_time(client, lingxi_staff, officer):
    shift = DutyShiftFactory(officer=officer)
    later = timezone.now().replace(second=0, microsecond=0) + timedelta(days=1)
    client.force_login(lingxi_staff)
    form = shift_form(officer, starts_at=local(later), ends_at=local(later + timedelta(hours=12)))
    assert client.post(reverse("flood1833:duty-edit", args=[shift.pk]), form).status_code == 302
    shift.refresh_from_db()
    assert shift.starts_at == later and shift.history.first().history_type == "~"


def test_a_shift_that_ends_before_it_starts_is_refused_in_chinese(client, lingxi_staff, officer):
    form = shift_form(officer)
    client.force_login(lingxi_staff)
    response = client.post(reverse("flood1833:duty-new"), {**form, "ends_at": form["starts_at"]})
    assert response.status_code == 200 and "结束时间须晚于开始时间" in page(response)
    assert not DutyShift.objects.exists()


def test_an_officer_from_another_township_is_refused_even_for_the_county(client, county_admin):
    outsider = UserFactory(username="t_duty_far", first_name="林外镇", region=township("矾山镇"))
    client.force_login(county_admin)
    response = client.post(reverse("flood1833:duty-new"), shift_form(outsider))
    assert response.status_code == 200 and "值班人员须在该指挥部所在区划内工作" in page(response)
    assert not DutyShift.objects.exists()


def test_township_staff_cannot_roster_or_edit_another_township(client, lingxi_staff, officer):
    outside = DutyShiftFactory(region=township("矾山镇"))
    stranger = UserFactory(region=township("矾山镇"))
    client.force_login(lingxi_staff)
    assert client.get(reverse("flood1833:duty-edit", args=[outside.pk])).status_code == 404
    for changes in ({"region": township("矾山镇").pk}, {"officer": stranger.pk}):
        assert "选择一个有效的选项" in page(client.post(reverse("flood1833:duty-new"), shift_form(officer, **changes)))
    assert list(DutyShift.objects.all()) == [outside]


def test_village_cadres_cannot_roster(client, cadre, officer):
    shift = DutyShiftFactory(officer=officer)
    client.force_login(cadre)
    response = client.get(reverse("flood1833:duty"))
    assert response.status_code == 200 and reverse("flood1833:duty-new") not in page(response)
    assert client.get(reverse("flood1833:duty-edit", args=[shift.pk])).status_code == 403
    assert client.post(reverse("flood1833:duty-new"), shift_form(officer)).status_code == 403
    assert DutyShift.objects.count() == 1


# --- Depots and their items -----------------------------------------------------------------


def test_township_staff_register_a_depot_and_its_items(client, lingxi_staff):
    client.force_login(lingxi_staff)
    assert client.post(reverse("flood1833:depot-new"), depot_form()).status_code == 302
    depot = Depot.objects.get()
    assert (depot.region, depot.manager_name) == (township("灵溪镇"), "陈仓管")
    add = f"{reverse('flood1833:depot-item-new')}?depot={depot.pk}"
    assert f'value="{depot.pk}" selected' in page(client.get(add))
    item = {"depot": depot.pk, "name": "救生衣", "quantity": "200", "unit": "件"}
    assert client.post(add, item).status_code == 302
    saved = DepotItem.objects.get()
    assert (saved.depot, saved.name, saved.quantity, saved.unit) == (depot, "救生衣", 200, "件")
    assert saved.history.get().history_user == lingxi_staff
    html = page(client.get(reverse("flood1833:depots")))
    assert "救生衣" in html and reverse("flood1833:depot-item-edit", args=[saved.pk]) in html


def test_an_items_quantity_and_a_depots_manager_are_corrected(client, lingxi_staff):
    item = DepotItemFactory(name="救生衣", quantity=200)
    client.force_login(lingxi_staff)
    edit = reverse("flood1833:depot-item-edit", args=[item.pk])
    assert client.post(edit, {"name": "救生衣", "quantity": "180", "unit": "件"}).status_code == 302
    item.refresh_from_db()
    assert (item.quantity, item.depot_id) == (180, item.depot_id)
    assert item.history.first().history_type == "~"
    depot = item.depot
    client.post(reverse("flood1833:depot-edit", args=[depot.pk]), depot_form(name=depot.name, manager_name="林仓管"))
    depot.refresh_from_db()
    assert depot.manager_name == "林仓管"


def test_a_negative_quantity_or_a_repeated_item_is_refused(client, lingxi_staff):
    item = DepotItemFactory(name="救生衣", quantity=200)
    client.force_login(lingxi_staff)
    add = reverse("flood1833:depot-item-new")
    negative = {"depot": item.depot_id, "name": "沙袋", "quantity": "-1", "unit": "袋"}
    assert "大于或等于0" in page(client.post(add, negative))
    repeated = {"depot": item.depot_id, "name": "救生衣", "quantity": "5", "unit": "件"}
    assert "储备物资 已经存在" in page(client.post(add, repeated))
    assert list(DepotItem.objects.values_list("name", "quantity")) == [("救生衣", 200)]


def test_township_staff_cannot_touch_another_townships_depot(client, lingxi_staff):
    outside = DepotItemFactory(depot=DepotFactory(region=township("矾山镇")), quantity=50)
    client.force_login(lingxi_staff)
    assert client.get(reverse("flood1833:depot-edit", args=[outside.depot_id])).status_code == 404
    edit = reverse("flood1833:depot-item-edit", args=[outside.pk])
    assert client.post(edit, {"name": outside.name, "quantity": "0", "unit": "件"}).status_code == 404
    add = {"depot": outside.depot_id, "name": "沙袋", "quantity": "5", "unit": "袋"}
    assert "选择一个有效的选项" in page(client.post(reverse("flood1833:depot-item-new"), add))
    assert "选择一个有效的选项" in page(
        client.post(reverse("flood1833:depot-new"), depot_form(region=township("矾山镇").pk))
    )
    assert list(DepotItem.objects.values_list("quantity", flat=True)) == [50]
    assert Depot.objects.count() == 1


def test_a_depot_may_sit_in_a_village_of_the_township(client, lingxi_staff):
    client.force_login(lingxi_staff)
    client.post(reverse("flood1833:depot-new"), depot_form(region=village("测试一村").pk, kind=Depot.Kind.SOCIAL))
    assert Depot.objects.get().region == village("测试一村")


def test_village_cadres_cannot_change_reserves(client, cadre):
    item = DepotItemFactory(depot=DepotFactory(region=village("测试一村")), quantity=200)
    client.force_login(cadre)
    html = page(client.get(reverse("flood1833:depots")))
    assert item.name in html and reverse("flood1833:depot-new") not in html
    edit = reverse("flood1833:depot-item-edit", args=[item.pk])
    assert client.post(edit, {"name": item.name, "quantity": "0", "unit": "件"}).status_code == 403
    assert DepotItem.objects.get().quantity == 200
