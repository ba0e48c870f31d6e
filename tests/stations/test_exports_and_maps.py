"""The three workbook sheets read back from the file, as the month ended; the map layers."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from org.models import Region
from plan import workbooks
from plan.layers import get_layer
from plan.periods import Month
from stations.models import Grid, RescueTeam, Station, TeamEvaluation
from tests.factories import VillageFactory, county, township

pytestmark = pytest.mark.django_db
MAY = Month(2024, 5)
IN_MAY, IN_JUNE = (
    datetime(2024, 5, 10, tzinfo=ZoneInfo("Asia/Shanghai")),
    datetime(2024, 6, 3, tzinfo=ZoneInfo("Asia/Shanghai")),
)


def dated(instance, when):
    instance.history.update(history_date=when)
    return instance


def sheet(tmp_path, name: str) -> list[tuple]:
    path = tmp_path / "book.xlsx"
    workbooks.write(MAY, path)
    return list(openpyxl.load_workbook(path)[name].iter_rows(min_row=3, values_only=True))


def test_the_station_sheet_shows_each_station_as_it_stood_at_the_months_end(tmp_path):
    station = dated(
        Station.objects.create(township=township("灵溪镇"), name="灵溪站", status="building", staff_count=6), IN_MAY
    )
    station.status, station.built_on, station.staff_count = "built", date(2024, 6, 2), 9
    station.save()
    dated_later = station.history.order_by("-history_date").first()
    station.history.filter(pk=dated_later.pk).update(history_date=IN_JUNE)
    dated(Station.objects.create(township=township("矾山镇"), name="矾山站", staff_count=4), IN_JUNE)
    rows = sheet(tmp_path, "管理站建设与达标")
    header, data, total = rows[0], rows[1:-1], rows[-1]
    assert header[:3] == ("乡镇", "站名", "建设状态")
    assert [row[:5] for row in data] == [("灵溪镇", "灵溪站", "在建", None, 6)]
    assert total[4] == 6


def test_the_grid_sheet_lists_every_village_with_its_duties_together(tmp_path):
    covered = VillageFactory(name="协同村")
    dated(Grid.objects.create(village=covered, name="一格", covers_safety=True, covers_fire=True), IN_MAY)
    dated(Grid.objects.create(village=covered, name="二格", covers_disaster=True), IN_MAY)
    VillageFactory(name="空村")
    rows = {row[1]: row for row in sheet(tmp_path, "网格覆盖")[1:-1]}
    assert rows["协同村"] == ("灵溪镇", "协同村", 2, "√", "√", "√", "是")
    assert rows["空村"] == ("灵溪镇", "空村", 0, "×", "×", "×", "否")


def test_the_team_sheet_shows_the_evaluation_valid_at_the_months_end(tmp_path):
    team = dated(RescueTeam.objects.create(name="社会一队", kind="social", region=county(), members=20), IN_MAY)
    dated(TeamEvaluation.objects.create(team=team, specialty="water", level=2, assessed_on=date(2021, 5, 1),
                                        valid_until=date(2024, 5, 20)), IN_MAY)  # fmt: skip
    dated(TeamEvaluation.objects.create(team=team, specialty="water", level=1, assessed_on=date(2024, 6, 1)), IN_JUNE)
    rows = sheet(tmp_path, "救援队伍与测评")
    assert rows[1] == ("社会一队", "社会应急力量", "苍南县", None, None, 20, "水上搜救", "二级",
                       datetime(2021, 5, 1), datetime(2024, 5, 20), "否")  # fmt: skip
    assert rows[-1][5] == 20


def test_the_sheets_cost_the_same_queries_with_more_rows(tmp_path):
    def add(start, count):
        for n in range(start, start + count):
            village = VillageFactory(name=f"计数{n}村")
            dated(Grid.objects.create(village=village, name=f"{n}格", covers_safety=True), IN_MAY)
            team = dated(RescueTeam.objects.create(name=f"队{n}", kind="social", region=county()), IN_MAY)
            dated(
                TeamEvaluation.objects.create(team=team, specialty="water", level=2, assessed_on=date(2024, 1, 1)),
                IN_MAY,
            )

    add(0, 3)
    with CaptureQueriesContext(connection) as few:
        workbooks.write(MAY, tmp_path / "few.xlsx")
    add(3, 27)
    with CaptureQueriesContext(connection) as many:
        workbooks.write(MAY, tmp_path / "many.xlsx")
    assert len(many) == len(few)


def test_map_layers_draw_stations_teams_and_villages_by_reach(lingxi_staff, fanshan_staff):
    Region.objects.filter(pk=township("灵溪镇").pk).update(lat=Decimal("27.5"), lng=Decimal("120.4"))
    Station.objects.create(township=township("灵溪镇"), name="灵溪站", status="built", built_on="2023-01-01",
                           lat=Decimal("27.5"), lng=Decimal("120.4"))  # fmt: skip
    near = VillageFactory(name="近村", lat=Decimal("27.55"), lng=Decimal("120.4"))
    far = VillageFactory(name="远村", lat=Decimal("27.57"), lng=Decimal("120.4"))
    RescueTeam.objects.create(name="社会队", kind="social", region=county(), lat=Decimal("27.4"), lng=Decimal("120.3"))
    RescueTeam.objects.create(name="矾山队", kind="township_rescue", region=township("矾山镇"), lat=Decimal("27.4"),
                              lng=Decimal("120.3"))  # fmt: skip

    def names(key, user):
        return {f["properties"]["name"] for f in get_layer(key).collection(user)["features"]}

    assert names("stations", lingxi_staff) == {"灵溪站"} and names("stations", fanshan_staff) == set()
    assert names("rescue_teams", lingxi_staff) == {"社会队"}  # the county's team is seen county-wide
    assert names("rescue_teams", fanshan_staff) == {"社会队", "矾山队"}
    assert names("village_reached", lingxi_staff) == {near.name, "灵溪镇驻地"}
    assert names("village_not_reached", lingxi_staff) == {far.name}
    assert names("village_reached", fanshan_staff) == set()
    feature = get_layer("village_not_reached").collection(lingxi_staff)["features"][0]
    assert feature["properties"]["minutes"] == "16.3" and feature["properties"]["limit"] == 15


def test_the_agreement_list_exports_the_agreements_a_user_reads(client, lingxi_staff):
    from io import BytesIO

    from django.urls import reverse

    from stations.models import LinkageAgreement

    LinkageAgreement.objects.create(
        region=county(),
        partner="福鼎市",
        title="苍南—福鼎跨区域应急联动协议",
        signed_on=date(2024, 3, 1),
        scope="联合救援",
    )
    client.force_login(lingxi_staff)
    answer = client.get(reverse("stations:linkages"), {"export": "xlsx"})
    assert answer.status_code == 200
    rows = list(openpyxl.load_workbook(BytesIO(b"".join(answer.streaming_content))).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("签约区划", "合作地区", "协议名称")
    assert rows[1][:3] == ("苍南县", "福鼎市", "苍南—福鼎跨区域应急联动协议")
