"""Reads of the plan used by pages and the API."""

from django.db.models import Prefetch
from django.http import Http404

from plan.models import Action, Focus, Mechanism, Target, WorkPlan

PART_MODELS = {"F": Focus, "A": Action, "M": Mechanism}


def current_plan() -> WorkPlan | None:
    return WorkPlan.objects.order_by("-year").first()


def plan_for_year(year: int) -> WorkPlan:
    plan = WorkPlan.objects.filter(year=year).first()
    if plan is None:
        raise Http404
    return plan


def parts_with_targets(plan: WorkPlan) -> dict[str, list]:
    """The plan's focuses, actions and mechanisms, each with its targets: four queries in all."""
    targets = Prefetch("targets", queryset=Target.objects.order_by("sort_order"))
    return {
        "focuses": list(Focus.objects.filter(plan=plan).prefetch_related(targets)),
        "actions": list(Action.objects.filter(plan=plan).prefetch_related(targets)),
        "mechanisms": list(Mechanism.objects.filter(plan=plan).prefetch_related(targets)),
    }


def part_by_code(plan: WorkPlan, code: str):
    model = PART_MODELS.get(code[:1].upper())
    part = model.objects.filter(plan=plan, code=code.upper()).first() if model else None
    if part is None:
        raise Http404
    return part
