"""Indicators of A1, F1 (accidents) and M1, computed from this app's tables.

State indicators (纳管率 and the like) read the registers as they stand when computed; flow
indicators (counts, on-time rates) use the dates inside the period. "Year to date" runs from
1 January to the period's last day; 双下降 compares it with the same span a year earlier.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hazards3030 import batches
from hazards3030.models import HIGH_RISK_INDUSTRIES, Accident, Batch3030, Enterprise, Hazard
from plan.periods import Month
from plan.registry import Indicator, Measurement, registry

APP = "hazards3030"
COUNTY_AND_TOWNSHIP = frozenset({3, 4})


def _within(queryset: QuerySet, *, region=None, department=None) -> QuerySet:
    if department is not None:
        return queryset.filter(department=department)
    return queryset.filter(township__path__startswith=region.path)


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _year_to_date(period: Month) -> tuple[date, date]:
    return date(period.year, 1, 1), period.last_day


def coverage(*, period, region=None, department=None) -> Measurement:
    """检查对象纳管率 = supervised / registered objects."""
    enterprises = _within(
        Enterprise.objects.filter(created_at__lt=_end_of(period.last_day)), region=region, department=department
    )
    counts = enterprises.aggregate(total=Count("pk"), supervised=Count("pk", filter=Q(supervised=True)))
    return Measurement.ratio(counts["supervised"], counts["total"])


def equipment(*, period, region=None, department=None) -> Measurement:
    """老旧设备装置评定完成率, over enterprises in the high-risk industries."""
    enterprises = _within(
        Enterprise.objects.filter(industry__in=HIGH_RISK_INDUSTRIES), region=region, department=department
    )
    counts = enterprises.aggregate(total=Count("pk"), done=Count("pk", filter=Q(old_equipment_evaluated=True)))
    return Measurement.ratio(counts["done"], counts["total"])


def chemicals(*, period, region=None, department=None) -> Measurement:
    """危化品使用企业名单掌握率 = chemical-using enterprises under supervision / all of them."""
    enterprises = _within(
        Enterprise.objects.filter(uses_hazardous_chemicals=True), region=region, department=department
    )
    counts = enterprises.aggregate(total=Count("pk"), known=Count("pk", filter=Q(supervised=True)))
    return Measurement.ratio(counts["known"], counts["total"])


def spotcheck(*, period, region=None, department=None) -> Measurement:
    """事故调查报告抽查复核率, year to date."""
    accidents = _within(Accident.objects.filter(occurred_on__range=_year_to_date(period)), region=region)
    counts = accidents.aggregate(total=Count("pk"), checked=Count("pk", filter=Q(spot_checked=True)))
    return Measurement.ratio(counts["checked"], counts["total"])


def accidents_yoy(*, period, region=None, department=None) -> Measurement:
    """双下降: accidents and deaths this year to date against the same span last year."""
    start, end = _year_to_date(period)
    this_year = _accident_totals(region, start, end)
    last_year = _accident_totals(region, start.replace(year=start.year - 1), _same_day_last_year(end))
    both_fell = this_year["count"] < last_year["count"] and this_year["deaths"] < last_year["deaths"]
    return Measurement(
        value=1 if both_fell else 0,
        numerator=this_year["count"],
        denominator=last_year["count"],
        detail={
            "count": this_year["count"],
            "count_last_year": last_year["count"],
            "deaths": this_year["deaths"],
            "deaths_last_year": last_year["deaths"],
        },
    )


def _same_day_last_year(day: date) -> date:
    return day.replace(year=day.year - 1, day=min(day.day, 28)) if day.month == 2 else day.replace(year=day.year - 1)


def _accident_totals(region, start: date, end: date) -> dict:
    totals = _within(Accident.objects.filter(occurred_on__range=(start, end)), region=region).aggregate(
        count=Count("pk"), deaths=Sum("deaths")
    )
    return {"count": totals["count"], "deaths": totals["deaths"] or 0}


def major_accidents(*, period, region=None, department=None) -> Measurement:
    """较大及以上生产安全事故起数, year to date (target: 0)."""
    accidents = _within(Accident.objects.filter(occurred_on__range=_year_to_date(period)), region=region)
    return Measurement.count(accidents.exclude(level=Accident.Level.ORDINARY).count())


def loop3030(*, period, region=None, department=None) -> Measurement:
    """Share of 3030 windows ending in the period that met N-in-D."""
    windows = Batch3030.objects.filter(closes_on__range=(period.first_day, period.last_day))
    if department is not None:
        windows = windows.filter(department=department)
    elif region.level == 4:
        windows = windows.filter(region=region, department__isnull=True)
    else:
        windows = windows.filter(region__path__startswith=region.path)
    results = batches.progress(list(windows))
    return Measurement.ratio(sum(1 for r in results if r.met), len(results))


def hazards_found(*, period, region=None, department=None) -> Measurement:
    """隐患排查数: hazards found in the period."""
    hazards = _within(
        Hazard.objects.filter(found_on__range=(period.first_day, period.last_day)), region=region, department=department
    )
    return Measurement.count(hazards.count())


def closed_on_time(*, period, region=None, department=None) -> Measurement:
    """按期整改率: of hazards due in the period, those closed by their deadline."""
    due = _within(
        Hazard.objects.filter(deadline__range=(period.first_day, period.last_day)), region=region, department=department
    )
    counts = due.aggregate(
        total=Count("pk"), on_time=Count("pk", filter=Q(closed_at__isnull=False, closed_at__date__lte=F("deadline")))
    )
    return Measurement.ratio(counts["on_time"], counts["total"])


def overdue(*, period, region=None, department=None) -> Measurement:
    """逾期未整改数: hazards past their deadline and still open at the end of the period."""
    hazards = _within(
        Hazard.objects.filter(found_on__lte=period.last_day, deadline__lte=period.last_day),
        region=region,
        department=department,
    )
    return Measurement.count(hazards.exclude(closed_at__lt=_end_of(period.last_day)).count())


def major_closure(*, period, region=None, department=None) -> Measurement:
    """重大隐患销号率: major hazards found this year to date that are closed by the period's end."""
    found = _within(
        Hazard.objects.major().filter(found_on__range=_year_to_date(period)), region=region, department=department
    )
    counts = found.aggregate(total=Count("pk"), closed=Count("pk", filter=Q(closed_at__lt=_end_of(period.last_day))))
    return Measurement.ratio(counts["closed"], counts["total"])


for indicator in (
    Indicator("A1.coverage", _("检查对象纳管率"), "%", APP, "ratio_at_least", coverage, supports_departments=True),
    Indicator(
        "A1.equipment", _("老旧设备装置评定率"), "%", APP, "ratio_at_least", equipment, supports_departments=True
    ),
    Indicator("A1.spotcheck", _("事故调查报告抽查复核率"), "%", APP, "ratio_at_least", spotcheck),
    Indicator(
        "A1.chemicals", _("危化品使用企业名单掌握率"), "%", APP, "ratio_at_least", chemicals, supports_departments=True
    ),
    Indicator("F1.accidents", _("事故起数、死亡人数双下降"), "", APP, "yoy_decrease", accidents_yoy),
    Indicator("F1.major", _("较大及以上事故起数"), "起", APP, "count_at_most", major_accidents, higher_is_better=False),
    Indicator("M1.loop3030", _("“3030”窗口达标率"), "%", APP, "batch", loop3030, supports_departments=True),
    Indicator("hazards.found", _("隐患排查数"), "个", APP, "count_at_least", hazards_found, supports_departments=True),
    Indicator(
        "hazards.closed_on_time",
        _("隐患按期整改率"),
        "%",
        APP,
        "ratio_at_least",
        closed_on_time,
        supports_departments=True,
    ),
    Indicator(
        "hazards.overdue",
        _("逾期未整改隐患数"),
        "个",
        APP,
        "count_at_most",
        overdue,
        supports_departments=True,
        higher_is_better=False,
    ),
    Indicator(
        "hazards.major_closure",
        _("重大隐患销号率"),
        "%",
        APP,
        "ratio_at_least",
        major_closure,
        supports_departments=True,
    ),
):
    registry.register(indicator)
