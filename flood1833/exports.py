"""This app's sheets in the monthly workbook: the transfer ledger of the month's typhoon events and
their “633” completion, by stage and township."""

from datetime import datetime, time

from django.db.models import Count, Q
from django.utils import timezone

from flood1833.models import MatrixTask, ResponseEvent, Transfer, ZoneKind
from plan.exports import Column, Sheet, sheets
from plan.periods import Month

STATUS = dict(Transfer.Status.choices)
ZONE_KIND = dict(ZoneKind.choices)


def events_in(period: Month):
    """The events that were open at some time in the month."""
    start = timezone.make_aware(datetime.combine(period.first_day, time.min))
    end = timezone.make_aware(datetime.combine(period.last_day, time.max))
    return ResponseEvent.objects.filter(started_at__lte=end).filter(Q(ended_at__isnull=True) | Q(ended_at__gte=start))


def _transfers(period: Month):
    return Transfer.objects.filter(event__in=events_in(period))


def transfer_rows(period: Month):
    fields = ("event__name", "township__name", "village__name", "person__name", "zone_kind", "status",
              "shelter__name", "location", "updated_at", "updated_by__username")  # fmt: skip
    ordered = _transfers(period).order_by("event_id", "township__sort_order", "village__sort_order", "person__name")
    for event, township, village, person, kind, status, shelter, location, at, who in ordered.values_list(
        *fields
    ).iterator(chunk_size=5000):
        yield (event, township, village, person, str(ZONE_KIND.get(kind, "")), str(STATUS[status]), shelter or "",
               location, at, who or "")  # fmt: skip


def _tasks(period: Month):
    return MatrixTask.objects.filter(event__in=events_in(period))


def completion_rows(period: Month):
    done = Count("pk", filter=Q(done_at__isnull=False))
    groups = (
        _tasks(period)
        .values("event__name", "stage__order", "stage__name", "township__sort_order", "township__name")
        .annotate(total=Count("pk"), done=done)
        .order_by("event__name", "stage__order", "township__sort_order")
    )
    for row in groups:
        share = round(100 * row["done"] / row["total"], 1) if row["total"] else None
        yield (row["event__name"], row["stage__name"], row["township__name"], row["total"], row["done"], share)


sheets.register(
    Sheet(
        "transfers",
        "人员转移台账",
        [
            Column("过程", 16),
            Column("乡镇", 10),
            Column("村(社区)", 14),
            Column("姓名", 10),
            Column("区域类型", 14),
            Column("转移状态", 10),
            Column("安置场所", 18),
            Column("所在位置", 18),
            Column("最后确认时间", 18),
            Column("确认人", 12),
        ],
        transfer_rows,
        count=lambda period: _transfers(period).count(),
        order=60,
    )
)
sheets.register(
    Sheet(
        "matrix633",
        "“633”措施落实",
        [
            Column("过程", 16),
            Column("响应阶段", 10),
            Column("乡镇", 10),
            Column("措施数", 8, total=True),
            Column("已落实", 8, total=True),
            Column("落实率(%)", 10, "0.0"),
        ],
        completion_rows,
        count=lambda period: _tasks(period).values("event_id", "stage_id", "township_id").distinct().count(),
        order=70,
    )
)
