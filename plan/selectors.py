"""Reads of the plan used by pages and the API."""

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from plan.models import Action, Focus, Mechanism, Target, WorkPlan

PART_MODELS = {"F": Focus, "A": Action, "M": Mechanism}


def plan_of_year(year: int) -> WorkPlan | None:
    """The plan in force for every month of ``year``: that year's plan (the portal serves one county)."""
    return WorkPlan.objects.filter(year=year).select_related("county").order_by("county_id").first()


def latest_plan() -> WorkPlan | None:
    """The newest plan: what a year without a plan is copied from."""
    return WorkPlan.objects.select_related("county").order_by("-year", "county_id").first()


def current_plan() -> WorkPlan | None:
    """The plan the portal opens on: this year's, or the newest while this year has none (the
    pages then say so and offer the copy)."""
    return plan_of_year(timezone.localdate().year) or latest_plan()


def plan_years() -> list[int]:
    """The years that have a plan, newest first."""
    return sorted(set(WorkPlan.objects.values_list("year", flat=True)), reverse=True)


def plan_for_year(year: int) -> WorkPlan:
    plan = plan_of_year(year)
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
