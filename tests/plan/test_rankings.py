"""The composite ranking is a permutation ordered by score and consistent with its weights; a unit
that reports nothing never gains from it; ties follow the stated rule."""

import itertools
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from plan.rankings import PERCENT, REWEIGHT, Component, rank
from plan.registry import registry

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
            draw(st.sampled_from(["worst", "reweight"])),
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
    assert [r.rank for r in ranked] == list(range(1, len(units) + 1))  # ties are broken: one place each
    for before, after in itertools.pairwise(ranked):
        if before.score == after.score:
            assert before.reported >= after.reported
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


def test_lower_is_better_turns_the_scale_round_and_a_missing_value_scores_worst():
    ranked = rank([1, 2, 3], {"late": {1: Decimal(5), 2: Decimal(0), 3: None}}, [Component("late", Decimal(1), False)])
    assert [(r.unit, r.score, r.rank) for r in ranked] == [
        (2, Decimal("100.000"), 1),
        (1, Decimal("0.000"), 2),  # as bad as the worst that reported, and ahead of silence (TIE_RULE)
        (3, Decimal("0.000"), 3),
    ]
    silent = ranked[2].breakdown["late"]
    assert silent == {**silent, "value": None, "reported": False, "missing": "worst", "scaled": "0.000"}
    assert ranked[1].breakdown["late"]["reported"] is True and ranked[1].breakdown["late"]["missing"] is None


def test_percentages_are_scaled_as_they_stand():
    ranked = rank([1, 2], {"rate": {1: Decimal(30), 2: None}}, [Component("rate", Decimal(1), True, PERCENT)])
    assert [(r.unit, r.score) for r in ranked] == [(1, Decimal("30.000")), (2, Decimal("0.000"))]


# The ranking as it was scored before: found (count), on time (%), overdue (count, fewer is better),
# majors closed (%). A township that files nothing has 0 found and 0 overdue and no ratio at all.
OLD_DEFAULTS = [
    Component("found", Decimal("0.20")),
    Component("on_time", Decimal("0.30"), True, PERCENT),
    Component("overdue", Decimal("0.20"), False),
    Component("major_closed", Decimal("0.30"), True, PERCENT),
]


def test_a_unit_that_reports_nothing_ranks_below_one_that_files_and_closes_hazards():
    silent, diligent = 1, 2
    values = {
        "found": {silent: Decimal(0), diligent: Decimal(5)},
        "on_time": {silent: None, diligent: Decimal(50)},
        "overdue": {silent: Decimal(0), diligent: Decimal(2)},
        "major_closed": {silent: None, diligent: Decimal(0)},
    }
    ranked = rank([silent, diligent], values, OLD_DEFAULTS)
    assert [(r.unit, r.score) for r in ranked] == [(diligent, Decimal("35.000")), (silent, Decimal("20.000"))]
    not_reported = {key for key, part in ranked[1].breakdown.items() if not part["reported"]}
    assert not_reported == {"on_time", "major_closed"} and ranked[1].reported == 2


def test_a_reweighted_component_is_left_out_for_the_unit_and_the_other_weights_make_up_the_whole():
    values = {"closed": {1: Decimal(100), 2: Decimal(100)}, "listed": {1: None, 2: Decimal(50)}}
    reweighted = [
        Component("closed", Decimal(1), True, PERCENT),
        Component("listed", Decimal(1), True, PERCENT, REWEIGHT),
    ]
    ranked = rank([1, 2], values, reweighted)
    assert [(r.unit, r.score) for r in ranked] == [(1, Decimal("100.000")), (2, Decimal("75.000"))]
    left_out = ranked[0].breakdown["listed"]
    assert left_out == {**left_out, "reported": False, "missing": "reweight", "scaled": None, "points": "0.000"}
    assert ranked[0].breakdown["closed"]["points"] == "100.000"
    worst = [Component("closed", Decimal(1), True, PERCENT), Component("listed", Decimal(1), True, PERCENT)]
    assert [(r.unit, r.score) for r in rank([1, 2], values, worst)] == [(2, Decimal("75.000")), (1, Decimal("50.000"))]


def test_a_unit_with_nothing_that_counts_scores_zero():
    ranked = rank([1], {"listed": {1: None}}, [Component("listed", Decimal(1), True, PERCENT, REWEIGHT)])
    assert (ranked[0].score, ranked[0].rank, ranked[0].breakdown["listed"]["points"]) == (Decimal(0), 1, "0")


def test_ties_go_to_more_reported_then_the_first_component_then_the_usual_order():
    components = [Component("a", Decimal(1), True, PERCENT), Component("b", Decimal(1), True, PERCENT, REWEIGHT)]
    values = {
        "a": {1: Decimal(50), 2: Decimal(0), 3: Decimal(100), 4: Decimal(100)},
        "b": {1: None, 2: Decimal(100), 3: Decimal(0), 4: Decimal(0)},
    }
    ranked = rank([4, 1, 2, 3], values, components)  # the usual order puts 4 before 3
    assert {r.score for r in ranked} == {Decimal("50.000")}
    assert [(r.unit, r.rank, r.reported) for r in ranked] == [(4, 1, 2), (3, 2, 2), (2, 3, 2), (1, 4, 1)]


# --- The default township scheme, and editing schemes in the admin ------------------------------


def scheme_rows(scheme) -> list[tuple]:
    return [
        (c.indicator, str(c.weight.normalize()), c.higher_is_better, c.normalisation, c.missing)
        for c in scheme.components.order_by("order")
    ]


@pytest.mark.django_db
def test_the_default_township_scheme_is_the_plan_s_own_words():
    from plan.models import RankingScheme
    from plan.seeding import TOWNSHIP_RANKING_COMPONENTS

    scheme = RankingScheme.objects.get(kind="township", is_active=True)
    expected = [(key, str(Decimal(weight).normalize()), higher, scaling, missing)
                for key, weight, higher, scaling, missing in TOWNSHIP_RANKING_COMPONENTS]  # fmt: skip
    assert scheme_rows(scheme) == expected
    assert sum(Decimal(row[1]) for row in TOWNSHIP_RANKING_COMPONENTS) == 1
    assert all(row[0] in registry for row in TOWNSHIP_RANKING_COMPONENTS)


@pytest.mark.django_db
def test_migration_0006_replaces_only_a_scheme_still_as_first_seeded():
    from django.apps import apps

    from plan.models import RankingComponent, RankingScheme
    from plan.seeding import FORMER_TOWNSHIP_RANKING_COMPONENTS, update_default_township_scheme

    RankingScheme.objects.all().delete()
    old = RankingScheme.objects.create(name="乡镇综合评价(默认)", kind="township")
    edited = RankingScheme.objects.create(name="乡镇(局里改过)", kind="township", is_active=False)
    for order, (key, weight, higher, scaling) in enumerate(FORMER_TOWNSHIP_RANKING_COMPONENTS):
        RankingComponent.objects.create(
            scheme=old, indicator=key, weight=weight, higher_is_better=higher, normalisation=scaling, order=order
        )
        RankingComponent.objects.create(
            scheme=edited, indicator=key, weight="0.5" if order == 0 else weight, higher_is_better=higher,
            normalisation=scaling, order=order,
        )  # fmt: skip
    before = scheme_rows(edited)
    assert update_default_township_scheme(apps.get_model) == 1
    assert scheme_rows(old)[0][0] == "hazards.found_per_enterprise"
    assert scheme_rows(edited) == before
    assert update_default_township_scheme(apps.get_model) == 1  # today's defaults again: the same rows
    assert scheme_rows(old)[0][0] == "hazards.found_per_enterprise"


@pytest.mark.django_db
def test_schemes_their_missing_rule_and_the_listing_rule_are_edited_in_the_admin(client):
    from plan.models import RankingScheme
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True, role=""))
    scheme = RankingScheme.objects.get(kind="township", is_active=True)
    html = client.get(reverse("admin:plan_rankingscheme_change", args=[scheme.pk])).content.decode()
    for field in ("flag_rule", "flag_count", "components-0-weight", "components-0-higher_is_better",
                  "components-0-normalisation", "components-0-missing", "components-0-indicator"):  # fmt: skip
        assert f'name="{field}"' in html
    assert 'value="reweight"' in html and "hazards.listed_closure" in html
