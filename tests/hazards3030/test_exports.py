"""The month's hazard ledger and 3030 ledger, read back from the workbook: each hazard as it stood at
the end of the month (Asia/Shanghai), whenever the file is made."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hazards3030.models import Hazard, HazardTransition
from plan import workbooks
from plan.periods import Month
from tests.factories import Batch3030Factory, HazardFactory, HazardTransitionFactory

pytestmark = pytest.mark.django_db
MAY, JUNE = Month(2024, 5), Month(2024, 6)
S = Hazard.Status


def shanghai(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=ZoneInfo("Asia/Shanghai"))


def hazard_through(*steps: tuple[str, datetime], **fields) -> Hazard:
    """A hazard that went through ``steps`` (status, when), its row left at the last of them."""
    status, when = steps[-1]
    hazard = HazardFactory(status=status, closed_at=when if status == S.CLOSED else None, **fields)
    previous = ""
    for to, at in steps:
        step = HazardTransitionFactory(hazard=hazard, from_status=previous, to_status=to)
        HazardTransition.objects.filter(pk=step.pk).update(at=at)  # `at` is set on insert
        previous = to
    return hazard


def ledger(period: Month, tmp_path, name: str = "隐患明细") -> tuple[list, list[dict], tuple]:
    """The sheet's header (its third row), its data rows and its 合计 row."""
    path = tmp_path / f"{period}.xlsx"
    workbooks.write(period, path)
    rows = list(openpyxl.load_workbook(path)[name].iter_rows(min_row=3, values_only=True))
    header, data, total = list(rows[0]), rows[1:-1], rows[-1]
    assert total[0] == "合计"
    return header, [dict(zip(header, row, strict=True)) for row in data], total


def hazards(period: Month, tmp_path) -> dict[int, dict]:
    _header, rows, _total = ledger(period, tmp_path)
    return {row["编号"]: row for row in rows}


@pytest.fixture
def may_hazards():
    return {
        "open_since_april": hazard_through(
            (S.REPORTED, shanghai(2024, 4, 10, 9)), (S.ASSIGNED, shanghai(2024, 4, 11, 9)),
            found_on=date(2024, 4, 10), deadline=date(2024, 4, 20), funds=1.25,
        ),
        "closed_in_june": hazard_through(
            (S.REPORTED, shanghai(2024, 5, 3, 9)), (S.ASSIGNED, shanghai(2024, 5, 4, 9)),
            (S.RECTIFYING, shanghai(2024, 5, 5, 9)), (S.SUBMITTED, shanghai(2024, 6, 1, 9)),
            (S.CLOSED, shanghai(2024, 6, 5, 9)),
            found_on=date(2024, 5, 3), deadline=date(2024, 5, 9), funds=2.5,
        ),
        "closed_late_on_the_31st": hazard_through(
            (S.REPORTED, shanghai(2024, 5, 10, 9)), (S.SUBMITTED, shanghai(2024, 5, 30, 9)),
            (S.CLOSED, shanghai(2024, 5, 31, 23, 30)),  # 15:30 UTC
            found_on=date(2024, 5, 10), deadline=date(2024, 5, 20),
        ),
        "closed_early_on_june_1st": hazard_through(
            (S.REPORTED, shanghai(2024, 5, 12, 9)), (S.SUBMITTED, shanghai(2024, 5, 30, 9)),
            (S.CLOSED, shanghai(2024, 6, 1, 7, 30)),  # still 31 May in UTC
            found_on=date(2024, 5, 12), deadline=date(2024, 6, 10),
        ),
        "closed_in_april": hazard_through(
            (S.REPORTED, shanghai(2024, 4, 2, 9)), (S.CLOSED, shanghai(2024, 4, 25, 9)),
            found_on=date(2024, 4, 2), deadline=date(2024, 4, 30),
        ),
        "april_closed_in_may": hazard_through(
            (S.REPORTED, shanghai(2024, 4, 3, 9)), (S.CLOSED, shanghai(2024, 5, 15, 9)),
            found_on=date(2024, 4, 3), deadline=date(2024, 4, 30),
        ),
        "found_in_june": hazard_through((S.REPORTED, shanghai(2024, 6, 2, 9)), found_on=date(2024, 6, 2)),
    }  # fmt: skip


def test_the_month_lists_what_was_open_at_its_end_and_what_was_found_or_closed_in_it(may_hazards, tmp_path):
    rows = hazards(MAY, tmp_path)
    expected = {"open_since_april", "closed_in_june", "closed_late_on_the_31st", "closed_early_on_june_1st",
                "april_closed_in_may"}  # fmt: skip
    assert set(rows) == {may_hazards[name].pk for name in expected}


def test_each_hazard_shows_its_status_at_the_end_of_the_month(may_hazards, tmp_path):
    may = hazards(MAY, tmp_path)
    later = may_hazards["closed_in_june"].pk
    assert may[later]["状态"] == "整改中" and may[later]["销号日期"] is None
    assert may[may_hazards["open_since_april"].pk]["状态"] == "已交办"
    assert may[may_hazards["closed_early_on_june_1st"].pk]["状态"] == "整改完成待验收"
    assert may[may_hazards["april_closed_in_may"].pk]["状态"] == "验收销号"
    june = hazards(JUNE, tmp_path)
    assert june[later]["状态"] == "验收销号" and june[later]["销号日期"] == datetime(2024, 6, 5)


def test_the_closing_date_is_the_shanghai_date(may_hazards, tmp_path):
    may = hazards(MAY, tmp_path)
    assert may[may_hazards["closed_late_on_the_31st"].pk]["销号日期"] == datetime(2024, 5, 31)
    june = hazards(JUNE, tmp_path)
    assert june[may_hazards["closed_early_on_june_1st"].pk]["销号日期"] == datetime(2024, 6, 1)


def test_days_overdue_are_counted_to_the_end_of_the_month_for_open_hazards_only(may_hazards, tmp_path):
    may = hazards(MAY, tmp_path)
    assert may[may_hazards["open_since_april"].pk]["逾期天数"] == 42  # 20 April → end of 31 May
    assert may[may_hazards["closed_in_june"].pk]["逾期天数"] == 23  # 9 May, open at the end of May
    assert may[may_hazards["closed_early_on_june_1st"].pk]["逾期天数"] is None  # not due until 10 June
    assert may[may_hazards["closed_late_on_the_31st"].pk]["逾期天数"] is None  # closed, though late


def test_the_total_row_adds_up_the_rectification_funds(may_hazards, tmp_path):
    header, rows, total = ledger(MAY, tmp_path)
    funds = [row["整改资金(万元)"] for row in rows]
    assert sum(f or 0 for f in funds) == total[header.index("整改资金(万元)")] == 3.75


def test_the_hazard_ledger_costs_the_same_queries_with_more_hazards(may_hazards, tmp_path):
    with CaptureQueriesContext(connection) as few:
        workbooks.write(MAY, tmp_path / "few.xlsx")
    for day in range(1, 20):
        hazard_through((S.REPORTED, shanghai(2024, 5, day, 9)), found_on=date(2024, 5, day), deadline=date(2024, 6, 1))
    with CaptureQueriesContext(connection) as many:
        workbooks.write(MAY, tmp_path / "many.xlsx")
    assert len(many) == len(few)


def test_a_window_running_past_the_month_is_counted_as_it_stood_at_the_month_s_end(tmp_path):
    window = Batch3030Factory(opened_on=date(2024, 5, 20), closes_on=date(2024, 6, 18), target_count=1)
    done = Batch3030Factory(opened_on=date(2024, 4, 20), closes_on=date(2024, 5, 19), target_count=1)
    hazard_through(
        (S.REPORTED, shanghai(2024, 5, 22, 9)), (S.CLOSED, shanghai(2024, 6, 3, 9)),
        found_on=date(2024, 5, 22), deadline=date(2024, 6, 1), level=Hazard.Level.MAJOR, township=window.region,
    )  # fmt: skip
    header, may, total = ledger(MAY, tmp_path, "3030台账")
    by_start = {row["窗口开始"]: row for row in may}
    running, ended = by_start[datetime(2024, 5, 20)], by_start[datetime(2024, 4, 20)]
    assert (running["发现重大隐患"], running["窗口内销号"], running["是否达标"]) == (1, 0, "进行中")
    assert (ended["发现重大隐患"], ended["窗口内销号"], ended["是否达标"]) == (0, 0, "未达标")
    assert total[header.index("目标数")] == window.target_count + done.target_count == 2
    assert total[header.index("发现重大隐患")] == 1
    _header, june, _total = ledger(JUNE, tmp_path, "3030台账")
    [whole] = june
    assert (whole["发现重大隐患"], whole["窗口内销号"], whole["是否达标"]) == (1, 1, "达标")
