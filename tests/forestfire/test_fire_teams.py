"""A fire's first teams come from the stations' rescue-team register: a township picks its own
teams and the county's, never another township's; the 林火 list, its export and the workbook's
林火 sheet name them."""

import io
from datetime import datetime

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forestfire import services
from forestfire.models import ForestFire
from plan import workbooks
from plan.periods import Month
from stations.models import RescueTeam
from tests.conftest import api_as
from tests.factories import county, township
from tests.forestfire.factories import ForestFireFactory

pytestmark = pytest.mark.django_db


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(2024, 5, day, hour, minute))


@pytest.fixture
def teams(db) -> dict[str, RescueTeam]:
    made = {
        "own": ("灵溪镇测试森林消防队", RescueTeam.Kind.TOWNSHIP_FOREST, township("灵溪镇")),
        "county": ("苍南县测试森林消防队", RescueTeam.Kind.COUNTY_FOREST, county()),
        "other": ("矾山镇测试森林消防队", RescueTeam.Kind.TOWNSHIP_FOREST, township("矾山镇")),
    }
    return {
        key: RescueTeam.objects.create(name=name, kind=kind, region=region)
        for key, (name, kind, region) in made.items()
    }


def fire_fields(**extra) -> dict:
    return {"township": township("灵溪镇"), "place": "测试山场", "started_at": at(3), "reported_at": at(3, 10, 5),
            "first_arrived_at": at(3, 10, 50), **extra}  # fmt: skip


def test_township_staff_name_their_own_and_the_county_s_teams(lingxi_staff, teams):
    fire = services.save_fire(actor=lingxi_staff, teams=[teams["own"], teams["county"]], first_teams="村义务扑火队",
                              **fire_fields())  # fmt: skip
    assert set(fire.teams.all()) == {teams["own"], teams["county"]}
    assert fire.team_names() == "苍南县测试森林消防队、灵溪镇测试森林消防队、村义务扑火队"
    services.save_fire(actor=lingxi_staff, fire=fire, place="测试山场东坡")  # teams not given: kept
    assert fire.teams.count() == 2
    services.save_fire(actor=lingxi_staff, fire=fire, teams=[])
    assert fire.teams.count() == 0


def test_another_township_s_team_is_refused_and_nothing_is_saved(lingxi_staff, teams):
    with pytest.raises(ValidationError) as refused:
        services.save_fire(actor=lingxi_staff, teams=[teams["own"], teams["other"]], **fire_fields())
    assert "teams" in refused.value.message_dict
    assert not ForestFire.objects.exists()


def test_the_api_takes_team_ids_within_scope(lingxi_staff, teams):
    api = api_as(lingxi_staff)
    body = {"township": township("灵溪镇").pk, "place": "测试山场", "started_at": at(3).isoformat(),
            "reported_at": at(3, 10, 5).isoformat(), "first_arrived_at": at(3, 10, 50).isoformat()}  # fmt: skip
    response = api.post(reverse("forest-fire-list"), {**body, "teams": [teams["own"].pk]}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["teams"] == [teams["own"].pk]
    refused = api.post(reverse("forest-fire-list"), {**body, "teams": [teams["other"].pk]}, format="json")
    assert refused.status_code == 400 and "teams" in refused.json()
    assert ForestFire.objects.count() == 1


def test_the_fire_form_offers_only_teams_the_township_may_call_on(client, lingxi_staff, teams):
    client.force_login(lingxi_staff)
    html = client.get(reverse("forestfire:fire-new")).content.decode()
    assert teams["own"].name in html and teams["county"].name in html
    assert teams["other"].name not in html
    body = {"township": township("灵溪镇").pk, "place": "测试山场", "started_at": "2024-05-01T10:00",
            "reported_at": "2024-05-01T10:10", "first_arrived_at": "2024-05-01T10:40", "burned_area": "1.5",
            "deaths": 0, "injuries": 0, "teams": [teams["own"].pk]}  # fmt: skip
    assert client.post(reverse("forestfire:fire-new"), body).status_code == 302
    assert list(ForestFire.objects.get().teams.all()) == [teams["own"]]
    response = client.post(reverse("forestfire:fire-new"), {**body, "teams": [teams["other"].pk]})
    assert response.status_code == 200 and ForestFire.objects.count() == 1


def test_the_list_its_export_and_the_workbook_name_the_teams(client, county_admin, teams, tmp_path):
    fire = ForestFireFactory(
        place="测试山场甲", started_at=at(8), reported_at=at(8, 10, 5), first_arrived_at=at(8, 10, 50)
    )
    fire.teams.set([teams["own"], teams["county"]])
    ForestFireFactory(place="测试山场乙", started_at=at(9), reported_at=at(9, 10, 5), first_teams="村义务扑火队")
    client.force_login(county_admin)
    html = client.get(reverse("forestfire:fires")).content.decode()
    assert "苍南县测试森林消防队、灵溪镇测试森林消防队" in html
    export = openpyxl.load_workbook(
        io.BytesIO(b"".join(client.get(reverse("forestfire:fires") + "?export=xlsx").streaming_content))
    )
    cells = [cell for row in export.active.iter_rows(values_only=True) for cell in row]
    assert "苍南县测试森林消防队、灵溪镇测试森林消防队" in cells and "村义务扑火队" in cells

    path = tmp_path / "may.xlsx"
    workbooks.write(Month(2024, 5), path)
    sheet = openpyxl.load_workbook(path)["林火"]
    header = [cell.value for cell in sheet[3]]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1] in ("测试山场甲", "测试山场乙")}
    assert rows["测试山场甲"][header.index("到场队伍")] == "苍南县测试森林消防队、灵溪镇测试森林消防队"
    assert rows["测试山场乙"][header.index("到场队伍")] == "村义务扑火队"
