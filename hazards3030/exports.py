"""This app's sheets in the monthly workbook: the 3030 ledger and the month's hazards."""

from hazards3030 import batches
from hazards3030.models import Batch3030, Hazard
from plan.exports import Column, Sheet, sheets
from plan.periods import Month

STATUS = dict(Hazard.Status.choices)
LEVEL = dict(Hazard.Level.choices)
SOURCE = dict(Hazard.Source.choices)
CATEGORY = dict(Hazard.Category.choices)
UNIT_KIND = dict(Batch3030.UnitKind.choices)


def _windows(period: Month):
    return Batch3030.objects.filter(opened_on__lte=period.last_day, closes_on__gte=period.first_day)


def ledger_3030(period: Month):
    windows = _windows(period).select_related("region", "department").order_by("unit_kind", "region__sort_order", "id")
    for result in batches.progress(list(windows)):
        window = result.batch
        yield (
            str(UNIT_KIND[window.unit_kind]),
            window.unit_name,
            window.opened_on,
            window.closes_on,
            window.target_count,
            result.found,
            result.closed,
            "达标" if result.met else "未达标",
        )


def _found_in(period: Month):
    return Hazard.objects.filter(found_on__range=(period.first_day, period.last_day))


def hazard_rows(period: Month):
    fields = ("id", "township__name", "enterprise__name", "enterprise__credit_code", "level", "category", "source",
              "description", "found_on", "deadline", "status", "responsible", "funds", "closed_at")  # fmt: skip
    for row in _found_in(period).order_by("found_on", "id").values_list(*fields).iterator(chunk_size=5000):
        (
            pk,
            township,
            enterprise,
            code,
            level,
            category,
            source,
            description,
            found,
            deadline,
            status,
            who,
            funds,
            closed,
        ) = row
        yield (pk, township, enterprise or "", code or "", str(LEVEL[level]), str(CATEGORY[category]), str(SOURCE[source]),
               description, found, deadline, str(STATUS[status]), who, funds, closed.date() if closed else None)  # fmt: skip


sheets.register(
    Sheet(
        "ledger3030",
        "3030台账",
        [
            Column("单位类型", 10),
            Column("单位", 22),
            Column("窗口开始", 12),
            Column("窗口结束", 12),
            Column("目标数", 8),
            Column("发现重大隐患", 12),
            Column("窗口内销号", 12),
            Column("是否达标", 10),
        ],
        ledger_3030,
        count=lambda period: _windows(period).count(),
        order=40,
    )
)
sheets.register(
    Sheet(
        "hazards",
        "隐患明细",
        [
            Column("编号", 10),
            Column("乡镇", 12),
            Column("检查对象", 24),
            Column("统一社会信用代码", 22),
            Column("等级", 8),
            Column("类别", 14),
            Column("来源", 12),
            Column("隐患描述", 40),
            Column("发现日期", 12),
            Column("整改期限", 12),
            Column("状态", 14),
            Column("整改责任人", 12),
            Column("整改资金(万元)", 14, "0.00"),
            Column("销号日期", 12),
        ],
        hazard_rows,
        count=lambda period: _found_in(period).count(),
        order=50,
    )
)
