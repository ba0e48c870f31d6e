"""The four A5 indicators, computed from this app's tables.

"This year" runs from 1 January to the period's last day. Each indicator measures every
township in one grouped query; the county's value adds the townships' parts, except for the
videos, which the county itself also makes.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Activity, FiveInto, PlaceCoverage, PublicPlace, Video
from plan.periods import Month
from plan.registry import Indicator, Measurement, registry

APP = "campaigns"
CATEGORIES = list(FiveInto.values)


def _year_to_date(period: Month) -> tuple[date, date]:
    return date(period.year, 1, 1), period.last_day


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _ids(units) -> list[int]:
    return [unit.pk for unit in units]


def activities(period: Month, townships) -> dict[int, Measurement]:
    """演练、知识抢答、技能竞赛等活动场数, this year to date."""
    rows = (
        Activity.objects.filter(held_on__range=_year_to_date(period), township__in=_ids(townships))
        .values("township")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["township"]: Measurement.count(row["n"]) for row in rows}


def covered_cells(period: Month, townships) -> dict[int, set[str]]:
    """The 五进 categories each township has held at least one activity in this year."""
    rows = (
        Activity.objects.filter(held_on__range=_year_to_date(period), township__in=_ids(townships))
        .values_list("township", "category")
        .distinct()
        .order_by()
    )
    covered = defaultdict(set)
    for township, category in rows:
        covered[township].add(category)
    return covered


def _missing(categories: set[str]) -> list[str]:
    labels = dict(FiveInto.choices)
    return [str(labels[c]) for c in CATEGORIES if c not in categories]


def five_into(period: Month, townships) -> dict[int, Measurement]:
    """“五进”覆盖率: a township's categories with at least one activity ÷ 5, the missing ones in detail."""
    covered = covered_cells(period, townships)
    return {
        t.pk: _with_detail(Measurement.ratio(len(covered[t.pk]), len(CATEGORIES)), {"missing": _missing(covered[t.pk])})
        for t in townships
    }


def five_into_county(period: Month, county) -> Measurement:
    """Township × category cells covered ÷ (townships × 5); the detail lists each missing cell."""
    townships = list(county.children.filter(level=4).order_by("sort_order"))
    covered = covered_cells(period, townships)
    missing = {t.name: gaps for t in townships if (gaps := _missing(covered[t.pk]))}
    cells = sum(len(covered[t.pk]) for t in townships)
    return _with_detail(Measurement.ratio(cells, len(townships) * len(CATEGORIES)), {"missing": missing})


def _with_detail(measurement: Measurement, detail: dict) -> Measurement:
    return Measurement(measurement.value, measurement.numerator, measurement.denominator, detail)


def _published_videos(period: Month):
    return Video.objects.filter(published=True, published_on__range=_year_to_date(period))


def videos(period: Month, townships) -> dict[int, Measurement]:
    """Published warning-education videos this year, by the township that made them."""
    rows = _published_videos(period).filter(region__in=_ids(townships)).values("region").annotate(n=Count("pk"))
    return {row["region"]: Measurement.count(row["n"]) for row in rows.order_by()}


def videos_county(period: Month, county) -> Measurement:
    """The county's count: its own videos and every township's."""
    within = Q(region=county) | Q(region__path__startswith=county.path)
    return Measurement.count(_published_videos(period).filter(within).count())


def places(period: Month, townships) -> dict[int, Measurement]:
    """公共场所安全宣传覆盖率: places registered by the period's end with publicity put up this year."""
    start, end = _year_to_date(period)
    covered = Exists(PlaceCoverage.objects.filter(place=OuterRef("pk"), covered_on__range=(start, end)))
    rows = (
        PublicPlace.objects.filter(created_at__lt=_end_of(end), township__in=_ids(townships))
        .annotate(covered=covered)
        .values("township")
        .annotate(total=Count("pk"), part=Count("pk", filter=Q(covered=True)))
        .order_by()
    )
    return {row["township"]: Measurement.ratio(row["part"], row["total"]) for row in rows}


for indicator in (
    Indicator("A5.activities", _("宣传活动场数"), "场", APP, "count_at_least", activities),
    Indicator("A5.five_into", _("“五进”覆盖率"), "%", APP, "ratio_at_least", five_into, ratio=True,
              for_county=five_into_county),
    Indicator("A5.videos", _("警示教育视频部数"), "部", APP, "count_at_least", videos, for_county=videos_county),
    Indicator("A5.places", _("公共场所安全宣传覆盖率"), "%", APP, "ratio_at_least", places, ratio=True),
):  # fmt: skip
    registry.register(indicator)
