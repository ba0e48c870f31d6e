"""The composite ranking is a permutation ordered by score and consistent with its weights."""

import itertools
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from plan.rankings import Component, rank

values_strategy = st.one_of(st.none(), st.decimals(min_value=0, max_value=1000, places=2))


@st.composite
def scenarios(draw):
    units = list(range(1, draw(st.integers(min_value=1, max_value=20)) + 1))
    count = draw(st.integers(min_value=1, max_value=4))
    components = [
        Component(
            f"k{i}",
            draw(st.decimals(min_value=Decimal("0.05"), max_value=5, places=2)),
            draw(st.booleans()),
            draw(st.sampled_from(["minmax", "percent"])),
        )
        for i in range(count)
    ]
    values = {c.indicator: {u: draw(values_strategy) for u in units} for c in components}
    return units, values, components


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_a_ranking_is_a_permutation_ordered_by_score(scenario):
    units, values, components = scenario
    ranked = rank(units, values, components)
    assert sorted(r.unit for r in ranked) == units
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, reverse=True)
    for before, after in itertools.pairwise(ranked):
        assert (before.rank == after.rank) == (before.score == after.score)
        assert before.rank <= after.rank
    assert ranked[0].rank == 1
    assert all(Decimal(0) <= r.score <= Decimal(100) for r in ranked)


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_each_score_is_the_weighted_sum_of_its_breakdown(scenario):
    units, values, components = scenario
    for result in rank(units, values, components):
        points = sum(Decimal(part["points"]) for part in result.breakdown.values())
        assert abs(points - result.score) <= Decimal("0.001") * (len(components) + 1)


@settings(max_examples=100, deadline=None)
@given(scenarios(), st.data())
def test_improving_a_value_never_lowers_a_units_score(scenario, data):
    units, values, components = scenario
    component = data.draw(st.sampled_from(components))
    unit = data.draw(st.sampled_from(units))
    before = {r.unit: r.score for r in rank(units, values, components)}
    current = values[component.indicator][unit]
    known = [v for v in values[component.indicator].values() if v is not None]
    best = (max(known) if component.higher_is_better else min(known)) if known else Decimal(1)
    improved = {**values, component.indicator: {**values[component.indicator], unit: best}}
    if current is not None and best == current:
        return
    after = {r.unit: r.score for r in rank(units, improved, components)}
    assert after[unit] >= before[unit] or current is None


def test_weights_decide_between_two_indicators():
    values = {"a": {1: Decimal(10), 2: Decimal(0)}, "b": {1: Decimal(0), 2: Decimal(10)}}
    heavy_a = rank([1, 2], values, [Component("a", Decimal(3)), Component("b", Decimal(1))])
    heavy_b = rank([1, 2], values, [Component("a", Decimal(1)), Component("b", Decimal(3))])
    assert [r.unit for r in heavy_a] == [1, 2] and [r.unit for r in heavy_b] == [2, 1]
    assert heavy_a[0].score == Decimal("75.000")


def test_lower_is_better_turns_the_scale_round_and_missing_values_are_neutral():
    ranked = rank([1, 2, 3], {"late": {1: Decimal(5), 2: Decimal(0), 3: None}}, [Component("late", Decimal(1), False)])
    assert [(r.unit, r.score, r.rank) for r in ranked] == [
        (2, Decimal("100.000"), 1),
        (3, Decimal("50.000"), 2),
        (1, Decimal("0.000"), 3),
    ]


def test_equal_scores_share_a_rank():
    ranked = rank([1, 2, 3], {"x": {1: Decimal(1), 2: Decimal(1), 3: Decimal(0)}}, [Component("x", Decimal(1))])
    assert [r.rank for r in ranked] == [1, 1, 3]


def test_percentages_are_scaled_as_they_stand():
    from plan.rankings import PERCENT

    ranked = rank([1, 2], {"rate": {1: Decimal(0), 2: None}}, [Component("rate", Decimal(1), True, PERCENT)])
    assert [(r.unit, r.score) for r in ranked] == [(2, Decimal("50.000")), (1, Decimal("0.000"))]
