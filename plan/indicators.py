"""The plan's own indicator: M1.ranking, whether the month's composite ranking was published."""

from django.utils.translation import gettext_lazy as _

from plan.models import RankingRow
from plan.registry import Indicator, Measurement, registry


def published(period, townships) -> dict[int, Measurement]:
    """1 for each township ranked in the month's published township ranking."""
    ranked = (
        RankingRow.objects.complete()
        .published()
        .filter(period=period.first_day, scheme__kind="township", region__in=[t.pk for t in townships])
        .values_list("region_id", flat=True)
    )
    return {pk: Measurement.count(1) for pk in ranked}


def published_county(period, county) -> Measurement:
    ranked = RankingRow.objects.complete().published().filter(period=period.first_day, scheme__kind="township").exists()
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
