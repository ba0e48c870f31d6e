"""The indicator registry: each app registers how to measure the targets it owns.

Like Django's admin site, apps register in their own ``indicators.py`` (imported by
``PlanConfig.ready``). Dashboards, rankings, the API and the workbook read only this registry,
so ``plan`` never imports a domain app.

An indicator measures many units at once: ``by_township(period, townships)`` returns one
Measurement per township id (one grouped query, not one per township), and likewise
``by_department``. The county's value is the townships' parts combined (numerators and
denominators added up) unless the indicator says how to measure the county itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

from plan.periods import Month


@dataclass(frozen=True)
class Measurement:
    """One indicator's value for one unit and period; ratios keep numerator and denominator."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    # Further named parts where one number is not enough (e.g. 双下降: count and deaths).
    detail: dict = field(default_factory=dict)

    @classmethod
    def ratio(cls, numerator: int | Decimal, denominator: int | Decimal) -> Measurement:
        """A percentage, keeping both parts; no denominator means nothing to measure (None)."""
        if not denominator:
            return cls(None, Decimal(numerator), Decimal(denominator))
        value = (Decimal(100) * Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.01"))
        return cls(value, Decimal(numerator), Decimal(denominator))

    @classmethod
    def count(cls, value: int | Decimal) -> Measurement:
        return cls(Decimal(value))


def combine(parts: Sequence[Measurement], *, ratio: bool) -> Measurement:
    """The whole from its parts: ratios add numerators and denominators, counts add values."""
    if ratio:
        return Measurement.ratio(
            sum((p.numerator or 0 for p in parts), Decimal(0)), sum((p.denominator or 0 for p in parts), Decimal(0))
        )
    return Measurement.count(sum((p.value or 0 for p in parts), Decimal(0)))


Grouped = Callable[[Month, Sequence], Mapping[int, Measurement]]


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    owner_app: str
    kind: str
    by_township: Grouped = field(repr=False)
    ratio: bool = False
    by_department: Grouped | None = field(default=None, repr=False)
    # Measures the county directly where adding up its townships would not be right.
    for_county: Callable[[Month, object], Measurement] | None = field(default=None, repr=False)
    # For rankings: True when a larger value is better.
    higher_is_better: bool = True
    # Measured from the month's ranking: the snapshot job fills it in right after ranking.
    from_ranking: bool = False

    @property
    def supports_departments(self) -> bool:
        return self.by_department is not None

    def empty(self) -> Measurement:
        """The value of a unit with nothing to count."""
        return Measurement(None, Decimal(0), Decimal(0)) if self.ratio else Measurement.count(0)

    def townships(self, period: Month, townships: Sequence) -> dict[int, Measurement]:
        found = self.by_township(period, townships)
        return {t.pk: found.get(t.pk, self.empty()) for t in townships}

    def departments(self, period: Month, departments: Sequence) -> dict[int, Measurement]:
        found = self.by_department(period, departments) if self.by_department else {}
        return {d.pk: found.get(d.pk, self.empty()) for d in departments}

    def county(self, period: Month, county, townships_values: Mapping[int, Measurement]) -> Measurement:
        if self.for_county is not None:
            return self.for_county(period, county)
        return combine(list(townships_values.values()), ratio=self.ratio)

    def measure(self, *, period: Month, region=None, department=None) -> Measurement:
        """One unit's value (convenient for a single page; snapshots use the grouped calls)."""
        if department is not None:
            return self.departments(period, [department])[department.pk]
        if region.level == 4:  # a township
            return self.townships(period, [region])[region.pk]
        townships = list(region.children.filter(level=4))
        return self.county(period, region, self.townships(period, townships))


class IndicatorRegistry:
    def __init__(self) -> None:
        self._indicators: dict[str, Indicator] = {}

    def register(self, indicator: Indicator) -> Indicator:
        if indicator.key in self._indicators:
            raise ImproperlyConfigured(f"Indicator key {indicator.key!r} is registered twice.")
        self._indicators[indicator.key] = indicator
        return indicator

    def unregister(self, key: str) -> None:
        self._indicators.pop(key, None)

    def get(self, key: str) -> Indicator | None:
        return self._indicators.get(key)

    def __contains__(self, key: str) -> bool:
        return key in self._indicators

    def __iter__(self) -> Iterator[Indicator]:
        return iter(sorted(self._indicators.values(), key=lambda indicator: indicator.key))

    def __len__(self) -> int:
        return len(self._indicators)


registry = IndicatorRegistry()
