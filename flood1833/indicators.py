"""Indicators of A2 (transfers, reporting), M2 (the 633 matrix) and F1 (natural disasters).

Flow indicators use the events, incidents and tasks inside the period; F1.disaster counts the
year to date, as the plan's "不死人、少伤人、少损失" is judged over the year.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flood1833 import sla
from flood1833.models import Incident, MatrixTask, Transfer
from flood1833.services import SAFE_STATUSES
from plan.periods import Month
from plan.registry import Indicator, Measurement, one_region_at_a_time, registry

APP = "flood1833"


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _span(period: Month) -> tuple[datetime, datetime]:
    return _start_of(period.first_day), _start_of(period.last_day + timedelta(days=1))


def _events_in(period: Month) -> Q:
    """Events under way at some time in the period."""
    start, end = _span(period)
    return Q(event__started_at__lt=end) & (Q(event__ended_at__isnull=True) | Q(event__ended_at__gte=start))


def transfer(*, period, region=None, department=None) -> Measurement:
    """应转尽转率: of the people a stage required to move, those moved (or sheltered, or returned)."""
    transfers = Transfer.objects.filter(_events_in(period), village__path__startswith=region.path)
    counts = transfers.aggregate(total=Count("pk"), safe=Count("pk", filter=Q(status__in=SAFE_STATUSES)))
    return Measurement.ratio(counts["safe"], counts["total"])


def matrix(*, period, region=None, department=None) -> Measurement:
    """633 防御措施落实率 over the tasks the events of the period opened."""
    tasks = MatrixTask.objects.filter(_events_in(period), region__path__startswith=region.path)
    counts = tasks.aggregate(total=Count("pk"), done=Count("pk", filter=Q(done_at__isnull=False)))
    return Measurement.ratio(counts["done"], counts["total"])


def report(*, period, region=None, department=None) -> Measurement:
    """Share of incidents of the period reported on time both by phone and in the system."""
    start, end = _span(period)
    incidents = Incident.objects.filter(
        occurred_at__gte=start, occurred_at__lt=end, township__path__startswith=region.path
    )
    verbal, system = sla.limits()
    on_time = sum(
        1
        for incident in incidents.only("occurred_at", "verbal_reported_at", "system_reported_at")
        if not sla.breaches(incident, verbal=verbal, system=system, now=end)
    )
    return Measurement.ratio(on_time, incidents.count())


def disaster(*, period, region=None, department=None) -> Measurement:
    """因灾死亡人数 this year to date (target 0), with injuries and losses against last year."""
    this_year = _disaster_totals(region, date(period.year, 1, 1), period.last_day)
    last_year = _disaster_totals(
        region,
        date(period.year - 1, 1, 1),
        period.last_day.replace(year=period.year - 1, day=min(period.last_day.day, 28)),
    )
    return Measurement(
        value=this_year["deaths"],
        detail={
            "injuries": this_year["injuries"],
            "injuries_last_year": last_year["injuries"],
            "direct_loss": str(this_year["loss"]),
            "direct_loss_last_year": str(last_year["loss"]),
        },
    )


def _disaster_totals(region, first: date, last: date) -> dict:
    totals = Incident.objects.filter(
        is_disaster=True,
        occurred_at__gte=_start_of(first),
        occurred_at__lt=_start_of(last + timedelta(days=1)),
        township__path__startswith=region.path,
    ).aggregate(deaths=Sum("deaths"), injuries=Sum("injuries"), loss=Sum("direct_loss"))
    return {"deaths": totals["deaths"] or 0, "injuries": totals["injuries"] or 0, "loss": totals["loss"] or 0}


for indicator in (
    Indicator("A2.transfer", _("应转尽转率"), "%", APP, "ratio_at_least", ratio=True, **one_region_at_a_time(transfer)),
    Indicator("A2.report", _("事件信息按时报送率"), "%", APP, "sla_within", ratio=True, **one_region_at_a_time(report)),
    Indicator(
        "M2.matrix", _("“633”防御措施落实率"), "%", APP, "ratio_at_least", ratio=True, **one_region_at_a_time(matrix)
    ),
    Indicator(
        "F1.disaster",
        _("自然灾害死亡人数"),
        "人",
        APP,
        "count_at_most",
        higher_is_better=False,
        **one_region_at_a_time(disaster),
    ),
):
    registry.register(indicator)
