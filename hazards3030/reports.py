"""This app's part of the 月度通报: listed (挂牌督办) hazards still open past their deadline at the
end of the month — the same rule as the hazards.overdue indicator."""

from hazards3030.indicators import _overdue_at_end
from hazards3030.models import Supervision
from plan.periods import Month
from plan.reports import Section, sections


def _overdue_listed(period: Month):
    end = period.last_day
    return (
        Supervision.objects.filter(hazard__in=_overdue_at_end(period), listed_on__lte=end)
        .exclude(closed_on__lte=end)
        .select_related("hazard__township", "hazard__enterprise")
        .order_by("hazard__deadline", "hazard_id")
    )


def overdue_listed_rows(period: Month):
    for supervision in _overdue_listed(period):
        hazard = supervision.hazard
        yield (
            hazard.township.name,
            hazard.enterprise.name if hazard.enterprise else "",
            hazard.description,
            f"{supervision.get_level_display()}·{supervision.issuing_body}",
            supervision.listed_on,
            hazard.deadline,
            (period.last_day - hazard.deadline).days,
        )


sections.register(
    Section(
        "overdue_listed_hazards",
        "挂牌督办隐患逾期情况",
        ["乡镇", "检查对象", "隐患描述", "督办", "挂牌日期", "整改期限", "逾期天数"],
        overdue_listed_rows,
        empty="截至本月底,无逾期未销号的挂牌督办隐患。",
        order=10,
    )
)
