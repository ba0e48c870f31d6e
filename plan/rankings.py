"""综合评价月排名: a weighted score from min–max normalised indicators, and the rank it gives.

For each indicator the units' values are scaled to 0–1 (best 1; for "lower is better"
indicators the scale is turned round): counts min–max across the units (when all are equal, all
get 1), percentages as they stand (85 % → 0.85). A unit with no value gets the neutral 0.5. The score is 100 × Σ weight × scaled ÷ Σ
weight. Equal scores share a rank (1, 2, 2, 4), listed in the units' usual order.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

NEUTRAL = Decimal("0.5")
SCORE_PLACES = Decimal("0.001")


MINMAX, PERCENT = "minmax", "percent"


@dataclass(frozen=True)
class Component:
    indicator: str
    weight: Decimal
    higher_is_better: bool = True
    normalisation: str = MINMAX


@dataclass(frozen=True)
class Ranked:
    unit: int
    score: Decimal
    rank: int
    breakdown: dict


def scale(
    values: Mapping[int, Decimal | None], *, higher_is_better: bool, normalisation: str = MINMAX
) -> dict[int, Decimal]:
    if normalisation == PERCENT:
        return {
            unit: NEUTRAL if v is None else _turn(min(max(Decimal(v) / 100, Decimal(0)), Decimal(1)), higher_is_better)
            for unit, v in values.items()
        }
    known = [v for v in values.values() if v is not None]
    low, high = (min(known), max(known)) if known else (Decimal(0), Decimal(0))
    scaled = {}
    for unit, value in values.items():
        if value is None:
            scaled[unit] = NEUTRAL
        elif high == low:
            scaled[unit] = Decimal(1)
        else:
            scaled[unit] = _turn((Decimal(value) - low) / (high - low), higher_is_better)
    return scaled


def _turn(share: Decimal, higher_is_better: bool) -> Decimal:
    return share if higher_is_better else 1 - share


def rank(
    units: Sequence[int], values: Mapping[str, Mapping[int, Decimal | None]], components: Sequence[Component]
) -> list[Ranked]:
    """Ranks ``units`` (in their usual order) by the weighted components."""
    total_weight = sum((c.weight for c in components), Decimal(0))
    scaled = {
        c.indicator: scale(
            {u: values[c.indicator].get(u) for u in units},
            higher_is_better=c.higher_is_better,
            normalisation=c.normalisation,
        )
        for c in components
    }
    scored = []
    for unit in units:
        breakdown = {}
        points = Decimal(0)
        for c in components:
            part = scaled[c.indicator][unit] * c.weight
            points += part
            value = values[c.indicator].get(unit)
            breakdown[c.indicator] = {
                "value": None if value is None else str(value),
                "scaled": str(scaled[c.indicator][unit].quantize(SCORE_PLACES, ROUND_HALF_UP)),
                "weight": str(c.weight),
                "points": str((100 * part / total_weight).quantize(SCORE_PLACES, ROUND_HALF_UP))
                if total_weight
                else "0",
            }
        score = (100 * points / total_weight).quantize(SCORE_PLACES, ROUND_HALF_UP) if total_weight else Decimal(0)
        scored.append((unit, score, breakdown))
    order = sorted(range(len(scored)), key=lambda i: (-scored[i][1], i))
    ranked, previous_score, current_rank = [], None, 0
    for position, index in enumerate(order, start=1):
        unit, score, breakdown = scored[index]
        if score != previous_score:
            current_rank, previous_score = position, score
        ranked.append(Ranked(unit=unit, score=score, rank=current_rank, breakdown=breakdown))
    return ranked
