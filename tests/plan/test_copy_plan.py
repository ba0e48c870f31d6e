from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from plan.models import Action, Focus, Loop3030Rule, Mechanism, ResponseStage, StageMeasure, Target, WorkPlan
from plan.services import copy_work_plan
from tests.factories import county

pytestmark = pytest.mark.django_db


def plan_2024() -> WorkPlan:
    return WorkPlan.objects.get(year=2024)


def test_the_command_copies_every_part_and_target_for_the_same_county():
    out = StringIO()
    call_command("copy_plan", "--from", "2024", "--to", "2026", stdout=out)
    assert "已将苍南县2024年度工作计划复制为2026年度工作计划" in out.getvalue()
    copied = WorkPlan.objects.get(year=2026)
    assert copied.county == county() and copied.title == plan_2024().title
    for model in (Focus, Action, Mechanism):
        assert list(model.objects.filter(plan=copied).values_list("code", "name", "owner_app")) == list(
            model.objects.filter(plan=plan_2024()).values_list("code", "name", "owner_app")
        )
    targets = Target.objects.filter(plan=copied).select_related("focus", "action", "mechanism")
    assert targets.count() == 28
    assert all(t.part.plan_id == copied.pk for t in targets)
    fields = ("code", "text", "kind", "threshold", "threshold_2", "unit", "goal", "indicator_key", "sort_order")
    assert list(targets.values_list(*fields)) == list(Target.objects.filter(plan=plan_2024()).values_list(*fields))
    assert Target.objects.filter(plan=plan_2024()).count() == 28


def test_the_command_refuses_a_year_that_already_has_a_plan_and_copies_nothing():
    call_command("copy_plan", "--from", "2024", "--to", "2026", stdout=StringIO())
    with pytest.raises(CommandError, match="苍南县2026年度工作计划已存在,未复制"):
        call_command("copy_plan", "--from", "2024", "--to", "2026", stdout=StringIO())
    assert WorkPlan.objects.filter(year=2026).count() == 1
    assert Target.objects.filter(plan__year=2026).count() == 28


def test_the_command_says_when_the_year_to_copy_has_no_plan():
    with pytest.raises(CommandError, match="没有1999年度的工作计划"):
        call_command("copy_plan", "--from", "1999", "--to", "2026", stdout=StringIO())


def test_the_service_refuses_with_a_validation_error_naming_the_county():
    with pytest.raises(ValidationError) as refused:
        copy_work_plan(plan=plan_2024(), year=2024)
    assert refused.value.message_dict == {"year": ["苍南县2024年度工作计划已存在,未复制。"]}


def test_only_county_administrators_may_copy(lingxi_staff, county_admin):
    with pytest.raises(PermissionDenied):
        copy_work_plan(plan=plan_2024(), year=2025, actor=lingxi_staff)
    assert copy_work_plan(plan=plan_2024(), year=2025, actor=county_admin).year == 2025


def test_the_mechanism_settings_are_shared_by_every_year_and_left_as_they_are():
    counts = [model.objects.count() for model in (Loop3030Rule, ResponseStage, StageMeasure)]
    copy_work_plan(plan=plan_2024(), year=2025)
    assert [model.objects.count() for model in (Loop3030Rule, ResponseStage, StageMeasure)] == counts


def _copy_in_admin(client, plan: WorkPlan):
    url = reverse("admin:plan_workplan_changelist")
    data = {"action": "copy_to_next_year", "_selected_action": [plan.pk]}
    return client.post(url, data, follow=True)


def test_the_admin_action_copies_the_plan_to_the_next_year(client, county_admin):
    client.force_login(county_admin)
    response = _copy_in_admin(client, plan_2024())
    assert response.status_code == 200
    assert "已将苍南县2024年度工作计划复制为2025年度工作计划" in response.content.decode()
    assert Target.objects.filter(plan__year=2025, plan__county=county()).count() == 28


def test_the_admin_action_refuses_a_year_that_has_a_plan_with_a_message(client, county_admin):
    copy_work_plan(plan=plan_2024(), year=2025)
    client.force_login(county_admin)
    response = _copy_in_admin(client, plan_2024())
    assert response.status_code == 200
    assert "苍南县2025年度工作计划已存在,未复制。" in response.content.decode()
    assert WorkPlan.objects.filter(year=2025).count() == 1
