"""The monthly workbook read back with openpyxl has the sheets, headers and totals of the database."""

import io
import re
import zipfile
from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse
from openpyxl.utils import get_column_letter

from hazards3030.models import Hazard
from plan import snapshots, workbooks
from plan.models import MonthlyWorkbook, RankingRow
from plan.periods import Month
from tests.conftest import api_as
from tests.factories import HazardFactory, township

pytestmark = pytest.mark.django_db
MAY = Month(2024, 5)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def may_snapshot(django_capture_on_commit_callbacks):
    HazardFactory(found_on=date(2024, 5, 2), deadline=date(2024, 5, 9), description='=HYPERLINK("http://x")')
    HazardFactory(found_on=date(2024, 5, 3), deadline=date(2024, 5, 9), township=township("矾山镇"), funds=2.5)
    HazardFactory(found_on=date(2024, 4, 3), deadline=date(2024, 5, 9))  # April's, still open at the end of May
    HazardFactory(found_on=date(2024, 6, 3), deadline=date(2024, 6, 9))  # June: not in May's ledger
    # Made at 07:30 on 1 June in Shanghai, still 31 May in UTC.
    made_at = datetime(2024, 6, 1, 7, 30, tzinfo=SHANGHAI)
    with (
        mock.patch("django.utils.timezone.now", return_value=made_at),
        django_capture_on_commit_callbacks(execute=True),
    ):
        snapshots.start_snapshot(period=MAY)


def read(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def table(sheet) -> tuple[list, list[tuple], tuple | None]:
    """A sheet's header (below the title and 填报单位 rows), its data rows and its 合计 row, if any."""
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    header, data = list(rows[0]), rows[1:]
    total = data.pop() if data and data[-1][0] == "合计" else None
    return header, data, total


def test_the_monthly_job_stores_a_workbook_with_every_sheet(may_snapshot):
    stored = MonthlyWorkbook.objects.get(period=MAY.first_day)
    assert stored.status == "complete"
    book = read(stored.file.read())
    assert book.sheetnames == [
        "目标达成",
        "乡镇月排名",
        "部门月排名",
        "3030台账",
        "隐患明细",
        "人员转移台账",
        "“633”措施落实",
        "管理站建设与达标",
        "网格覆盖",
        "救援队伍与测评",
        "宣传活动",
        "五进覆盖",
        "热点核查",
        "林火",
        "约谈",
        "督办事项",
        "服务机构考评",
    ]
    for sheet in book.worksheets:
        assert sheet["A1"].value == f"苍南县应急管理局 2024年5月 {sheet.title}" and sheet["A1"].font.bold
        assert f"A1:{get_column_letter(sheet.max_column)}1" in sheet.merged_cells
        assert sheet["A2"].value == "填报单位:苍南县应急管理局  日期:2024-06-01"
        assert sheet["A3"].font.bold and sheet["A3"].border.bottom.style == "thin"
        assert sheet.freeze_panes == "A4"


def test_every_sheet_prints_on_a4_landscape_one_page_wide_with_its_heading_on_every_page(may_snapshot):
    book = read(MonthlyWorkbook.objects.get(period=MAY.first_day).file.read())
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert sheet.print_title_rows == "$1:$3"
        assert (setup.orientation, setup.paperSize, setup.fitToHeight) == ("landscape", 9, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth in (None, 1)  # 1 is the default


def test_sheets_hold_what_the_database_holds(may_snapshot):
    book = read(MonthlyWorkbook.objects.get(period=MAY.first_day).file.read())
    hazards = book["隐患明细"]
    header, data, total = table(hazards)
    assert header[:4] == ["编号", "乡镇", "检查对象", "统一社会信用代码"]
    assert {row[0] for row in data} == set(
        Hazard.objects.filter(found_on__lte=MAY.last_day).values_list("pk", flat=True)
    )
    assert len(data) == 3
    funds_column = header.index("整改资金(万元)")
    assert sum(row[funds_column] or 0 for row in data) == total[funds_column] == 2.5
    found = hazards.cell(row=4, column=header.index("发现日期") + 1)
    assert found.is_date and found.number_format == "yyyy-mm-dd"
    assert found.border.left.style == found.border.right.style == "thin"

    _header, ranking, no_total = table(book["乡镇月排名"])
    ranks = [row[0] for row in ranking]
    assert len(ranks) == RankingRow.objects.filter(period=MAY.first_day, scheme__kind="township").count() == 18
    assert no_total is None
    _header, targets, _total = table(book["目标达成"])
    codes = [row[1] for row in targets]
    assert len(codes) == 28 and "M1.loop3030" in codes


def test_cells_that_would_be_formulas_are_kept_as_text(may_snapshot):
    book = read(MonthlyWorkbook.objects.get(period=MAY.first_day).file.read())
    descriptions = [row[7] for row in table(book["隐患明细"])[1]]
    risky = next(d for d in descriptions if "HYPERLINK" in d)
    assert risky.startswith("=")  # as written, in a text cell: no spreadsheet evaluates it
    raw = MonthlyWorkbook.objects.get(period=MAY.first_day).file
    raw.seek(0)
    with zipfile.ZipFile(raw) as archive:
        sheets = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert "HYPERLINK" in sheets and not re.search(r"<f>[^<]*HYPERLINK", sheets)  # a string, never a formula
    assert workbooks.safe("+8613800000001") == "+8613800000001" and workbooks.safe(3) == 3


def test_the_download_url_and_its_link_in_the_api(client, county_admin, lingxi_staff, may_snapshot):
    body = api_as(county_admin).get(reverse("workbook-list")).json()
    link = body["results"][0]["download"]
    assert link == reverse("plan:monthly-workbook", kwargs={"period": "2024-05"}) == "/exports/monthly/2024-05.xlsx"
    client.force_login(county_admin)
    response = client.get(link)
    assert response.status_code == 200
    assert read(b"".join(response.streaming_content)).sheetnames[0] == "目标达成"
    client.force_login(lingxi_staff)
    assert client.get(link).status_code == 404
    assert api_as(lingxi_staff).get(reverse("workbook-list")).status_code == 403


def test_an_on_demand_export_reports_its_progress(county_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(county_admin).post(reverse("workbook-list"), {"period": "2024-05"}, format="json")
    assert response.status_code == 202
    job = api_as(county_admin).get(reverse("workbook-detail", args=[response.json()["id"]])).json()
    assert job["status"] == "complete" and job["percent"] == 100
