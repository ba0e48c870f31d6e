"""The monthly workbook's 约谈, 督办事项 and 服务机构考评 sheets, read back from the file written:
each row as it stood at the end of the month, whenever the file is made."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance import services
from governance.models import Agency, Committee, Interview, SupervisionTask
from plan import workbooks
from plan.periods import Month
from tests.factories import EnterpriseFactory, township
from tests.governance.factories import AgencyFactory

pytestmark = pytest.mark.django_db
MAY, JUNE = Month(2024, 5), Month(2024, 6)
HEADER_ROW = 3  # below the title row and the 填报单位 line


def in_may(record, day: int) -> None:
    """Dates the record's history so far to ``day`` May 2024 (Shanghai), as if entered then."""
    type(record).history.filter(id=record.pk).update(history_date=datetime(2024, 5, day, 9, tzinfo=SHANGHAI))


SHANGHAI = ZoneInfo("Asia/Shanghai")


def sheet_of(period: Month, title: str, tmp_path) -> tuple[list[dict], tuple]:
    path = tmp_path / f"{period}-{title}.xlsx"
    workbooks.write(period, path)
    rows = list(openpyxl.load_workbook(path)[title].iter_rows(min_row=HEADER_ROW, values_only=True))
    header, data, total = list(rows[0]), rows[1:-1], rows[-1]
    assert total[0] == "合计"
    return [dict(zip(header, row, strict=True)) for row in data], total


@pytest.fixture
def may_interviews(county_admin):
    lingxi, fanshan = township("灵溪镇"), township("矾山镇")
    kept = services.register_interview(
        actor=county_admin, level=Interview.Level.COUNTY_COMMITTEE, unit_kind="township", township=lingxi,
        reason=Interview.Reason.LISTING, held_on=date(2024, 5, 6), rectification="限期整改消防通道",
        rectification_due=date(2024, 6, 5),
    )  # fmt: skip
    services.follow_up_interview(actor=county_admin, interview=kept, on=date(2024, 5, 20), text="整改过半")
    in_may(kept, 6)
    # In June: the due date moved, a second follow-up, and 销号.
    services.update_interview(actor=county_admin, interview=kept, rectification_due=date(2024, 6, 30))
    services.follow_up_interview(actor=county_admin, interview=kept, on=date(2024, 6, 10), text="已整改")
    services.close_interview(actor=county_admin, interview=kept, closed_on=date(2024, 6, 12))
    april = services.register_interview(
        actor=county_admin, level=Interview.Level.DEPARTMENT, unit_kind="enterprise",
        enterprise=EnterpriseFactory(name="已销号企业", township=fanshan), reason=Interview.Reason.ACCIDENT,
        held_on=date(2024, 4, 2), rectification="整改", rectification_due=date(2024, 4, 20),
    )  # fmt: skip
    services.follow_up_interview(actor=county_admin, interview=april, on=date(2024, 4, 15), text="已整改")
    services.close_interview(actor=county_admin, interview=april, closed_on=date(2024, 4, 28))
    return kept


def test_the_interview_sheet_shows_may_as_it_stood_then(may_interviews, tmp_path):
    rows, total = sheet_of(MAY, "约谈", tmp_path)
    assert [row["约谈对象"] for row in rows] == ["灵溪镇"]  # the one closed in April is not May's
    (row,) = rows
    assert row["约谈层级"] == "县安委会" and row["约谈事由"] == "区域挂牌"
    assert row["整改期限"].date() == date(2024, 6, 5)  # moved to 30 June only in June
    assert row["整改跟踪次数"] == 1 and row["月末状态"] == "整改中" and row["销号日期"] is None
    assert total[9] == 1


def test_the_interview_sheet_shows_june_s_closure(may_interviews, tmp_path):
    (row,), total = sheet_of(JUNE, "约谈", tmp_path)
    assert row["月末状态"] == "已销号" and row["销号日期"].date() == date(2024, 6, 12)
    assert row["整改跟踪次数"] == total[9] == 2


@pytest.fixture
def may_tasks(county_admin):
    committee = Committee.objects.get(kind=Committee.Kind.SAFETY_COMMITTEE, parent=None)
    late = services.assign_task(
        actor=county_admin, committee=committee, title="消防通道整治", assignee_kind="township",
        township=township("灵溪镇"), assigned_on=date(2024, 5, 1), deadline=date(2024, 5, 20),
    )  # fmt: skip
    services.report_progress(actor=county_admin, task=late, on=date(2024, 5, 10), text="已制定方案")
    in_may(late, 1)
    services.update_task(actor=county_admin, task=late, deadline=date(2024, 6, 30))  # moved in June
    services.complete_task(actor=county_admin, task=late, completed_on=date(2024, 6, 2))
    on_time = services.assign_task(
        actor=county_admin, committee=committee, title="燃气排查", assignee_kind="township",
        township=township("矾山镇"), assigned_on=date(2024, 5, 2), deadline=date(2024, 5, 31),
    )  # fmt: skip
    services.complete_task(actor=county_admin, task=on_time, completed_on=date(2024, 5, 25))
    in_may(on_time, 2)
    return late, on_time


def test_the_task_sheet_shows_may_s_deadlines_and_status(may_tasks, tmp_path):
    rows, total = sheet_of(MAY, "督办事项", tmp_path)
    by_title = {row["督办事项"]: row for row in rows}
    late, done = by_title["消防通道整治"], by_title["燃气排查"]
    assert late["承办单位"] == "灵溪镇" and late["办理期限"].date() == date(2024, 5, 20)
    assert late["月末状态"] == "逾期" and late["逾期天数"] == 11 and late["进展报送次数"] == 1
    assert done["月末状态"] == "已办结" and done["按期办结"] == "是" and done["逾期天数"] is None
    assert total[6] == 1


def test_the_task_sheet_of_june_lists_only_what_was_open_or_completed_in_june(may_tasks, tmp_path):
    rows, _total = sheet_of(JUNE, "督办事项", tmp_path)
    (row,) = rows
    assert row["督办事项"] == "消防通道整治" and row["月末状态"] == "已办结"
    assert row["办结日期"].date() == date(2024, 6, 2)
    assert SupervisionTask.objects.get(title="消防通道整治").deadline == date(2024, 6, 30)


@pytest.fixture
def may_agencies(county_admin):
    kept = AgencyFactory(name="甲安全咨询公司", engineers=3)
    services.assess_agency(
        actor=county_admin, agency=kept, year=2024, half=1, score=Decimal("85.5"), assessor="安委办",
        assessed_on=date(2024, 5, 30),
    )  # fmt: skip
    services.grade_agency(actor=county_admin, agency=kept, year=2023, grade="B", graded_on=date(2024, 1, 10))
    enterprise = EnterpriseFactory()
    for day, hazards in ((3, 2), (18, 1)):
        services.log_service(
            actor=county_admin, agency=kept, enterprise=enterprise, served_on=date(2024, 5, day), service="检查",
            hazards_reported=hazards,
        )  # fmt: skip
    for record in (kept, *kept.assessments.all(), *kept.grades.all()):
        in_may(record, 1)
    # In June: more engineers, a lower score for the same half, then the blacklist.
    services.save_agency(actor=county_admin, agency=kept, engineers=5)
    services.assess_agency(
        actor=county_admin, agency=kept, year=2024, half=1, score=Decimal("60"), assessed_on=date(2024, 6, 20)
    )
    services.blacklist_agency(actor=county_admin, agency=kept, reason="出具虚假报告", on=date(2024, 6, 25))
    services.exit_agency(
        actor=county_admin, agency=AgencyFactory(name="四月退出公司"), reason="退出", on=date(2024, 4, 1)
    )
    AgencyFactory(name="乙检测公司", engineers=2)
    return kept


def test_the_agency_sheet_shows_may_s_score_status_and_services(may_agencies, tmp_path):
    rows, total = sheet_of(MAY, "服务机构考评", tmp_path)
    by_name = {row["机构名称"]: row for row in rows}
    assert set(by_name) == {"甲安全咨询公司", "乙检测公司"}  # the one exited in April has left
    kept = by_name["甲安全咨询公司"]
    assert kept["月末状态"] == "正常" and kept["注册安全工程师"] == 3
    assert kept["本半年度考核得分"] == 85.5 and kept["考核人"] == "安委办" and kept["上年度等级"] == "B"
    assert kept["本月服务次数"] == 2 and kept["本月报告隐患"] == 3
    assert by_name["乙检测公司"]["本半年度考核得分"] is None and by_name["乙检测公司"]["月末状态"] == "正常"
    assert total[3] == 5 and total[10] == 2 and total[11] == 3


def test_the_agency_sheet_of_june_shows_the_blacklist(may_agencies, tmp_path):
    rows, _total = sheet_of(JUNE, "服务机构考评", tmp_path)
    kept = {row["机构名称"]: row for row in rows}["甲安全咨询公司"]
    assert kept["月末状态"] == "黑名单" and kept["本月服务次数"] == 0
    assert Agency.objects.get(name="甲安全咨询公司").status == Agency.Status.BLACKLISTED


@pytest.mark.parametrize("title", ["约谈", "督办事项", "服务机构考评"])
def test_each_sheet_costs_the_same_queries_with_more_rows(county_admin, tmp_path, title):
    committee = Committee.objects.get(kind=Committee.Kind.SAFETY_COMMITTEE, parent=None)

    def grow(count: int) -> None:
        for n in range(count):
            agency = AgencyFactory()
            services.assess_agency(
                actor=county_admin, agency=agency, year=2024, half=1, score=Decimal(80), assessed_on=date(2024, 5, 9)
            )
            services.assign_task(
                actor=county_admin, committee=committee, title=f"事项{n}", assignee_kind="township",
                township=township("灵溪镇"), assigned_on=date(2024, 5, 1), deadline=date(2024, 5, 20),
            )  # fmt: skip
            services.register_interview(
                actor=county_admin, level="county_committee", unit_kind="township", township=township("钱库镇"),
                reason="other", held_on=date(2024, 5, 6), rectification="整改", rectification_due=date(2024, 6, 5),
            )  # fmt: skip

    sheet = next(sheet for sheet in workbooks.sheets if sheet.title == title)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert len(list(sheet.rows(MAY))) == sheet.count(MAY)
        return len(captured)

    grow(3)
    small = queries()
    grow(27)
    assert queries() == small
