"""综合评价月排名: a weighted score from normalised indicators, and the rank it gives.

For each indicator the values of the units that reported are scaled to 0–1 (best 1; for "lower
is better" indicators the scale is turned round): counts min–max across those units (when all are
equal, all get 1), percentages as they stand (85 % → 0.85).

A unit with no value has not reported it (未报送), and silence never earns points: it is scored
worst, 0 — or, on a component whose missing rule is ``reweight`` (nothing to report is no fault,
e.g. no listed hazard this year), the component is left out for that unit and its other weights
are rescaled to make up the whole. The score is 100 × Σ weight × scaled ÷ Σ weight over the
components that count for the unit.

Ties are broken by ``TIE_RULE``: more components reported, then the higher scaled value on the
first component, then the units' usual order (the regions' sort order), so every unit has a place
of its own (1, 2, 3, …) and the bottom places are never shared out of sight.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

SCORE_PLACES = Decimal("0.001")
MINMAX, PERCENT = "minmax", "percent"
WORST, REWEIGHT = "worst", "reweight"

TIE_RULE = _("得分相同时,报送指标项数多者在前;仍相同的,第一项指标得分高者在前;再相同的,按区划(部门)顺序排列。")
MISSING_RULE = _("未报送的指标按最差(0分)计;方案中设为“不计入”的指标,该单位不计此项,其余权重按比例放大。")


@dataclass(frozen=True)
class Component:
    indicator: str
    weight: Decimal
    higher_is_better: bool = True
    normalisation: str = MINMAX
    missing: str = WORST


@dataclass(frozen=True)
class Ranked:
    unit: int
    score: Decimal
    rank: int
    reported: int
    breakdown: dict


def scale(
    values: Mapping[int, Decimal | None], *, higher_is_better: bool, normalisation: str = MINMAX
) -> dict[int, Decimal | None]:
    """Each reported value on 0–1 (best 1); a unit that did not report stays ``None``."""
    known = [Decimal(v) for v in values.values() if v is not None]
    low, high = (min(known), max(known)) if known else (Decimal(0), Decimal(0))
    scaled: dict[int, Decimal | None] = {}
    for unit, value in values.items():
        if value is None:
            scaled[unit] = None
        elif normalisation == PERCENT:
            scaled[unit] = _turn(min(max(Decimal(value) / 100, Decimal(0)), Decimal(1)), higher_is_better)
        elif high == low:
            scaled[unit] = Decimal(1)
        else:
            scaled[unit] = _turn((Decimal(value) - low) / (high - low), higher_is_better)
    return scaled


def _turn(share: Decimal, higher_is_better: bool) -> Decimal:
    return share if higher_is_better else 1 - share


def _places(number: Decimal) -> str:
    return str(number.quantize(SCORE_PLACES, ROUND_HALF_UP))


def _score(unit: int, components: Sequence[Component], values, scaled) -> tuple[Decimal, int, dict]:
    """The unit's score, how many components it reported, and the breakdown per component."""
    counted = {c.indicator for c in components if scaled[c.indicator][unit] is not None or c.missing == WORST}
    weight = sum((c.weight for c in components if c.indicator in counted), Decimal(0))
    points, breakdown = Decimal(0), {}
    for order, c in enumerate(components):
        share, value = scaled[c.indicator][unit], values[c.indicator].get(unit)
        part = (share or Decimal(0)) * c.weight if c.indicator in counted else Decimal(0)
        points += part
        breakdown[c.indicator] = {
            "order": order,
            "value": None if value is None else str(value),
            "reported": share is not None,
            "missing": None if share is not None else c.missing,
            "scaled": _places(share if share is not None else Decimal(0)) if c.indicator in counted else None,
            "weight": str(c.weight),
            "points": _places(100 * part / weight) if weight else "0",
        }
    score = (100 * points / weight).quantize(SCORE_PLACES, ROUND_HALF_UP) if weight else Decimal(0)
    reported = sum(1 for c in components if scaled[c.indicator][unit] is not None)
    return score, reported, breakdown


def rank(
    units: Sequence[int], values: Mapping[str, Mapping[int, Decimal | None]], components: Sequence[Component]
) -> list[Ranked]:
    """Ranks ``units`` (given in their usual order) by the weighted components, ties by ``TIE_RULE``."""
    scaled = {
        c.indicator: scale(
            {u: values[c.indicator].get(u) for u in units},
            higher_is_better=c.higher_is_better,
            normalisation=c.normalisation,
        )
        for c in components
    }
    first = components[0].indicator if components else None
    scored = []
    for position, unit in enumerate(units):
        score, reported, breakdown = _score(unit, components, values, scaled)
        lead = (scaled[first][unit] or Decimal(0)) if first else Decimal(0)
        scored.append(((-score, -reported, -lead, position), unit, score, reported, breakdown))
    scored.sort(key=lambda item: item[0])
    return [
        Ranked(unit=unit, score=score, rank=place, reported=reported, breakdown=breakdown)
        for place, (_key, unit, score, reported, breakdown) in enumerate(scored, start=1)
    ]
