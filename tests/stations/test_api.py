"""/api/v1/ for stations, grids, teams, cases and agreements: writes go through the services, and
every refusal is a 4xx with a Chinese message."""

import pytest
from django.urls import reverse

from stations.models import EntrustedCase, Grid, LinkageAgreement, RescueTeam, Station, TeamEvaluation
from tests.conftest import api_as
from tests.factories import VillageFactory, county, township

pytestmark = pytest.mark.django_db


def test_a_township_registers_and_corrects_its_station(lingxi_staff):
    client = api_as(lingxi_staff)
    created = client.post(
        reverse("station-list"), {"township": "灵溪镇", "name": "灵溪站", "status": "在建"}, format="json"
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    refused = client.patch(reverse("station-detail", args=[pk]), {"status": "已建成"}, format="json")
    assert refused.status_code == 400 and "已建成的管理站须填写建成日期" in str(refused.json())
    done = client.patch(
        reverse("station-detail", args=[pk]), {"status": "built", "built_on": "2024-05-03"}, format="json"
    )
    assert done.status_code == 200 and done.json()["status_display"] == "已建成"
    assert Station.objects.get().history.count() == 2  # the refused edit left nothing


def test_a_township_cannot_register_another_townships_station(lingxi_staff):
    response = api_as(lingxi_staff).post(reverse("station-list"), {"township": "矾山镇", "name": "x"}, format="json")
    assert response.status_code == 400 and "不在您的辖区内" in str(response.json())


def test_a_read_only_leader_cannot_write(county_admin):
    from org.models import User
    from tests.factories import UserFactory

    viewer = UserFactory(username="viewer", role=User.Role.COUNTY_VIEWER, region=county())
    response = api_as(viewer).post(reverse("station-list"), {"township": "灵溪镇", "name": "x"}, format="json")
    assert response.status_code == 403


def test_county_teams_are_seen_county_wide_but_kept_by_the_county(lingxi_staff, county_admin):
    social = RescueTeam.objects.create(name="社会一队", kind="social", region=county())
    RescueTeam.objects.create(name="矾山队", kind="township_rescue", region=township("矾山镇"))
    client = api_as(lingxi_staff)
    names = {row["name"] for row in client.get(reverse("rescueteam-list")).json()["results"]}
    assert names == {"社会一队"}
    edit = client.patch(reverse("rescueteam-detail", args=[social.pk]), {"members": 3}, format="json")
    assert edit.status_code == 403 and "县级队伍由县应急管理局登记" in edit.json()["detail"]
    own = client.post(
        reverse("rescueteam-list"),
        {"name": "灵溪综合队", "kind": "乡镇综合应急救援队", "region": township("灵溪镇").pk, "members": 30},
        format="json",
    )
    assert own.status_code == 201, own.content
    wrong_level = client.post(
        reverse("rescueteam-list"),
        {"name": "灵溪社会队", "kind": "social", "region": township("灵溪镇").pk},
        format="json",
    )
    assert wrong_level.status_code in (400, 403) and not RescueTeam.objects.filter(name="灵溪社会队").exists()


def test_only_the_county_records_a_three_level_evaluation(lingxi_staff, county_admin):
    team = RescueTeam.objects.create(name="社会一队", kind="social", region=county())
    body = {"specialty": "潜水救援", "level": 1, "assessed_on": "2024-05-01", "valid_until": "2027-05-01"}
    refused = api_as(lingxi_staff).post(reverse("rescueteam-evaluations", args=[team.pk]), body, format="json")
    assert refused.status_code == 403 and "县应急管理局" in refused.json()["detail"]
    done = api_as(county_admin).post(reverse("rescueteam-evaluations", args=[team.pk]), body, format="json")
    assert done.status_code == 201 and done.json()["specialty"] == "diving"
    backwards = api_as(county_admin).post(
        reverse("rescueteam-evaluations", args=[team.pk]), {**body, "valid_until": "2023-01-01"}, format="json"
    )
    assert backwards.status_code == 400 and "有效期不能早于测评日期" in str(backwards.json())
    assert TeamEvaluation.objects.count() == 1


def test_grids_are_kept_in_the_villages_of_ones_area(lingxi_staff, fanshan_staff):
    village = VillageFactory(name="灵溪一村")
    body = {"village": village.pk, "name": "一格", "covers_safety": True, "covers_fire": True, "covers_disaster": True}
    created = api_as(lingxi_staff).post(reverse("grid-list"), body, format="json")
    assert created.status_code == 201 and created.json()["duties"] == ["安全生产", "消防安全", "防灾减灾"]
    refused = api_as(fanshan_staff).post(reverse("grid-list"), {**body, "name": "二格"}, format="json")
    assert refused.status_code == 400 and Grid.objects.count() == 1
    duplicate = api_as(lingxi_staff).post(reverse("grid-list"), body, format="json")
    assert duplicate.status_code == 400


def test_cases_and_agreements(lingxi_staff, county_admin):
    case = api_as(lingxi_staff).post(
        reverse("entrusted-case-list"),
        {"township": "灵溪镇", "decided_on": "2024-05-01", "case_type": "安全生产", "entrusted": True},
        format="json",
    )
    assert case.status_code == 201 and EntrustedCase.objects.get().entrusted
    refused = api_as(lingxi_staff).post(reverse("linkage-list"), {"partner": "福鼎市", "title": "协议"}, format="json")
    assert refused.status_code == 403
    done = api_as(county_admin).post(
        reverse("linkage-list"), {"partner": "福鼎市", "title": "协议", "signed_on": "2024-04-18"}, format="json"
    )
    assert done.status_code == 201 and done.json()["is_signed"]
    assert LinkageAgreement.objects.get().region == county()
    listed = api_as(lingxi_staff).get(reverse("linkage-list")).json()["results"]
    assert [row["partner"] for row in listed] == ["福鼎市"]
