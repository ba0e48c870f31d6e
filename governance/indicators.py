"""Indicators of M5 (service agencies) and two a department or township ranking can use:
督办按期完成率 and 约谈整改完成率. Each is measured for many units in one grouped query."""

from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from governance.models import Agency, Interview, SupervisionTask, half_of
from org.models import Region
from plan.periods import Month
from plan.registry import Indicator, Measurement, registry

APP = "governance"


def _ratios(queryset: QuerySet, group: str, units, numerator: Q) -> dict[int, Measurement]:
    rows = (
        queryset.filter(**{f"{group}__in": [u.pk for u in units]})
        .values(group)
        .annotate(total=Count("pk", distinct=True), part=Count("pk", filter=numerator, distinct=True))
    )
    return {row[group]: Measurement.ratio(row["part"], row["total"]) for row in rows}


# --- M5.agencies: active agencies assessed this half-year ÷ active agencies ------------------


def _assessed_in_half(period: Month) -> Q:
    """An assessment of the half-year containing the month, made by the month's end."""
    return Q(
        assessments__year=period.year,
        assessments__half=half_of(period.first_day),
        assessments__assessed_on__lte=period.last_day,
    )


def _active(period: Month) -> QuerySet:
    return Agency.objects.active_on(period.last_day)


def agencies_townships(period: Month, units) -> dict[int, Measurement]:
    """Agencies a township keeps in its own register (most are the county's)."""
    return _ratios(_active(period), "region", units, _assessed_in_half(period))


def agencies_county(period: Month, county: Region) -> Measurement:
    agencies = _active(period).filter(region__path__startswith=county.path)
    counts = agencies.aggregate(
        total=Count("pk", distinct=True), part=Count("pk", filter=_assessed_in_half(period), distinct=True)
    )
    return Measurement.ratio(counts["part"], counts["total"])


# --- 督办按期完成率: tasks due in the month, done by their deadline ---------------------------------


def _due_in(period: Month) -> QuerySet:
    return SupervisionTask.objects.filter(deadline__range=(period.first_day, period.last_day))


ON_TIME = Q(status=SupervisionTask.Status.DONE, completed_on__lte=F("deadline"))


def tasks_townships(period: Month, units) -> dict[int, Measurement]:
    return _ratios(_due_in(period), "township", units, ON_TIME)


def tasks_departments(period: Month, units) -> dict[int, Measurement]:
    return _ratios(_due_in(period), "department", units, ON_TIME)


def tasks_county(period: Month, county: Region) -> Measurement:
    tasks = _due_in(period).filter(region__path__startswith=county.path)
    counts = tasks.aggregate(total=Count("pk"), part=Count("pk", filter=ON_TIME))
    return Measurement.ratio(counts["part"], counts["total"])


# --- 约谈整改完成率: interviews whose rectification fell due this year, closed by the month's end ----


def _due_this_year(period: Month) -> QuerySet:
    return Interview.objects.filter(rectification_due__range=(date(period.year, 1, 1), period.last_day))


def _closed_by(period: Month) -> Q:
    return Q(status=Interview.Status.CLOSED, closed_on__lte=period.last_day)


def interviews_townships(period: Month, units) -> dict[int, Measurement]:
    return _ratios(_due_this_year(period), "township", units, _closed_by(period))


def interviews_departments(period: Month, units) -> dict[int, Measurement]:
    return _ratios(_due_this_year(period), "department", units, _closed_by(period))


def interviews_county(period: Month, county: Region) -> Measurement:
    interviews = _due_this_year(period).filter(region__path__startswith=county.path)
    counts = interviews.aggregate(total=Count("pk"), part=Count("pk", filter=_closed_by(period)))
    return Measurement.ratio(counts["part"], counts["total"])


for indicator in (
    Indicator(
        "M5.agencies",
        _("社会化服务机构半年度考核覆盖率"),
        "%",
        APP,
        "ratio_at_least",
        agencies_townships,
        ratio=True,
        for_county=agencies_county,
    ),
    Indicator(
        "governance.tasks_on_time",
        _("督办按期完成率"),
        "%",
        APP,
        "ratio_at_least",
        tasks_townships,
        ratio=True,
        by_department=tasks_departments,
        for_county=tasks_county,
    ),
    Indicator(
        "governance.interviews_rectified",
        _("约谈整改完成率"),
        "%",
        APP,
        "ratio_at_least",
        interviews_townships,
        ratio=True,
        by_department=interviews_departments,
        for_county=interviews_county,
    ),
):
    registry.register(indicator)
