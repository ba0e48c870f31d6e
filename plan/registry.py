"""The indicator registry: each app registers how to measure the targets it owns.

Like Django's admin site, apps register in their own ``indicators.py`` (imported by
``PlanConfig.ready``). Dashboards, rankings, the API and the workbook read only this registry,
so ``plan`` never imports a domain app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
    def ratio(cls, numerator: int, denominator: int) -> Measurement:
        """A percentage, keeping both parts; no denominator means nothing to measure (None)."""
        if not denominator:
            return cls(None, Decimal(numerator), Decimal(denominator))
        value = (Decimal(100) * numerator / denominator).quantize(Decimal("0.01"))
        return cls(value, Decimal(numerator), Decimal(denominator))

    @classmethod
    def count(cls, value: int) -> Measurement:
        return cls(Decimal(value))


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    owner_app: str
    kind: str
    compute: Callable[..., Measurement] = field(repr=False)
    # Region levels (org.Region.Level values) the indicator can be computed for.
    region_levels: frozenset[int] = frozenset({3, 4})
    supports_departments: bool = False
    # For rankings: True when a larger value is better.
    higher_is_better: bool = True

    def measure(self, *, period: Month, region=None, department=None) -> Measurement:
        """For a region (county or township) or, where supported, a department."""
        return self.compute(period=period, region=region, department=department)


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
