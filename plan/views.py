from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from org.errors import Conflict
from org.models import Region, User
from org.views import ScopedObjectMixin
from plan import dashboards, layers, snapshots, workbooks
from plan.attainment import attainment, module_pending
from plan.models import ListingNotice, MonthlyWorkbook, SnapshotRun
from plan.periods import Month
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
    statuses = {item.target.pk: item for item in attainment(plan, user=request.user)}
    for parts in groups.values():
        for part in parts:
            _annotate(part, statuses)
    return render(request, "plan/plan_detail.html", {"plan": plan, **groups})


@login_required
def part_detail(request, year: int, code: str):
    """One focus, action or mechanism: its targets and whether its module is live yet."""
    plan = plan_for_year(year)
    statuses = {item.target.pk: item for item in attainment(plan, user=request.user)}
    part = _annotate(part_by_code(plan, code), statuses)
    return render(request, "plan/part_detail.html", {"plan": plan, "part": part})


def _annotate(part, statuses):
    part.is_pending = module_pending(part.owner_app)
    part.rows = [(target, statuses[target.pk].status, statuses[target.pk].latest) for target in part.targets.all()]
    return part


def _period_from(request) -> Month | None:
    try:
        return Month.parse(request.GET["period"]) if request.GET.get("period") else dashboards.latest_period()
    except ValidationError as error:
        raise Http404 from error


@login_required
def dashboard(request):
    """The county overview: targets as traffic lights, the ranking, trends, 3030 progress."""
    plan = current_plan()
    if plan is None:
        return render(request, "plan/no_plan.html")
    period = _period_from(request)
    notices = ListingNotice.objects.visible_to(request.user).select_related("region", "department")[:5]
    context = {"plan": plan, "notices": notices, **dashboards.county_overview(plan, period, user=request.user)}
    return render(request, "plan/dashboard.html", context)


class TownshipDashboardView(ScopedObjectMixin, DetailView):
    """A township's page: its indicators against the county average and its rank history."""

    model = Region
    template_name = "plan/township_dashboard.html"
    context_object_name = "township"

    def get_queryset(self):
        return super().get_queryset().townships().select_related("parent")

    def get_context_data(self, **kwargs):
        period = _period_from(self.request)
        return super().get_context_data(
            period=period, **dashboards.township_view(self.object, period, user=self.request.user), **kwargs
        )


def _county_admin(user: User) -> None:
    if not (user.is_superuser or user.role == User.Role.COUNTY_ADMIN):
        raise PermissionDenied


@login_required
def snapshot_list(request):
    """County administrators run the monthly snapshot for any month and watch it finish."""
    _county_admin(request.user)
    if request.method == "POST":
        try:
            snapshots.start_snapshot(period=Month.parse(request.POST.get("period", "")), requested_by=request.user)
        except (ValidationError, Conflict) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("已开始计算。"))
        return redirect("plan:snapshots")
    runs = SnapshotRun.objects.select_related("requested_by")[:24]
    return render(request, "plan/snapshots.html", {"runs": runs})


@login_required
def workbook_list(request):
    """The monthly workbooks: download, or have one made now with a progress bar."""
    if not request.user.is_county_level:
        raise PermissionDenied
    if request.method == "POST":
        _county_admin(request.user)
        try:
            workbooks.start(period=Month.parse(request.POST.get("period", "")), requested_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("plan:workbooks")
    return render(request, "plan/workbooks.html", {"workbooks": MonthlyWorkbook.objects.all()[:24]})


@login_required
def monthly_workbook(request, period: str):
    """GET /exports/monthly/YYYY-MM.xlsx — the stored workbook of that month."""
    if not request.user.is_county_level:
        raise Http404
    try:
        month = Month.parse(period)
    except ValidationError as error:
        raise Http404 from error
    workbook = workbooks.latest(month)
    if workbook is None or not workbook.file:
        raise Http404
    return FileResponse(workbook.file.open("rb"), as_attachment=True, filename=f"苍南应急月报-{month}.xlsx")


@login_required
def county_map(request):
    """县域一张图: every app's layers on one map; the page polls the layers live for this user."""
    live = layers.live_keys(request.user)
    config = [
        {
            "key": layer.key,
            "label": str(layer.label),
            "colour": layer.colour,
            "url": reverse("plan:map-layer", kwargs={"key": layer.key}),
            "details": [[name, str(label)] for name, label in layer.details],
            "live": layer.key in live,
        }
        for layer in layers.layers()
    ]
    context = {
        "layers": config,
        "tile_url": settings.MAP_TILE_URL,
        "poll_seconds": settings.FLOOD_LIVE_POLL_SECONDS if live else 0,
    }
    return render(request, "plan/map.html", context)


@login_required
def map_layer(request, key: str):
    """GET /map/layers/<key>.geojson — the user's part of one layer (404 for an unknown key)."""
    layer = layers.get_layer(key)
    if layer is None:
        raise Http404
    return JsonResponse(layer.collection(request.user), content_type="application/geo+json")


@login_required
def monthly_report(request, period: str):
    """GET /exports/monthly/YYYY-MM.docx — the month's 通报 stored with its workbook (county level,
    as the workbook)."""
    if not request.user.is_county_level:
        raise Http404
    try:
        month = Month.parse(period)
    except ValidationError as error:
        raise Http404 from error
    workbook = workbooks.latest(month)
    if workbook is None or not workbook.report:
        raise Http404
    return FileResponse(workbook.report.open("rb"), as_attachment=True, filename=f"苍南应急月度通报-{month}.docx")
