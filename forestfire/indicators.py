"""Indicators of A6: townships verified complete, hotspots verified within the hour, fires reached
within the hour.

Both count what was received or reported in the period: A6.hotspot reads the breach stored on
each hotspot (by the service for a late verification, by the job when the hour passed with none),
so a hotspot still open and not yet due counts as not yet verified, never as late.
"""

from datetime import datetime, time, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forestfire import sla
from forestfire.models import ForestFire, Hotspot
from forestfire.standardization import KIND
from org.assessments import passed_townships
from plan.periods import Month
from plan.registry import Indicator, Measurement, registry

APP = "forestfire"


def _span(period: Month) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(period.first_day, time.min))
    return start, timezone.make_aware(datetime.combine(period.last_day + timedelta(days=1), time.min))


def standardized(period: Month, townships) -> dict[int, Measurement]:
    """涉林乡镇规范化建设完成数: 1 for each township whose standardization the county has verified
    as passed by the end of the period (read from the history), 0 otherwise; the county adds them up."""
    passed = passed_townships(KIND, as_of=_span(period)[1])
    return {t.pk: Measurement.count(1 if t.pk in passed else 0) for t in townships}


def hotspot(period: Month, townships) -> dict[int, Measurement]:
    """卫星热点1小时核查反馈率: of the hotspots received in the period, those verified with no breach."""
    start, end = _span(period)
    on_time = Q(verified_at__isnull=False, breached_at__isnull=True)
    rows = (
        Hotspot.objects.filter(received_at__gte=start, received_at__lt=end, township__in=[t.pk for t in townships])
        .values("township")
        .annotate(total=Count("pk"), on_time=Count("pk", filter=on_time))
        .order_by()
    )
    return {row["township"]: Measurement.ratio(row["on_time"], row["total"]) for row in rows}


def circle(period: Month, townships) -> dict[int, Measurement]:
    """林火“一小时扑救圈”: of the fires reported in the period, those a first team reached within the limit."""
    start, end = _span(period)
    limit = timedelta(minutes=sla.fire_minutes())
    in_time = Q(first_arrived_at__isnull=False, first_arrived_at__lte=F("reported_at") + limit)
    rows = (
        ForestFire.objects.filter(reported_at__gte=start, reported_at__lt=end, township__in=[t.pk for t in townships])
        .values("township")
        .annotate(total=Count("pk"), in_time=Count("pk", filter=in_time))
        .order_by()
    )
    return {row["township"]: Measurement.ratio(row["in_time"], row["total"]) for row in rows}


for indicator in (
    Indicator("A6.townships", _("涉林乡镇规范化建设完成数"), "个", APP, "count_at_least", standardized),
    Indicator("A6.hotspot", _("卫星热点1小时核查反馈率"), "%", APP, "sla_within", hotspot, ratio=True),
    Indicator("A6.circle", _("林火1小时到场扑救率"), "%", APP, "sla_within", circle, ratio=True),
):
    registry.register(indicator)
