from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from org.errors import error_message
from plan.models import WorkPlan
from plan.services import copy_summary, copy_work_plan


class Command(BaseCommand):
    help = "Copies a year's work plan (parts and targets) to another year: copy_plan --from 2024 --to 2026."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", type=int, required=True, help="the year to copy")
        parser.add_argument("--to", dest="year", type=int, required=True, help="the year that has no plan yet")
        parser.add_argument("--county", help="the county's name, where several counties have a plan that year")

    def handle(self, *args, source: int, year: int, county: str | None = None, **options):
        plan = self._source(source, county)
        try:
            copy_work_plan(plan=plan, year=year)
        except ValidationError as error:
            raise CommandError(error_message(error)) from error
        self.stdout.write(self.style.SUCCESS(copy_summary(plan=plan, year=year)))

    def _source(self, year: int, county: str | None) -> WorkPlan:
        plans = WorkPlan.objects.filter(year=year).select_related("county")
        if county:
            plans = plans.filter(county__name=county)
        found = list(plans[:2])
        if not found:
            raise CommandError(_("没有%(year)s年度的工作计划。") % {"year": year})
        if len(found) > 1:
            raise CommandError(_("%(year)s年度有多个县的工作计划,请用 --county 指明。") % {"year": year})
        return found[0]
