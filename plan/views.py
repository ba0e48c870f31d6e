from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from plan.attainment import module_pending, target_status
from plan.selectors import current_plan, part_by_code, parts_with_targets, plan_for_year


@login_required
def home(request):
    plan = current_plan()
    if plan is None:
        return render(request, "plan/no_plan.html")
    return redirect("plan:plan", year=plan.year)


@login_required
def plan_detail(request, year: int):
    """The plan page: every target under its focus, action or mechanism, with its status."""
    plan = plan_for_year(year)
    groups = parts_with_targets(plan)
    for parts in groups.values():
        for part in parts:
            _annotate(part)
    return render(request, "plan/plan_detail.html", {"plan": plan, **groups})


@login_required
def part_detail(request, year: int, code: str):
    """One focus, action or mechanism: its targets and whether its module is live yet."""
    plan = plan_for_year(year)
    part = _annotate(part_by_code(plan, code))
    return render(request, "plan/part_detail.html", {"plan": plan, "part": part})


def _annotate(part):
    part.is_pending = module_pending(part.owner_app)
    part.rows = [(target, target_status(target)) for target in part.targets.all()]
    return part
