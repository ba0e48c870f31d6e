"""Indicators of A1, F1 (accidents) and M1, computed from this app's tables.

Each is measured for many units in one grouped query (by township, by department). State
indicators (纳管率 and the like) read the registers as they stand when computed; flow indicators
(counts, on-time rates) use the dates inside the period. "Year to date" runs from 1 January to
the period's last day; 双下降 compares it with the same span a year earlier.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hazards3030 import batches
from hazards3030.models import HIGH_RISK_INDUSTRIES, Accident, Batch3030, Enterprise, Hazard, Supervision
from org.models import Department, Region
from plan.periods import Month
from plan.registry import Indicator, Measurement, registry

APP = "hazards3030"


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _year_to_date(period: Month) -> tuple[date, date]:
    return date(period.year, 1, 1), period.last_day


def _same_day_last_year(day: date) -> date:
    return day.replace(year=day.year - 1, day=min(day.day, 28)) if day.month == 2 else day.replace(year=day.year - 1)


def _ratios(queryset: QuerySet, group: str, units, numerator: Q) -> dict[int, Measurement]:
    rows = (
        queryset.filter(**{f"{group}__in": [u.pk for u in units]})
        .values(group)
        .annotate(total=Count("pk"), part=Count("pk", filter=numerator))
    )
    return {row[group]: Measurement.ratio(row["part"], row["total"]) for row in rows}


def _counts(queryset: QuerySet, group: str, units) -> dict[int, Measurement]:
    rows = queryset.filter(**{f"{group}__in": [u.pk for u in units]}).values(group).annotate(n=Count("pk"))
    return {row[group]: Measurement.count(row["n"]) for row in rows}


def ratio_indicator(queryset_for, numerator):
    """by_township and by_department for "share of these rows that also match ``numerator``"
    (a Q, or a function of the period giving one)."""

    def part(period) -> Q:
        return numerator(period) if callable(numerator) else numerator

    def by_township(period, units):
        return _ratios(queryset_for(period), "township", units, part(period))

    def by_department(period, units):
        return _ratios(queryset_for(period), "department", units, part(period))

    return by_township, by_department


def count_indicator(queryset_for):
    def by_township(period, units):
        return _counts(queryset_for(period), "township", units)

    def by_department(period, units):
        return _counts(queryset_for(period), "department", units)

    return by_township, by_department


# --- A1: the registers of inspected units ---------------------------------------------------

coverage = ratio_indicator(
    lambda period: Enterprise.objects.filter(created_at__lt=_end_of(period.last_day)), Q(supervised=True)
)
equipment = ratio_indicator(
    lambda period: Enterprise.objects.filter(industry__in=HIGH_RISK_INDUSTRIES), Q(old_equipment_evaluated=True)
)
chemicals = ratio_indicator(lambda period: Enterprise.objects.filter(uses_hazardous_chemicals=True), Q(supervised=True))
spotcheck = ratio_indicator(
    lambda period: Accident.objects.filter(occurred_on__range=_year_to_date(period)), Q(spot_checked=True)
)[0]
major_accidents = count_indicator(
    lambda period: Accident.objects.filter(occurred_on__range=_year_to_date(period)).exclude(
        level=Accident.Level.ORDINARY
    )
)[0]


# --- F1: 双下降 ------------------------------------------------------------------------------


def accidents_yoy(period: Month, units) -> dict[int, Measurement]:
    """Accidents and deaths this year to date against the same span last year, by township."""
    start, end = _year_to_date(period)
    last_start, last_end = start.replace(year=start.year - 1), _same_day_last_year(end)
    this_year, last_year = Q(occurred_on__range=(start, end)), Q(occurred_on__range=(last_start, last_end))
    rows = (
        Accident.objects.filter(this_year | last_year, township__in=[u.pk for u in units])
        .values("township")
        .annotate(
            n=Count("pk", filter=this_year),
            dead=Sum("deaths", filter=this_year),
            n_last=Count("pk", filter=last_year),
            dead_last=Sum("deaths", filter=last_year),
        )
    )
    return {
        row["township"]: _yoy(
            {
                "count": row["n"],
                "deaths": row["dead"] or 0,
                "count_last_year": row["n_last"],
                "deaths_last_year": row["dead_last"] or 0,
            }
        )
        for row in rows
    }


YOY_PARTS = ("count", "deaths", "count_last_year", "deaths_last_year")


def _yoy(detail: dict) -> Measurement:
    both_fell = detail["count"] < detail["count_last_year"] and detail["deaths"] < detail["deaths_last_year"]
    return Measurement(
        value=Decimal(1 if both_fell else 0),
        numerator=Decimal(detail["count"]),
        denominator=Decimal(detail["count_last_year"]),
        detail=detail,
    )


def accidents_yoy_county(period: Month, county) -> Measurement:
    townships = list(county.children.filter(level=4))
    parts = accidents_yoy(period, townships).values()
    return _yoy({key: sum(p.detail[key] for p in parts) for key in YOY_PARTS})


# --- M1: 3030 windows ------------------------------------------------------------------------


def _windows_met(windows) -> dict[object, list[int]]:
    met = defaultdict(lambda: [0, 0])
    for result in batches.progress(list(windows)):
        key = result.batch.department_id or result.batch.region_id
        met[key][0] += int(result.met)
        met[key][1] += 1
    return met


def _ending_in(period: Month):
    return Batch3030.objects.filter(closes_on__range=(period.first_day, period.last_day))


def loop3030_townships(period: Month, units) -> dict[int, Measurement]:
    windows = _ending_in(period).filter(unit_kind=Batch3030.UnitKind.TOWNSHIP, region__in=[u.pk for u in units])
    return {key: Measurement.ratio(*pair) for key, pair in _windows_met(windows).items()}


def loop3030_departments(period: Month, units) -> dict[int, Measurement]:
    windows = _ending_in(period).filter(unit_kind=Batch3030.UnitKind.DEPARTMENT, department__in=[u.pk for u in units])
    return {key: Measurement.ratio(*pair) for key, pair in _windows_met(windows).items()}


def loop3030_county(period: Month, county) -> Measurement:
    """Share of every unit's windows (county, townships, departments) that met N-in-D."""
    windows = _ending_in(period).filter(region__path__startswith=county.path)
    results = batches.progress(list(windows))
    return Measurement.ratio(sum(1 for r in results if r.met), len(results))


# --- The monthly ranking's hazard indicators -------------------------------------------------


def _found_in(period: Month):
    return Hazard.objects.filter(found_on__range=(period.first_day, period.last_day))


hazards_found = count_indicator(_found_in)
closed_on_time = ratio_indicator(
    lambda period: Hazard.objects.filter(deadline__range=(period.first_day, period.last_day)),
    Q(closed_at__isnull=False, closed_at__date__lte=F("deadline")),
)


def _overdue_at_end(period: Month):
    """Past their deadline and still open at the end of the period."""
    return Hazard.objects.filter(found_on__lte=period.last_day, deadline__lte=period.last_day).exclude(
        closed_at__lt=_end_of(period.last_day)
    )


overdue = count_indicator(_overdue_at_end)


def _major_year_to_date(period: Month):
    return Hazard.objects.major().filter(found_on__range=_year_to_date(period))


major_closure = ratio_indicator(_major_year_to_date, lambda period: Q(closed_at__lt=_end_of(period.last_day)))


def _per_supervised_enterprise(model, group: str, period: Month, units) -> dict[int, Measurement]:
    """Hazards found in the period per supervised enterprise (the register as it stands), for
    every unit in one query (each unit's two counts as correlated subqueries): numerator the
    hazards, denominator the enterprises; no supervised enterprise, no value."""

    def count(rows: QuerySet) -> Coalesce:
        per_unit = rows.filter(**{group: OuterRef("pk")}).order_by().values(group).annotate(n=Count("pk"))
        return Coalesce(Subquery(per_unit.values("n")), 0)

    enterprises = Enterprise.objects.filter(supervised=True)
    rows = (
        model.objects.filter(pk__in=[u.pk for u in units])
        .annotate(found=count(_found_in(period)), enterprises=count(enterprises))
        .values_list("pk", "found", "enterprises")
    )
    return {pk: _rate(found, supervised) for pk, found, supervised in rows}


def _rate(found: int, enterprises: int) -> Measurement:
    if not enterprises:
        return Measurement(None, Decimal(found), Decimal(0))
    return Measurement(
        (Decimal(found) / Decimal(enterprises)).quantize(Decimal("0.01")), Decimal(found), Decimal(enterprises)
    )


def found_per_enterprise_townships(period: Month, units) -> dict[int, Measurement]:
    return _per_supervised_enterprise(Region, "township", period, units)


def found_per_enterprise_departments(period: Month, units) -> dict[int, Measurement]:
    return _per_supervised_enterprise(Department, "department", period, units)


def found_per_enterprise_county(period: Month, county) -> Measurement:
    parts = found_per_enterprise_townships(period, list(county.children.filter(level=4))).values()
    return _rate(sum(int(p.numerator) for p in parts), sum(int(p.denominator) for p in parts))


def _listed_this_year(period: Month):
    """挂牌督办 hazards live this year: listed by the period's end and not taken down before 1 January."""
    start, end = _year_to_date(period)
    return Supervision.objects.filter(listed_on__lte=end).exclude(closed_on__lt=start)


def _listed_closure(group: str):
    def by_unit(period: Month, units) -> dict[int, Measurement]:
        return _ratios(_listed_this_year(period), group, units, Q(closed_on__lte=period.last_day))

    return by_unit


def _ratio(key, label, pair, **options) -> Indicator:
    township, department = pair
    return Indicator(key, label, "%", APP, "ratio_at_least", township, ratio=True, by_department=department, **options)


for indicator in (
    _ratio("A1.coverage", _("检查对象纳管率"), coverage),
    _ratio("A1.equipment", _("老旧设备装置评定率"), equipment),
    _ratio("A1.chemicals", _("危化品使用企业名单掌握率"), chemicals),
    Indicator("A1.spotcheck", _("事故调查报告抽查复核率"), "%", APP, "ratio_at_least", spotcheck, ratio=True),
    Indicator(
        "F1.accidents",
        _("事故起数、死亡人数双下降"),
        "",
        APP,
        "yoy_decrease",
        accidents_yoy,
        for_county=accidents_yoy_county,
    ),
    Indicator("F1.major", _("较大及以上事故起数"), "起", APP, "count_at_most", major_accidents, higher_is_better=False),
    Indicator(
        "M1.loop3030",
        _("“3030”窗口达标率"),
        "%",
        APP,
        "batch",
        loop3030_townships,
        ratio=True,
        by_department=loop3030_departments,
        for_county=loop3030_county,
    ),
    Indicator(
        "hazards.found", _("隐患排查数"), "个", APP, "count_at_least", hazards_found[0], by_department=hazards_found[1]
    ),
    _ratio("hazards.closed_on_time", _("隐患按期整改率"), closed_on_time),
    Indicator(
        "hazards.overdue",
        _("逾期未整改隐患数"),
        "个",
        APP,
        "count_at_most",
        overdue[0],
        by_department=overdue[1],
        higher_is_better=False,
    ),
    _ratio("hazards.major_closure", _("重大隐患销号率"), major_closure),
    Indicator(
        "hazards.found_per_enterprise",
        _("每家纳管企业排查隐患数"),
        "个/家",
        APP,
        "count_at_least",
        found_per_enterprise_townships,
        by_department=found_per_enterprise_departments,
        for_county=found_per_enterprise_county,
    ),
    _ratio(
        "hazards.listed_closure",
        _("挂牌督办隐患摘牌销号率"),
        (_listed_closure("hazard__township"), _listed_closure("hazard__department")),
    ),
):
    registry.register(indicator)
