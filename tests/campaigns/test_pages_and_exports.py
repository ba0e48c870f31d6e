"""The 五进 overview, the map layers and the workbook sheets, read back from what was written."""

from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from campaigns.models import FiveInto, Site
from plan import workbooks
from plan.periods import Month
from tests.campaigns.factories import ActivityFactory, CoverageFactory, PlaceFactory, SiteFactory
from tests.factories import township

pytestmark = pytest.mark.django_db
HEADER_ROW = 3  # below the title row and the 填报单位 line


def cell_class(page: str, township_name: str, category: str) -> str:
    marker = f'data-category="{category}" data-township="{township_name}"'
    start = page.index(marker)
    tag = page[page.rindex("<td", 0, start) : start]
    return "status-met" if "status-met" in tag else "status-unmet"


def test_the_matrix_colours_cells_and_links_them_to_their_activities(client, county_admin):
    ActivityFactory(held_on=date.today(), category=FiveInto.SCHOOL)
    ActivityFactory(held_on=date(date.today().year - 1, 6, 1), category=FiveInto.FAMILY)  # another year
    client.force_login(county_admin)
    page = client.get(reverse("campaigns:overview")).content.decode()
    assert cell_class(page, "灵溪镇", "school") == "status-met"
    assert cell_class(page, "灵溪镇", "family") == "status-unmet"
    assert cell_class(page, "矾山镇", "school") == "status-unmet"
    link = f"?township={township('灵溪镇').pk}&amp;category=school&amp;year={date.today().year}"
    assert link in page


def test_the_overview_shows_quota_progress_against_the_plan_s_goals(client, lingxi_staff):
    for category in FiveInto.values:
        ActivityFactory(held_on=date.today().replace(day=1), category=category)
    client.force_login(lingxi_staff)
    response = client.get(reverse("campaigns:overview"))
    quotas = {q.label: q for q in response.context["progress"][1]}
    assert quotas["宣传活动场数"].value == 5
    assert quotas["“五进”覆盖率"].value == 100 and quotas["“五进”覆盖率"].met
    assert quotas["公共场所安全宣传覆盖率"].value is None
    assert (quotas["宣传活动场数"].goal, quotas["警示教育视频部数"].goal, quotas["公共场所安全宣传覆盖率"].goal) == (
        100,
        10,
        70,
    )
    assert not quotas["宣传活动场数"].met
    assert response.context["progress"][0] == township("灵溪镇")
    # A township reads only its own row of the matrix.
    assert [row.township.name for row in response.context["table"]] == ["灵溪镇"]


def test_every_list_page_renders(client, lingxi_staff):
    client.force_login(lingxi_staff)
    for name in ("activities", "videos", "places", "resources", "members", "sites", "overview"):
        assert client.get(reverse(f"campaigns:{name}")).status_code == 200, name
    for name in ("activity-new", "video-new", "place-new", "resource-new", "member-new", "site-new"):
        assert client.get(reverse(f"campaigns:{name}")).status_code == 200, name


def test_the_map_layers_draw_located_sites_of_their_kind(client, lingxi_staff):
    SiteFactory(kind=Site.Kind.BROADCAST, name="广播点甲")
    SiteFactory(kind=Site.Kind.DEMONSTRATION, name="示范点乙")
    SiteFactory(kind=Site.Kind.BROADCAST, name="无坐标", lat=None, lng=None)
    SiteFactory(kind=Site.Kind.BROADCAST, name="矾山广播", township=township("矾山镇"))
    client.force_login(lingxi_staff)
    layer = client.get(reverse("plan:map-layer", kwargs={"key": "broadcast_points"})).json()
    assert [f["properties"]["name"] for f in layer["features"]] == ["广播点甲"]
    place = PlaceFactory(lat="27.5", lng="120.4")
    CoverageFactory(place=place, covered_on=date(2024, 3, 2))
    places = client.get(reverse("plan:map-layer", kwargs={"key": "public_places"})).json()
    assert places["features"][0]["properties"]["last_covered"] == "2024-03-02"


def book_of(period: Month, tmp_path):
    path = tmp_path / f"{period}.xlsx"
    workbooks.write(period, path)
    return openpyxl.load_workbook(path)


def test_the_activities_sheet_lists_the_month_s_activities(tmp_path):
    ActivityFactory(held_on=date(2024, 5, 3), title="五月演练", participants=30)
    ActivityFactory(held_on=date(2024, 5, 20), title="五月抢答", participants=70, township=township("矾山镇"))
    ActivityFactory(held_on=date(2024, 6, 1), title="六月活动")
    sheet = book_of(Month(2024, 5), tmp_path)["宣传活动"]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    *rows, total = sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
    assert [row[header.index("活动名称")] for row in rows] == ["五月演练", "五月抢答"]
    assert total[0] == "合计" and total[header.index("参与人数")] == 100


def test_the_five_into_sheet_is_the_matrix_at_the_month_s_end(tmp_path):
    ActivityFactory(held_on=date(2024, 2, 3), category=FiveInto.ENTERPRISE)
    ActivityFactory(held_on=date(2024, 5, 3), category=FiveInto.ENTERPRISE)
    ActivityFactory(held_on=date(2024, 6, 3), category=FiveInto.SCHOOL)  # after May
    sheet = book_of(Month(2024, 5), tmp_path)["五进覆盖"]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    lingxi = rows["灵溪镇"]
    assert lingxi[header.index("进企业(场)")] == 2 and lingxi[header.index("进学校(场)")] == 0
    assert lingxi[header.index("已覆盖类别")] == 1
    assert lingxi[header.index("未覆盖")] == "进农村、进社区、进学校、进家庭"
    assert rows["合计"][header.index("进企业(场)")] == 2
