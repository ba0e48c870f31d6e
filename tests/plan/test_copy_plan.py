import pytest
from django.db import IntegrityError

from plan.models import Target, WorkPlan
from plan.services import copy_work_plan

pytestmark = pytest.mark.django_db


def test_it_copies_the_plan_to_the_next_year_with_every_target():
    plan = WorkPlan.objects.get(year=2024)
    new_plan = copy_work_plan(plan=plan, year=2025)
    copied = Target.objects.filter(plan=new_plan).select_related("focus", "action", "mechanism")
    assert copied.count() == 28
    assert all(t.part.plan_id == new_plan.pk for t in copied)
    assert Target.objects.filter(plan=plan).count() == 28


def test_it_refuses_a_year_that_already_has_a_plan():
    plan = WorkPlan.objects.get(year=2024)
    with pytest.raises(IntegrityError):
        copy_work_plan(plan=plan, year=2024)
