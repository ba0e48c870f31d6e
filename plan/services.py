"""Writes to the plan that carry a rule: copying a year's plan forward."""

from django.db import transaction

from plan.models import Action, Focus, Mechanism, Target, WorkPlan


@transaction.atomic
def copy_work_plan(*, plan: WorkPlan, year: int) -> WorkPlan:
    """复制年度计划: the same focuses, actions, mechanisms and targets under a new year.

    Fails (IntegrityError) if that year already has a plan, so nothing is copied twice.
    """
    new_plan = WorkPlan.objects.create(
        county=plan.county, year=year, title=plan.title, issued_by=plan.issued_by, summary=plan.summary
    )
    parts = {}
    for model in (Focus, Action, Mechanism):
        for part in model.objects.filter(plan=plan):
            old_pk = part.pk
            part.pk = None
            part.plan = new_plan
            part.save()
            parts[(model, old_pk)] = part
    for target in Target.objects.filter(plan=plan):
        target.pk = None
        target.plan = new_plan
        target.focus = parts.get((Focus, target.focus_id))
        target.action = parts.get((Action, target.action_id))
        target.mechanism = parts.get((Mechanism, target.mechanism_id))
        target.save()
    return new_plan
