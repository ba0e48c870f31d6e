"""The plan in force for the demo data: this year's plan (and, in January, last year's, which last
month's snapshot reads), copied from the newest plan where a year has none. Idempotent: a year
that has a plan is left as it is."""

from django.utils import timezone

from plan.periods import Month
from plan.selectors import latest_plan, plan_of_year
from plan.services import copy_summary, copy_work_plan


def seed(*, stdout) -> None:
    this_month = Month.of(timezone.localdate())
    for year in sorted({this_month.previous().year, this_month.year}):
        source = latest_plan()
        if source is None or plan_of_year(year) is not None:
            stdout.write(f"plan: {year} plan already present" if source else "plan: no plan to copy from")
            continue
        copy_work_plan(plan=source, year=year)
        stdout.write(f"plan: {copy_summary(plan=source, year=year)}")
