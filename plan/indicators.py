"""The plan's own indicator: M1.ranking, whether the month's composite ranking was published."""

from django.utils.translation import gettext_lazy as _

from plan.models import RankingRow, SnapshotRun
from plan.registry import Indicator, Measurement, registry


def published(period, townships) -> dict[int, Measurement]:
    """1 for each township ranked in the month's published (complete) township ranking."""
    ranked = RankingRow.objects.filter(
        period=period.first_day,
        scheme__kind="township",
        run__status=SnapshotRun.Status.COMPLETE,
        region__in=[t.pk for t in townships],
    ).values_list("region_id", flat=True)
    return {pk: Measurement.count(1) for pk in ranked}


def published_county(period, county) -> Measurement:
    ranked = RankingRow.objects.filter(
        period=period.first_day, scheme__kind="township", run__status=SnapshotRun.Status.COMPLETE
    ).exists()
    return Measurement.count(1 if ranked else 0)


registry.register(
    Indicator(
        "M1.ranking",
        _("综合评价月排名已发布"),
        "",
        "plan",
        "ranking",
        published,
        for_county=published_county,
        from_ranking=True,
    )
)
