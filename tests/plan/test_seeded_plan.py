import pytest

from plan import plan2024
from plan.models import (
    Action,
    CommandGroup,
    Focus,
    Loop3030Rule,
    Mechanism,
    RescueCircle,
    ResponseLevel,
    ResponseStage,
    ServiceLevel,
    StageMeasure,
    Target,
    WorkPlan,
)

pytestmark = pytest.mark.django_db

TARGET_CODES = {
    "F1.accidents", "F1.major", "F1.disaster", "F2.stations",
    "A1.coverage", "A1.equipment", "A1.spotcheck", "A1.chemicals",
    "A2.report", "A2.transfer",
    "A3.grid", "A3.accredited", "A3.circles", "A3.entrusted",
    "A4.social_teams", "A4.linkage",
    "A5.places", "A5.videos", "A5.activities", "A5.five_into",
    "A6.townships", "A6.teams", "A6.hotspot", "A6.circle",
    "M1.loop3030", "M1.ranking", "M2.matrix", "M5.agencies",
}  # fmt: skip


def test_the_2024_plan_has_3_focuses_6_actions_5_mechanisms():
    plan = WorkPlan.objects.get(year=2024)
    assert list(Focus.objects.filter(plan=plan).values_list("name", flat=True)) == ["事故防控", "基层基础", "群防群治"]
    assert list(Action.objects.filter(plan=plan).values_list("code", flat=True)) == [f"A{i}" for i in range(1, 7)]
    assert list(Mechanism.objects.filter(plan=plan).values_list("code", flat=True)) == [f"M{i}" for i in range(1, 6)]


def test_every_one_of_the_28_targets_is_seeded_under_its_part():
    targets = Target.objects.filter(plan__year=2024).select_related("focus", "action", "mechanism")
    assert {t.code for t in targets} == TARGET_CODES
    for target in targets:
        assert target.part.code == target.code.split(".")[0], target.code
        assert target.indicator_key == target.code


def test_numeric_goals_follow_the_plan():
    goals = dict(Target.objects.values_list("code", "threshold"))
    assert goals["A1.coverage"] == 95
    assert goals["A1.spotcheck"] == 30
    assert goals["A3.accredited"] == 85
    assert goals["A5.places"] == 70
    assert goals["A5.videos"] == 10
    assert goals["A5.activities"] == 100
    assert goals["A4.social_teams"] == 7
    assert goals["A6.townships"] == 18


def test_mechanism_defaults_are_loaded():
    assert Loop3030Rule.objects.filter(target_count=30, window_days=30).count() == 3
    assert list(ResponseStage.objects.values_list("name", flat=True)) == [
        "关注",
        "IV级",
        "III级",
        "II级",
        "I级",
        "解除",
    ]
    assert list(ResponseLevel.objects.values_list("name", flat=True)) == ["乡级", "村级", "群众"]
    assert StageMeasure.objects.count() == 6 * 3 * 3
    assert set(CommandGroup.objects.values_list("name", flat=True)) >= set(plan2024.COMMAND_GROUPS)
    town = RescueCircle.objects.get(area="town")
    assert (town.response_minutes, town.arrival_minutes, town.joint_minutes) == (1, 3, 5)
    assert RescueCircle.objects.get(area="village").arrival_minutes == 15
    assert dict(ServiceLevel.objects.values_list("key", "minutes")) == {
        "hotspot_verify": 60,
        "verbal_report": 30,
        "system_report": 60,
    }


def test_a_target_belongs_to_exactly_one_part():
    from django.db import IntegrityError, transaction

    target = Target.objects.get(code="A1.coverage")
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.filter(pk=target.pk).update(focus=Focus.objects.first())
