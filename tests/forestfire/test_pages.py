from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forestfire import services
from forestfire.models import ForestFire, ForestRisk, Hotspot
from tests.factories import township
from tests.forestfire.factories import ForestRiskFactory, HotspotFactory

pytestmark = pytest.mark.django_db


def test_the_phone_page_lists_open_hotspots_most_urgent_first_with_the_time_left(client, lingxi_staff):
    now = timezone.now()
    later = HotspotFactory(code="T-LATER", received_at=now - timedelta(minutes=5))
    sooner = HotspotFactory(code="T-SOONER", received_at=now - timedelta(minutes=50))
    HotspotFactory(code="T-OTHER", township=township("矾山镇"))
    HotspotFactory(code="T-DONE", verified_at=now, result="other")
    client.force_login(lingxi_staff)
    html = client.get(reverse("forestfire:field")).content.decode()
    assert html.index(sooner.code) < html.index(later.code)
    assert "T-OTHER" not in html and "T-DONE" not in html
    assert "剩余 9 分" in html or "剩余 10 分" in html


def test_with_the_phones_position_the_nearest_comes_first(client, lingxi_staff):
    now = timezone.now()
    HotspotFactory(code="T-FAR", lat=27.40, lng=120.40, received_at=now - timedelta(minutes=50))
    HotspotFactory(code="T-NEAR", lat=27.50, lng=120.40, received_at=now - timedelta(minutes=5))
    client.force_login(lingxi_staff)
    html = client.get(reverse("forestfire:field") + "?lat=27.501&lng=120.401").content.decode()
    assert html.index("T-NEAR") < html.index("T-FAR")


def test_arrival_and_result_are_plain_form_posts(client, lingxi_staff):
    hotspot = HotspotFactory()
    client.force_login(lingxi_staff)
    back = reverse("forestfire:field")
    response = client.post(reverse("forestfire:field-arrive", args=[hotspot.pk]), {"next": back})
    assert response.status_code == 302 and response["Location"].endswith(f"#hotspot-{hotspot.pk}")
    response = client.post(
        reverse("forestfire:field-verify", args=[hotspot.pk]),
        {"next": back, "result": "false_alarm", "feedback": "云层反光"},
    )
    hotspot.refresh_from_db()
    assert hotspot.result == "false_alarm" and hotspot.arrived_at and hotspot.feedback == "云层反光"
    assert f'id="hotspot-{hotspot.pk}"' not in client.get(back).content.decode()


def test_an_unknown_result_from_the_page_is_refused_with_a_message(client, lingxi_staff):
    hotspot = HotspotFactory()
    client.force_login(lingxi_staff)
    response = client.post(reverse("forestfire:field-verify", args=[hotspot.pk]), {"result": "烧荒"}, follow=True)
    assert Hotspot.objects.get(pk=hotspot.pk).verified_at is None
    assert "核查结果" in response.content.decode() or "选择" in response.content.decode()


def test_a_county_viewer_sees_the_page_but_cannot_verify(client, lingxi_staff):
    from org.models import User
    from tests.factories import UserFactory, county

    viewer = UserFactory(username="t_viewer", role=User.Role.COUNTY_VIEWER, region=county())
    hotspot = HotspotFactory()
    client.force_login(viewer)
    assert 'name="result"' not in client.get(reverse("forestfire:field")).content.decode()
    client.post(reverse("forestfire:field-verify", args=[hotspot.pk]), {"result": "other"})
    assert Hotspot.objects.get(pk=hotspot.pk).verified_at is None


def test_the_list_shows_breaches_and_the_notices(client, county_admin):
    hotspot = HotspotFactory(code="T-LATE", received_at=timezone.now() - timedelta(hours=3))
    services.flag_overdue_hotspots(now=timezone.now())
    client.force_login(county_admin)
    html = client.get(reverse("forestfire:hotspots")).content.decode()
    assert "核查超时提醒 1 条" in html and 'class="overdue"' in html and hotspot.code in html
    export = client.get(reverse("forestfire:hotspots") + "?export=xlsx")
    assert export.status_code == 200


def test_the_county_registers_a_hotspot_with_the_form(client, county_admin):
    client.force_login(county_admin)
    body = {"code": "T-FORM", "received_at": "2024-05-01T10:00", "lng": "120.4", "lat": "27.5",
            "township": township("灵溪镇").pk}  # fmt: skip
    assert client.post(reverse("forestfire:hotspot-new"), body).status_code == 302
    assert client.post(reverse("forestfire:hotspot-new"), {**body, "pixels": 4}).status_code == 302  # updates it
    assert Hotspot.objects.get(code="T-FORM").pixels == 4


def test_township_staff_record_a_fire_and_a_check(client, lingxi_staff):
    client.force_login(lingxi_staff)
    fire = {"township": township("灵溪镇").pk, "place": "测试山场", "started_at": "2024-05-01T10:00",
            "reported_at": "2024-05-01T10:10", "first_arrived_at": "2024-05-01T10:40", "burned_area": "1.5",
            "deaths": 0, "injuries": 0}  # fmt: skip
    assert client.post(reverse("forestfire:fire-new"), fire).status_code == 302
    assert ForestFire.objects.get().arrival_minutes() == 30
    bad = {**fire, "first_arrived_at": "2024-05-01T10:00"}
    assert "到场时间不能早于报告时间" in client.post(reverse("forestfire:fire-new"), bad).content.decode()
    check = {"kind": "qingming", "checked_on": "2024-04-04", "township": township("灵溪镇").pk, "place": "公墓"}
    assert client.post(reverse("forestfire:check-new"), check).status_code == 302


def test_overdue_risks_are_flagged_and_can_be_closed(client, lingxi_staff):
    late = ForestRiskFactory(due_on=timezone.localdate() - timedelta(days=2))
    ForestRiskFactory()
    client.force_login(lingxi_staff)
    html = client.get(reverse("forestfire:risks")).content.decode()
    assert "1 项已逾期未整改" in html
    client.post(reverse("forestfire:risk-done", args=[late.pk]))
    assert ForestRisk.objects.get(pk=late.pk).done_on == timezone.localdate()


def test_a_township_begins_its_standardization_self_assessment(client, lingxi_staff):
    client.force_login(lingxi_staff)
    html = client.get(reverse("forestfire:standardization")).content.decode()
    assert "以水灭火" in html and "开始自评" in html
    response = client.post(reverse("forestfire:standardization"), {"township": township("灵溪镇").pk})
    assert response.status_code == 302 and "/assessments/" in response["Location"]
    assert client.get(response["Location"]).status_code == 200
