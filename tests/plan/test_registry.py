from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from plan.registry import Indicator, IndicatorRegistry, Measurement


def make(key: str) -> Indicator:
    return Indicator(
        key=key,
        label="测试",
        unit="%",
        owner_app="tests",
        kind="ratio_at_least",
        by_township=lambda period, units: {u.pk: Measurement(Decimal(1)) for u in units},
    )


def test_a_duplicate_key_fails_loudly():
    registry = IndicatorRegistry()
    registry.register(make("X.one"))
    with pytest.raises(ImproperlyConfigured, match=r"X\.one"):
        registry.register(make("X.one"))


def test_indicators_are_listed_by_key():
    registry = IndicatorRegistry()
    registry.register(make("B.two"))
    registry.register(make("A.one"))
    assert [indicator.key for indicator in registry] == ["A.one", "B.two"]
    assert "A.one" in registry and "C.three" not in registry
