"""The four sample sheets import as they are; one bad cell in each is reported by row and column
with nothing saved; a second import updates instead of duplicating and keeps what blank cells omit."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from org.importers import import_villages
from org.ledgers import ImportFailed
from org.models import Region
from stations.importers import import_grids, import_stations, import_teams, import_travel_times
from stations.models import Grid, GridWorker, MeasuredTravelTime, RescueTeam, Station, TeamEvaluation
from tests.conftest import api_as
from tests.factories import township
from tests.stations.conftest import sample, sheet

pytestmark = pytest.mark.django_db


def errors_of(failure) -> set[tuple[int, str]]:
    return {(e.row, e.column) for e in failure.value.errors}


# --- villages (org) -------------------------------------------------------------------------


def test_the_village_register_imports_as_it_is_with_coordinates(lingxi_staff):
    result = import_villages(upload=sample("village-register-sample.xlsx"), actor=lingxi_staff)
    assert result.created == 8
    villages = Region.objects.villages().filter(parent=township("灵溪镇"), name__startswith="灵溪示例")
    assert villages.count() == 8
    first = villages.get(name="灵溪示例1村")
    assert (
        first.kind == Region.Kind.COMMUNITY and first.lat == Decimal("27.488880") and first.lng == Decimal("120.421900")
    )
    assert villages.get(name="灵溪示例2村").kind == Region.Kind.VILLAGE
    assert set(villages.values_list("path", flat=True)) == {f"{township('灵溪镇').path}{v.pk}/" for v in villages}


def test_a_second_village_import_updates_by_name_and_keeps_what_blank_cells_omit(lingxi_staff):
    import_villages(upload=sample("village-register-sample.xlsx"), actor=lingxi_staff)
    again = sample("village-register-sample.xlsx", F4=120.5, G4=None, E4="330327100201")
    assert import_villages(upload=again, actor=lingxi_staff).created == 0
    first = Region.objects.get(name="灵溪示例1村")
    assert first.lng == Decimal("120.5") and first.lat == Decimal("27.488880") and first.code == "330327100201"
    # …and later by its division code, whatever the sheet calls it now
    renamed = sample("village-register-sample.xlsx", C4="灵溪示例一村", E4="330327100201")
    import_villages(upload=renamed, actor=lingxi_staff)
    assert Region.objects.get(code="330327100201").name == "灵溪示例一村"
    assert Region.objects.villages().filter(parent=township("灵溪镇"), name__startswith="灵溪示例").count() == 8


def test_a_bad_village_cell_is_reported_by_row_and_column_and_nothing_is_saved(lingxi_staff):
    with pytest.raises(ImportFailed) as failure:
        import_villages(upload=sample("village-register-sample.xlsx", G6="北纬27度"), actor=lingxi_staff)
    assert errors_of(failure) == {(6, "纬度")}
    assert not Region.objects.filter(name__startswith="灵溪示例").exists()


def test_a_township_cannot_import_another_townships_villages(fanshan_staff):
    with pytest.raises(ImportFailed) as failure:
        import_villages(upload=sample("village-register-sample.xlsx"), actor=fanshan_staff)
    assert (4, "乡镇") in errors_of(failure)
    assert not Region.objects.filter(name__startswith="灵溪示例").exists()


def test_villages_import_at_the_regions_endpoint(county_admin, lingxi_staff):
    response = api_as(county_admin).post(
        reverse("region-import-ledger"), {"file": sample("village-register-sample.xlsx")}, format="multipart"
    )
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 8
    bad = api_as(lingxi_staff).post(
        reverse("region-import-ledger"), {"file": sample("village-register-sample.xlsx", D5="镇")}, format="multipart"
    )
    assert bad.status_code == 400
    assert bad.json()["errors"] == [{"row": 5, "column": "类型", "message": "“镇”不是村或社区。"}]


# --- stations -------------------------------------------------------------------------------


def test_the_station_statistics_sheet_imports_as_it_is(county_admin):
    result = import_stations(upload=sample("station-ledger-sample.xlsx"), actor=county_admin)
    assert result.created == 18 and Station.objects.count() == 18
    lingxi = Station.objects.get(township__name="灵溪镇")
    assert (lingxi.status, lingxi.built_on, lingxi.staff_count, lingxi.has_fire_team) == (
        Station.Status.BUILT, date(2023, 3, 1), 9, False,
    )  # fmt: skip
    assert Station.objects.get(township__name="宜山镇").built_on == date(2023, 7, 18)
    assert Station.objects.get(township__name="炎亭镇").built_on == date(2023, 7, 12)
    qianku = Station.objects.get(township__name="钱库镇")
    assert (qianku.status, qianku.built_on, qianku.has_fire_team, qianku.fire_team_members) == (
        Station.Status.BUILDING, None, True, 2,
    )  # fmt: skip
    assert Station.objects.filter(status=Station.Status.BUILT).count() == 12


def test_a_second_station_import_updates_the_townships_station(county_admin):
    import_stations(upload=sample("station-ledger-sample.xlsx"), actor=county_admin)
    again = sample("station-ledger-sample.xlsx", D6="已建成", E6="2024.6.1", J4=None)
    assert import_stations(upload=again, actor=county_admin).created == 0
    assert Station.objects.count() == 18
    assert Station.objects.get(township__name="钱库镇").built_on == date(2024, 6, 1)
    assert Station.objects.get(township__name="灵溪镇").head == "站长1"  # the blank cell kept it


def test_a_bad_station_cell_is_reported_and_nothing_is_saved(county_admin):
    with pytest.raises(ImportFailed) as failure:
        import_stations(upload=sample("station-ledger-sample.xlsx", F9="六个"), actor=county_admin)
    assert errors_of(failure) == {(9, "在编在岗人员")}
    assert not Station.objects.exists()


def test_a_built_station_without_its_date_is_refused_by_the_services_rule(county_admin):
    with pytest.raises(ImportFailed) as failure:
        import_stations(upload=sample("station-ledger-sample.xlsx", E21=None, D21="已建成"), actor=county_admin)
    assert errors_of(failure) == {(21, "建成日期")}
    assert not Station.objects.exists()


def test_a_township_imports_only_its_own_station(lingxi_staff):
    with pytest.raises(ImportFailed) as failure:
        import_stations(upload=sample("station-ledger-sample.xlsx"), actor=lingxi_staff)
    assert (5, "乡镇") in errors_of(failure) and (4, "乡镇") not in errors_of(failure)


# --- grids ----------------------------------------------------------------------------------


def test_the_grid_ledger_imports_as_it_is_after_the_village_register(lingxi_staff):
    import_villages(upload=sample("village-register-sample.xlsx"), actor=lingxi_staff)
    result = import_grids(upload=sample("grid-ledger-sample.xlsx"), actor=lingxi_staff)
    assert result.created == 12 and GridWorker.objects.count() == 12
    grid = Grid.objects.get(name="灵溪示例6村第1网格")
    assert (grid.covers_safety, grid.covers_fire, grid.covers_disaster) == (True, True, True)
    first = Grid.objects.get(name="灵溪示例1村第1网格")
    assert (first.covers_safety, first.covers_fire, first.covers_disaster) == (False, True, False)
    assert first.workers.get().phone == "13905770001"


def test_a_second_grid_import_updates_and_a_blank_duty_keeps_its_value(lingxi_staff):
    import_villages(upload=sample("village-register-sample.xlsx"), actor=lingxi_staff)
    import_grids(upload=sample("grid-ledger-sample.xlsx"), actor=lingxi_staff)
    again = sample("grid-ledger-sample.xlsx", F4="√", G4=None, E4="13905779999")
    assert import_grids(upload=again, actor=lingxi_staff).created == 0
    first = Grid.objects.get(name="灵溪示例1村第1网格")
    assert (first.covers_safety, first.covers_fire) == (True, True)
    assert first.workers.get().phone == "13905779999"
    assert Grid.objects.count() == 12 and GridWorker.objects.count() == 12


def test_a_bad_grid_cell_is_reported_and_nothing_is_saved(lingxi_staff):
    import_villages(upload=sample("village-register-sample.xlsx"), actor=lingxi_staff)
    with pytest.raises(ImportFailed) as failure:
        import_grids(upload=sample("grid-ledger-sample.xlsx", H7="也许"), actor=lingxi_staff)
    assert errors_of(failure) == {(7, "防灾减灾")}
    assert not Grid.objects.exists()


def test_grids_of_villages_not_registered_are_refused(lingxi_staff):
    with pytest.raises(ImportFailed) as failure:
        import_grids(upload=sample("grid-ledger-sample.xlsx"), actor=lingxi_staff)
    assert (4, "村(社区)") in errors_of(failure)


# --- rescue teams ---------------------------------------------------------------------------


def test_the_rescue_teams_sheet_imports_as_it_is_with_evaluations(county_admin):
    result = import_teams(upload=sample("rescue-teams-sample.xlsx"), actor=county_admin)
    assert result.created == 23 and RescueTeam.objects.count() == 23
    kinds = {kind: RescueTeam.objects.filter(kind=kind).count() for kind in RescueTeam.Kind.values}
    assert kinds == {"social": 7, "township_rescue": 6, "county_forest": 3, "township_forest": 4, "fire": 3}
    assert set(RescueTeam.objects.filter(kind="social").values_list("region__level", flat=True)) == {3}
    assert RescueTeam.objects.get(name="苍南县示例森林消防队(乡镇)1队").region == township("南宋镇")
    levels = dict(TeamEvaluation.objects.values_list("team__name", "level"))
    assert levels == {
        "苍南县示例社会应急力量1队": 2, "苍南县示例社会应急力量2队": 3, "苍南县示例社会应急力量3队": 3,
        "苍南县示例社会应急力量4队": 3, "苍南县示例社会应急力量5队": 2,
    }  # fmt: skip
    second = TeamEvaluation.objects.get(team__name="苍南县示例社会应急力量2队")
    assert (second.specialty, second.assessed_on, second.valid_until) == (
        "medical",
        date(2024, 3, 26),
        date(2027, 3, 26),
    )


def test_a_second_team_import_updates_teams_and_evaluations_in_place(county_admin):
    import_teams(upload=sample("rescue-teams-sample.xlsx"), actor=county_admin)
    again = sample("rescue-teams-sample.xlsx", G4=20, I4="一级", E4=None)
    assert import_teams(upload=again, actor=county_admin).created == 0
    team = RescueTeam.objects.get(name="苍南县示例社会应急力量1队")
    assert (team.members, team.leader) == (20, "队长1")
    assert team.evaluations.get().level == 1
    assert RescueTeam.objects.count() == 23 and TeamEvaluation.objects.count() == 5


def test_a_bad_team_cell_is_reported_and_nothing_is_saved(county_admin):
    with pytest.raises(ImportFailed) as failure:
        import_teams(upload=sample("rescue-teams-sample.xlsx", I5="五级"), actor=county_admin)
    assert errors_of(failure) == {(5, "测评等级")}
    assert not RescueTeam.objects.exists()


def test_a_township_cannot_import_the_countys_teams(lingxi_staff):
    with pytest.raises(ImportFailed):
        import_teams(upload=sample("rescue-teams-sample.xlsx"), actor=lingxi_staff)
    assert not RescueTeam.objects.exists()


def test_the_ledgers_import_at_their_endpoints(county_admin):
    client = api_as(county_admin)
    for name, file in (("station", "station-ledger-sample.xlsx"), ("rescueteam", "rescue-teams-sample.xlsx")):
        response = client.post(reverse(f"{name}-import-ledger"), {"file": sample(file)}, format="multipart")
        assert response.status_code == 200, response.content
    bad = client.post(
        reverse("grid-import-ledger"), {"file": sample("grid-ledger-sample.xlsx", B4="不存在村")}, format="multipart"
    )
    assert bad.status_code == 400 and {"row": 4, "column": "村(社区)"}.items() <= bad.json()["errors"][0].items()


# --- measured travel times ------------------------------------------------------------------


def test_measured_travel_times_import_per_village_and_township_seat(lingxi_staff):
    import_villages(upload=sample("village-register-sample.xlsx"), actor=lingxi_staff)
    upload = sheet(
        "灵溪镇实测通行时间",
        ["乡镇", "村(社区)", "通行时间(分钟)", "数据来源"],
        [["灵溪镇", "灵溪示例1村", 12.5, "路网测算"], ["灵溪镇", None, 2, "路网测算"]],
    )
    assert import_travel_times(upload=upload, actor=lingxi_staff).created == 2
    assert MeasuredTravelTime.objects.get(region__name="灵溪示例1村").minutes == Decimal("12.5")
    assert MeasuredTravelTime.objects.get(region=township("灵溪镇")).minutes == Decimal("2")
    bad = sheet("x", ["乡镇", "村(社区)", "通行时间(分钟)"], [["灵溪镇", "灵溪示例1村", "很快"]])
    with pytest.raises(ImportFailed) as failure:
        import_travel_times(upload=bad, actor=lingxi_staff)
    assert errors_of(failure) == {(4, "通行时间(分钟)")}
