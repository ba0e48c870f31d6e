"""Writes to the plan that carry a rule: copying a year's plan to another year."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from org.access import require
from org.models import User
from plan.context_processors import forget_navigation
from plan.models import Action, Focus, Mechanism, Target, WorkPlan

PART_MODELS = (Focus, Action, Mechanism)
YEARS = range(2000, 2101)


def can_keep_plans(user: User) -> bool:
    """County administrators keep the plan."""
    return user.is_superuser or user.role == User.Role.COUNTY_ADMIN


@transaction.atomic
def copy_work_plan(*, plan: WorkPlan, year: int, actor: User | None = None) -> WorkPlan:
    """复制年度计划: the plan's focuses, actions, mechanisms and targets, for the same county, as the
    plan of ``year``. Refused when that county already has a plan for that year.

    The mechanisms' settings (plan.models.config: 3030 rules, 633 stages and measures, 1833 groups,
    rescue circles, time limits) are the county's standing configuration, not a year's: they are
    shared by every year and not copied. ``actor`` is None for commands and the demo load.
    """
    if actor is not None:
        require(can_keep_plans(actor), _("只有县级管理员可以复制年度工作计划。"))
    if year not in YEARS:
        raise ValidationError({"year": _("年度应在%(first)s至%(last)s之间。") % {"first": YEARS[0], "last": YEARS[-1]}})
    if WorkPlan.objects.filter(county_id=plan.county_id, year=year).exists():
        raise ValidationError({"year": _already_there(plan, year)})
    try:
        with transaction.atomic():
            new_plan = WorkPlan.objects.create(
                county_id=plan.county_id, year=year, title=plan.title, issued_by=plan.issued_by, summary=plan.summary
            )
    except IntegrityError as error:  # the same copy, made at the same moment by someone else
        raise ValidationError({"year": _already_there(plan, year)}) from error
    parts = {
        (model, old.pk): _copy(old, plan=new_plan) for model in PART_MODELS for old in model.objects.filter(plan=plan)
    }
    for target in Target.objects.filter(plan=plan):
        _copy(
            target,
            plan=new_plan,
            focus=parts.get((Focus, target.focus_id)),
            action=parts.get((Action, target.action_id)),
            mechanism=parts.get((Mechanism, target.mechanism_id)),
        )
    transaction.on_commit(forget_navigation)
    return new_plan


def copy_summary(*, plan: WorkPlan, year: int) -> str:
    """What a copy did, in the words the admin, the pages and the command show."""
    return _("已将%(county)s%(source)s年度工作计划复制为%(year)s年度工作计划。") % {
        "county": plan.county,
        "source": plan.year,
        "year": year,
    }


def _already_there(plan: WorkPlan, year: int) -> str:
    return _("%(county)s%(year)s年度工作计划已存在,未复制。") % {"county": plan.county, "year": year}


def _copy(row, **changes):
    row.pk, row._state.adding = None, True
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()
    return row
