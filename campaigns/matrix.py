"""The 五进 matrix (township × category) and the A5 quotas, as the overview page shows them.

The quotas are read through the indicator registry, the same numbers the plan page and the
snapshot show; the goals come from the plan's targets, never from this code.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, QuerySet

from campaigns.models import Activity, FiveInto
from org.models import Region, User
from plan.models import Target
from plan.periods import Month
from plan.registry import registry
from plan.selectors import latest_plan, plan_of_year

A5_KEYS = ["A5.activities", "A5.five_into", "A5.videos", "A5.places"]


def year_from(text: str | None, today: date) -> int:
    return int(text) if text and text.isdigit() and 2000 <= int(text) <= today.year else today.year


def period_for(year: int, today: date) -> Month:
    """The year so far: this month for the current year, December for a past one."""
    return Month.of(today) if year == today.year else Month(year, 12)


def unit_of(user: User) -> Region:
    """Whose quota a user reads: their township, or the county for county-level users."""
    region = user.region
    while region is not None and region.level > Region.Level.TOWNSHIP:
        region = region.parent
    if region is None or region.level < Region.Level.COUNTY:
        return Region.objects.get(level=Region.Level.COUNTY, name="苍南县")
    return region


@dataclass(frozen=True)
class Quota:
    label: str
    unit: str
    value: Decimal | None
    goal: Decimal | None
    detail: dict

    @property
    def met(self) -> bool:
        return self.value is not None and self.goal is not None and self.value >= self.goal

    @property
    def bar(self) -> Decimal:
        """The value as a share of the goal, for a progress bar (0 to the goal)."""
        return min(self.value or 0, self.goal or 0)


def progress(user: User, *, year: int, today: date) -> tuple[Region, list[Quota]]:
    unit, period = unit_of(user), period_for(year, today)
    # The year's plan, or the newest while the year has none (as the plan pages do).
    plan = plan_of_year(year) or latest_plan()
    targets = Target.objects.filter(plan=plan, indicator_key__in=A5_KEYS)
    goals = dict(targets.values_list("indicator_key", "threshold"))
    quotas = []
    for key in A5_KEYS:
        indicator = registry.get(key)
        measured = indicator.measure(period=period, region=unit)
        quotas.append(Quota(str(indicator.label), indicator.unit, measured.value, goals.get(key), measured.detail))
    return unit, quotas


@dataclass(frozen=True)
class Row:
    township: Region
    cells: list[tuple[str, str, int]]  # (category, label, activities)

    @property
    def covered(self) -> int:
        return sum(1 for _c, _l, n in self.cells if n)


def five_into_table(user: User, *, year: int) -> list[Row]:
    """Every township the user sees, with its activities this year in each 五进 category."""
    townships = Region.objects.visible_to(user).townships().order_by("sort_order")
    counts = {
        (row["township"], row["category"]): row["n"]
        for row in Activity.objects.visible_to(user)
        .filter(held_on__year=year)
        .values("township", "category")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return [
        Row(t, [(value, str(label), counts.get((t.pk, value), 0)) for value, label in FiveInto.choices])
        for t in townships
    ]


def with_photo_count(activities: QuerySet) -> QuerySet:
    return activities.annotate(photo_count=Count("photos"))
