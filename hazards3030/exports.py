"""This app's sheets in the monthly workbook: the 3030 ledger and the month's hazards, each as it
stood at the end of the month (Asia/Shanghai), so a month's file says the same whenever it is made."""

from copy import copy
from datetime import date, datetime, time, timedelta

from django.db.models import Case, CharField, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from hazards3030 import batches
from hazards3030.models import Batch3030, Hazard, HazardTransition
from org.spreadsheets import Heading, download
from plan.exports import Column, Sheet, sheets
from plan.periods import Month

STATUS = dict(Hazard.Status.choices)
LEVEL = dict(Hazard.Level.choices)
SOURCE = dict(Hazard.Source.choices)
CATEGORY = dict(Hazard.Category.choices)
UNIT_KIND = dict(Batch3030.UnitKind.choices)
CLOSED, REPORTED = Hazard.Status.CLOSED, Hazard.Status.REPORTED


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def _windows(period: Month):
    return Batch3030.objects.filter(opened_on__lte=period.last_day, closes_on__gte=period.first_day)


def ledger_3030(period: Month):
    windows = list(
        _windows(period).select_related("region", "department").order_by("unit_kind", "region__sort_order", "id")
    )
    for window, result in zip(windows, batches.progress([_up_to(w, period.last_day) for w in windows]), strict=True):
        running = window.closes_on > period.last_day
        yield (
            str(UNIT_KIND[window.unit_kind]),
            window.unit_name,
            window.opened_on,
            window.closes_on,
            window.target_count,
            result.found,
            result.closed,
            "达标" if result.met else ("进行中" if running else "未达标"),
        )


def _up_to(window: Batch3030, day: date) -> Batch3030:
    """A window still running on ``day`` is counted as far as it had got by then."""
    if window.closes_on <= day:
        return window
    part = copy(window)
    part.closes_on = day
    return part


def status_at_end(period: Month) -> Case:
    """Each hazard's status at the end of the month, read from its transitions in the same query:
    the last step before the end, else the status the first step after it started from (or entered
    the portal with), else — no history at all — what the hazard row says."""
    end = _start_of(period.last_day + timedelta(days=1))
    steps = HazardTransition.objects.filter(hazard=OuterRef("pk"))
    before = steps.filter(at__lt=end).order_by("-at", "-id").values("to_status")[:1]
    entered = Case(When(from_status="", then=F("to_status")), default=F("from_status"))
    after = steps.filter(at__gte=end).order_by("at", "id").annotate(then=entered).values("then")[:1]
    unrecorded = Case(When(closed_at__gte=end, then=Value(REPORTED)), default=F("status"))
    return Case(
        When(closed_at__lt=end, then=Value(CLOSED)),
        default=Coalesce(Subquery(before), Subquery(after), unrecorded),
        output_field=CharField(),
    )


def _listed(period: Month):
    """The hazards open at the end of the month, and those found or closed in it."""
    start, end = _start_of(period.first_day), _start_of(period.last_day + timedelta(days=1))
    in_month = Q(found_on__gte=period.first_day) | Q(closed_at__gte=start, closed_at__lt=end)
    return (
        Hazard.objects.filter(found_on__lte=period.last_day)
        .annotate(status_then=status_at_end(period))
        .filter(in_month | ~Q(status_then=CLOSED))
    )


# The hazard ledger (隐患台账): one column list for the monthly workbook's sheet and for every
# export of the hazard list (page and API), each row made by ``ledger_rows``.
HAZARD_LEDGER_COLUMNS = [
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
    Column("逾期天数", 10),
    Column("整改责任人", 12),
    Column("整改资金(万元)", 14, "0.00", total=True),
    Column("销号日期", 12),
]


def ledger_rows(hazards: QuerySet, *, on: date, status: str = "status"):
    """The ledger's rows for ``hazards`` in their order, as they stand at the end of day ``on``:
    ``status`` names the field (or annotation) that holds each hazard's status then."""
    fields = ("id", "township__name", "enterprise__name", "enterprise__credit_code", "level", "category", "source",
              "description", "found_on", "deadline", status, "responsible", "funds", "closed_at")  # fmt: skip
    shanghai = timezone.get_default_timezone()
    for row in hazards.values_list(*fields).iterator(chunk_size=5000):
        (pk, township, enterprise, code, level, category, source, description, found, deadline, status_then, who,
         funds, closed) = row  # fmt: skip
        is_open = status_then != CLOSED
        overdue = (on - deadline).days + 1 if is_open and deadline <= on else None
        closed_on = timezone.localdate(closed, shanghai) if closed and not is_open else None
        yield (pk, township, enterprise or "", code or "", str(LEVEL[level]), str(CATEGORY[category]), str(SOURCE[source]),
               description, found, deadline, str(STATUS[status_then]), overdue, who, funds, closed_on)  # fmt: skip


def ledger_download(hazards: QuerySet, *, user) -> FileResponse:
    """The hazard list's export (page and API): ``hazards`` — the rows the list's filters select,
    in its order — as a 隐患台账 under the user's unit and today's date. Overdue days are counted
    as the list shows them (a deadline of yesterday is one day overdue)."""
    today = timezone.localdate()
    unit = str(user.department or user.region or "")
    title = _("隐患台账")
    heading = Heading(
        f"{unit} {title}".strip(), _("填报单位:%(unit)s  日期:%(date)s") % {"unit": unit, "date": f"{today:%Y-%m-%d}"}
    )
    rows = ledger_rows(hazards, on=today - timedelta(days=1))
    return download(title, HAZARD_LEDGER_COLUMNS, rows, heading=heading)


def hazard_rows(period: Month):
    return ledger_rows(_listed(period).order_by("found_on", "id"), on=period.last_day, status="status_then")


sheets.register(
    Sheet(
        "ledger3030",
        "3030台账",
        [
            Column("单位类型", 10),
            Column("单位", 22),
            Column("窗口开始", 12),
            Column("窗口结束", 12),
            Column("目标数", 8, total=True),
            Column("发现重大隐患", 12, total=True),
            Column("窗口内销号", 12, total=True),
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
        HAZARD_LEDGER_COLUMNS,
        hazard_rows,
        count=lambda period: _listed(period).count(),
        order=50,
    )
)
