"""Indicators of A2 (transfers, reporting), M2 (the 633 matrix) and F1 (natural disasters).

Flow indicators use the events, incidents and tasks inside the period; F1.disaster counts the
year to date, as the plan's "不死人、少伤人、少损失" is judged over the year.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flood1833.models import CLOCKED_LEVELS, Incident, MatrixTask, Transfer
from flood1833.services import SAFE_STATUSES
from plan.periods import Month
from plan.registry import Indicator, Measurement, registry

APP = "flood1833"


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _span(period: Month) -> tuple[datetime, datetime]:
    return _start_of(period.first_day), _start_of(period.last_day + timedelta(days=1))


def _events_in(period: Month) -> Q:
    """Events under way at some time in the period."""
    start, end = _span(period)
    return Q(event__started_at__lt=end) & (Q(event__ended_at__isnull=True) | Q(event__ended_at__gte=start))


def _ids(units) -> list[int]:
    return [u.pk for u in units]


def transfer(period: Month, townships) -> dict[int, Measurement]:
    """应转尽转率: of the people a stage required to move, those moved (or sheltered, or returned)."""
    rows = (
        Transfer.objects.filter(_events_in(period), township__in=_ids(townships))
        .values("township")
        .annotate(total=Count("pk"), safe=Count("pk", filter=Q(status__in=SAFE_STATUSES)))
    )
    return {row["township"]: Measurement.ratio(row["safe"], row["total"]) for row in rows}


def matrix(period: Month, townships) -> dict[int, Measurement]:
    """633 防御措施落实率 over the tasks the events of the period opened (township and its villages)."""
    rows = (
        MatrixTask.objects.filter(_events_in(period), township__in=_ids(townships))
        .values("township")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(done_at__isnull=False)))
    )
    return {row["township"]: Measurement.ratio(row["done"], row["total"]) for row in rows}


def report(period: Month, townships) -> dict[int, Measurement]:
    """重大以上事件按时报送率: of the 重大 and 特别重大 incidents of the period, the share with no
    stored breach of either clock (verbal report within 30 minutes, system first report within 60).
    一般 and 较大 incidents do not count, as the plan's rule is for 重大以上 events."""
    start, end = _span(period)
    on_time = Q(verbal_breached_at__isnull=True, system_breached_at__isnull=True)
    rows = (
        Incident.objects.filter(
            occurred_at__gte=start, occurred_at__lt=end, level__in=CLOCKED_LEVELS, township__in=_ids(townships)
        )
        .values("township")
        .annotate(total=Count("pk"), on_time=Count("pk", filter=on_time))
        .order_by()
    )
    return {row["township"]: Measurement.ratio(row["on_time"], row["total"]) for row in rows}


DISASTER_PARTS = ("deaths", "injuries", "injuries_last_year", "direct_loss", "direct_loss_last_year")


def disaster(period: Month, townships) -> dict[int, Measurement]:
    """因灾死亡人数 this year to date (target 0), with injuries and losses against last year."""
    this_year = Q(
        occurred_at__gte=_start_of(date(period.year, 1, 1)),
        occurred_at__lt=_start_of(period.last_day + timedelta(days=1)),
    )
    last_end = period.last_day.replace(year=period.year - 1, day=min(period.last_day.day, 28))
    last_year = Q(
        occurred_at__gte=_start_of(date(period.year - 1, 1, 1)), occurred_at__lt=_start_of(last_end + timedelta(days=1))
    )
    rows = (
        Incident.objects.filter(this_year | last_year, is_disaster=True, township__in=_ids(townships))
        .values("township")
        .annotate(
            dead=Sum("deaths", filter=this_year),
            hurt=Sum("injuries", filter=this_year),
            hurt_last=Sum("injuries", filter=last_year),
            loss=Sum("direct_loss", filter=this_year),
            loss_last=Sum("direct_loss", filter=last_year),
        )
    )
    return {
        row["township"]: _disaster(
            row["dead"] or 0, row["hurt"] or 0, row["hurt_last"] or 0, row["loss"] or 0, row["loss_last"] or 0
        )
        for row in rows
    }


def _disaster(deaths, injuries, injuries_last_year, loss, loss_last_year) -> Measurement:
    return Measurement(
        value=deaths,
        detail={
            "injuries": injuries,
            "injuries_last_year": injuries_last_year,
            "direct_loss": str(loss),
            "direct_loss_last_year": str(loss_last_year),
        },
    )


def disaster_county(period: Month, county) -> Measurement:
    parts = disaster(period, list(county.children.filter(level=4))).values()
    return _disaster(
        sum(p.value for p in parts),
        sum(p.detail["injuries"] for p in parts),
        sum(p.detail["injuries_last_year"] for p in parts),
        sum(Decimal(p.detail["direct_loss"]) for p in parts),
        sum(Decimal(p.detail["direct_loss_last_year"]) for p in parts),
    )


for indicator in (
    Indicator("A2.transfer", _("应转尽转率"), "%", APP, "ratio_at_least", transfer, ratio=True),
    Indicator("A2.report", _("重大以上事件按时报送率"), "%", APP, "sla_within", report, ratio=True),
    Indicator("M2.matrix", _("“633”防御措施落实率"), "%", APP, "ratio_at_least", matrix, ratio=True),
    Indicator(
        "F1.disaster",
        _("自然灾害死亡人数"),
        "人",
        APP,
        "count_at_most",
        disaster,
        for_county=disaster_county,
        higher_is_better=False,
    ),
):
    registry.register(indicator)
