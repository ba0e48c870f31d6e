from datetime import date, timedelta

import pytest
from django.urls import reverse

from hazards3030.models import Hazard, HazardTransition, Supervision
from hazards3030.services import list_hazard
from org.models import Region, User
from org.services import create_portal_user
from tests.conftest import api_as
from tests.factories import PASSWORD, EnterpriseFactory, HazardFactory, township
from tests.hazards3030.conftest import jpeg

pytestmark = pytest.mark.django_db


def file_one(client, **overrides):
    body = {
        "township": "灵溪镇",
        "level": "一般",
        "source": "检查",
        "category": "消防",
        "description": "消防通道被货物堵塞",
        "found_on": "2024-05-14",
        "deadline": "2024-05-29",
        **overrides,
    }
    response = client.post(reverse("hazard-list"), body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def act(client, hazard_id, action, **data):
    return client.post(reverse(f"hazard-{action}", args=[hazard_id]), data, format="multipart")


def test_the_loop_from_filing_to_closing(lingxi_staff, county_admin):
    township_api, county_api = api_as(lingxi_staff), api_as(county_admin)
    hazard = file_one(township_api)
    assert hazard["status"] == "reported" and hazard["township_name"] == "灵溪镇"
    assert act(township_api, hazard["id"], "assign", responsible="张三").json()["status"] == "assigned"
    assert act(township_api, hazard["id"], "rectify", files=[jpeg("before.jpg")]).json()["status"] == "rectifying"
    submitted = act(township_api, hazard["id"], "submit", note="已清理", files=[jpeg("after.jpg")])
    assert submitted.json()["status"] == "submitted"
    closed = act(county_api, hazard["id"], "accept", note="现场复核通过")
    assert closed.status_code == 200 and closed.json()["status"] == "closed" and closed.json()["closed_at"]

    steps = township_api.get(reverse("hazard-transitions", args=[hazard["id"]])).json()
    assert [(s["from_status"], s["to_status"]) for s in steps] == [
        ("", "reported"),
        ("reported", "assigned"),
        ("assigned", "rectifying"),
        ("rectifying", "submitted"),
        ("submitted", "closed"),
    ]
    assert steps[-1]["actor"] == county_admin.username and steps[-1]["note"] == "现场复核通过"
    assert [a["kind"] for a in steps[2]["attachments"]] == ["before"]
    assert [a["kind"] for a in steps[3]["attachments"]] == ["after"]
    assert Hazard.objects.get(pk=hazard["id"]).responsible == "张三"


def test_township_staff_cannot_accept(lingxi_staff):
    hazard = HazardFactory(status=Hazard.Status.SUBMITTED)
    response = act(api_as(lingxi_staff), hazard.pk, "accept")
    assert response.status_code == 403
    assert Hazard.objects.get(pk=hazard.pk).status == Hazard.Status.SUBMITTED
    assert not HazardTransition.objects.filter(hazard=hazard).exists()


def test_an_illegal_transition_is_a_409_with_a_clear_message(county_admin):
    hazard = HazardFactory(status=Hazard.Status.REPORTED)
    response = act(api_as(county_admin), hazard.pk, "accept")
    assert response.status_code == 409
    assert "不能执行该操作" in response.json()["detail"]
    assert Hazard.objects.get(pk=hazard.pk).status == Hazard.Status.REPORTED


def test_a_rejection_returns_to_rectifying_with_its_reason(county_admin):
    hazard = HazardFactory(status=Hazard.Status.SUBMITTED)
    client = api_as(county_admin)
    assert act(client, hazard.pk, "reject").status_code == 400  # a reason is required
    response = act(client, hazard.pk, "reject", note="照片不清晰")
    assert response.json()["status"] == "rectifying"
    step = HazardTransition.objects.get(hazard=hazard)
    assert (step.from_status, step.to_status, step.note) == ("submitted", "rectifying", "照片不清晰")


def test_a_major_hazard_needs_its_five_implementations_before_submitting(lingxi_staff):
    hazard = HazardFactory(level=Hazard.Level.MAJOR, status=Hazard.Status.RECTIFYING, responsible="张四")
    client = api_as(lingxi_staff)
    response = act(client, hazard.pk, "submit")
    assert response.status_code == 400
    assert "五落实" in str(response.json()) and "预案" in str(response.json())
    client.patch(
        reverse("hazard-detail", args=[hazard.pk]),
        {"measures": "制定整改方案", "funds": "2.5", "contingency_plan": "有限空间应急预案"},
        format="json",
    )
    assert act(client, hazard.pk, "submit").json()["status"] == "submitted"


def test_a_listed_hazard_is_closed_only_by_its_supervising_level(county_admin):
    hazard = HazardFactory(
        level=Hazard.Level.MAJOR, status=Hazard.Status.SUBMITTED, found_on=date(2024, 5, 11), deadline=date(2024, 6, 10)
    )
    wenzhou = Region.objects.get(level=Region.Level.CITY)
    city_admin = create_portal_user(
        username="wenzhou_admin", password=PASSWORD, role=User.Role.COUNTY_ADMIN, region=wenzhou
    )
    supervision = list_hazard(
        hazard=hazard,
        actor=city_admin,
        level=Supervision.Level.CITY,
        issuing_body="温州市安委办",
        listed_on=date(2024, 5, 20),
    )
    assert supervision.acceptance_due == date(2024, 6, 20)  # deadline + 10 days by default
    assert act(api_as(county_admin), hazard.pk, "accept").status_code == 403
    assert act(api_as(city_admin), hazard.pk, "accept").json()["status"] == "closed"
    supervision.refresh_from_db()
    assert supervision.closed_on is not None


def test_only_major_hazards_are_listed(county_admin):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        list_hazard(
            hazard=HazardFactory(), actor=county_admin, level=3, issuing_body="苍南县安委办", listed_on=date.today()
        )


def test_township_staff_file_only_for_their_township(lingxi_staff):
    response = api_as(lingxi_staff).post(
        reverse("hazard-list"),
        {"township": "矾山镇", "description": "x", "found_on": "2024-05-01", "deadline": "2024-05-10"},
        format="json",
    )
    assert response.status_code == 400 and "township" in response.json()


def test_an_enterprise_of_another_township_cannot_be_named(lingxi_staff):
    other = EnterpriseFactory(township=township("矾山镇"))
    response = api_as(lingxi_staff).post(
        reverse("hazard-list"),
        {
            "township": "灵溪镇",
            "enterprise": other.pk,
            "description": "x",
            "found_on": "2024-05-01",
            "deadline": "2024-05-10",
        },
        format="json",
    )
    assert response.status_code == 400 and "enterprise" in response.json()


def test_a_deadline_before_the_finding_is_refused(lingxi_staff):
    response = api_as(lingxi_staff).post(
        reverse("hazard-list"),
        {"township": "灵溪镇", "description": "x", "found_on": "2024-05-10", "deadline": "2024-05-01"},
        format="json",
    )
    assert response.status_code == 400
    assert not Hazard.objects.exists()


def test_viewers_read_but_cannot_act(county_admin):
    from tests.factories import UserFactory, county

    viewer = UserFactory(role=User.Role.COUNTY_VIEWER, region=county())
    hazard = HazardFactory()
    assert api_as(viewer).get(reverse("hazard-detail", args=[hazard.pk])).status_code == 200
    assert act(api_as(viewer), hazard.pk, "assign").status_code == 403


def test_filters_are_shared_with_the_page(lingxi_staff):
    today = date.today()
    late = HazardFactory(found_on=today - timedelta(days=20), deadline=today - timedelta(days=1), level="major")
    HazardFactory(found_on=today - timedelta(days=2), deadline=today + timedelta(days=5))
    HazardFactory(township=township("矾山镇"), deadline=today - timedelta(days=1), found_on=today - timedelta(days=9))
    client = api_as(lingxi_staff)
    overdue = client.get(reverse("hazard-list"), {"overdue": "true"}).json()
    assert [row["id"] for row in overdue["results"]] == [late.pk] and overdue["results"][0]["overdue"] is True
    major = client.get(reverse("hazard-list"), {"level": "major"}).json()
    assert [row["id"] for row in major["results"]] == [late.pk]
    since = client.get(reverse("hazard-list"), {"found_on_after": (today - timedelta(days=3)).isoformat()}).json()
    assert len(since["results"]) == 1 and since["next"] is None


def test_listing_through_the_api_and_the_page(client, county_admin, lingxi_staff):
    hazard = HazardFactory(level=Hazard.Level.MAJOR, found_on=date(2024, 5, 1), deadline=date(2024, 5, 31))
    response = api_as(lingxi_staff).post(
        reverse("hazard-supervise", args=[hazard.pk]),
        {"level": 3, "issuing_body": "苍南县安委办", "listed_on": "2024-05-05"},
        format="json",
    )
    assert response.status_code == 403
    response = api_as(county_admin).post(
        reverse("hazard-supervise", args=[hazard.pk]),
        {"level": 3, "issuing_body": "苍南县安委办", "listed_on": "2024-05-05"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["supervision"]["acceptance_due"] == "2024-06-10"
    other = HazardFactory(level=Hazard.Level.MAJOR)
    client.force_login(county_admin)
    assert "hazard-supervision" not in client.get(hazard.get_absolute_url()).content.decode()
    page = client.get(other.get_absolute_url()).content.decode()
    assert f"/hazards/{other.pk}/supervision/" in page
    client.post(
        reverse("hazards3030:hazard-supervision", args=[other.pk]),
        {"level": 3, "issuing_body": "苍南县安委办", "listed_on": date.today().isoformat()},
    )
    assert Supervision.objects.filter(hazard=other).exists()
