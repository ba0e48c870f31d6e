from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView

from org.errors import SERVICE_ERRORS, Conflict, error_message
from org.models import Region, User
from org.views import ScopedObjectMixin, call_service
from plan import dashboards, layers, publication, snapshots, workbooks
from plan.attainment import attainment, module_pending
from plan.models import ListingNotice, MonthlyWorkbook, SnapshotRun
from plan.periods import Month
from plan.rankings import MISSING_RULE, TIE_RULE
from plan.selectors import (
    current_plan,
    latest_plan,
    part_by_code,
    parts_with_targets,
    plan_for_year,
    plan_of_year,
    plan_years,
)
from plan.services import can_keep_plans, copy_summary, copy_work_plan


@login_required
def home(request):
    plan = current_plan()
    if plan is None:
        return _no_plan(request, timezone.localdate().year)
    return redirect("plan:plan", year=plan.year)


@login_required
def plan_detail(request, year: int):
    """The plan page of one year: every target under its focus, action or mechanism, with its
    status; a year without a plan says so (and offers county administrators the copy)."""
    plan = plan_of_year(year)
    if plan is None:
        return _no_plan(request, year, status=404)
    groups = parts_with_targets(plan)
    statuses = {item.target.pk: item for item in attainment(plan, user=request.user)}
    for parts in groups.values():
        for part in parts:
            _annotate(part, statuses)
    years = _years(request, year, _plan_url)
    return render(request, "plan/plan_detail.html", {"plan": plan, **groups, **years})


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


def _period_from(request, *, year: int | None = None) -> Month | None:
    """?period=YYYY-MM, else the newest month with a snapshot (within ``year`` when given)."""
    try:
        return Month.parse(request.GET["period"]) if request.GET.get("period") else dashboards.latest_period(year=year)
    except ValidationError as error:
        raise Http404 from error


def _year_from(request) -> int | None:
    text = request.GET.get("year", "")
    if text and not (text.isascii() and text.isdigit() and len(text) == 4):
        raise Http404
    return int(text) if text else None


@login_required
def dashboard(request):
    """The county overview for one month, against the plan of that month's year: targets as
    traffic lights, the ranking, trends, 3030 progress. ?year= shows that year's newest month."""
    asked = _year_from(request)
    period = _period_from(request, year=asked)
    year = period.year if period else asked
    plan = plan_of_year(year) if year else current_plan()
    if plan is None:
        return _no_plan(request, year or timezone.localdate().year, _dashboard_url)
    notices = ListingNotice.objects.visible_to(request.user).select_related("region", "department")[:5]
    years = _years(request, plan.year, _dashboard_url)
    overview = dashboards.county_overview(plan, period, user=request.user)
    return render(request, "plan/dashboard.html", {"plan": plan, "notices": notices, **overview, **years})


@login_required
@require_POST
def copy_plan(request):
    """County administrators make a year's plan from the newest one (the button shown for a year
    without a plan), then go back to the page they came from."""
    _county_admin(request.user)
    text, source = request.POST.get("year", ""), latest_plan()
    if source is None:
        raise Http404
    year = int(text) if text.isascii() and text.isdigit() else 0
    success = copy_summary(plan=source, year=year)
    copied = call_service(request, copy_work_plan, plan=source, year=year, actor=request.user, success=success)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        back = reverse("plan:plan", kwargs={"year": copied.year}) if copied else reverse("plan:home")
    return redirect(back)


def _years(request, year: int, url, *, missing: int | None = None) -> dict:
    """The year switch (every year that has a plan, ``url(year)`` for each) and the year that has
    none (``missing``, else this year if it has none yet), with the copy offered to county admins."""
    years = plan_years()
    this_year = timezone.localdate().year
    missing = missing or (None if this_year in years else this_year)
    return {
        "year": year,
        "year_links": [(y, url(y)) for y in years],
        "missing_year": missing,
        "copy_source": latest_plan() if missing and can_keep_plans(request.user) else None,
        "copy_next": request.get_full_path(),
    }


def _no_plan(request, year: int, url=None, *, status: int = 200):
    """A year without a plan, said plainly: never a page of 暂无数据."""
    return render(request, "plan/no_plan.html", _years(request, year, url or _plan_url, missing=year), status=status)


def _plan_url(year: int) -> str:
    return reverse("plan:plan", kwargs={"year": year})


def _dashboard_url(year: int) -> str:
    return f"{reverse('plan:dashboard')}?year={year}"


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
    runs = SnapshotRun.objects.select_related("requested_by", "withdrawn_by")[:24]
    return render(request, "plan/snapshots.html", {"runs": runs})


@login_required
@require_POST
def snapshot_withdraw(request, pk: int):
    """撤回 a month's snapshot, with a reason, from /snapshots/ (county administrators)."""
    _county_admin(request.user)
    run = get_object_or_404(SnapshotRun, pk=pk)
    try:
        snapshots.withdraw_snapshot(run=run, actor=request.user, reason=request.POST.get("reason", ""))
    except SERVICE_ERRORS as error:
        messages.error(request, error_message(error))
    else:
        messages.success(request, _("已撤回 %(period)s 的快照及其排名和通知。") % {"period": Month.of(run.period)})
    return redirect("plan:snapshots")


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


# --- The monthly ranking's review and publication (plan.publication) --------------------------


@login_required
def ranking_review(request):
    """County administrators review a month's ranking — every unit's breakdown, 未报送 marked, the
    change since last month — and publish it, or withdraw it with a reason."""
    if not publication.can_publish_rankings(request.user):
        raise PermissionDenied
    period = _period_from(request)
    context = {"period": period, "tie_rule": TIE_RULE, "missing_rule": MISSING_RULE, **publication.review(period)}
    return render(request, "plan/ranking_review.html", context)


@login_required
@require_POST
def ranking_publish(request):
    period = _posted_period(request)
    done = _("已发布 %(period)s 的排名,区域挂牌通知已发出。") % {"period": period}
    call_service(request, publication.publish_ranking, period=period, actor=request.user, success=done)
    return redirect(f"{reverse('plan:ranking-review')}?period={period}")


@login_required
@require_POST
def ranking_withdraw(request):
    period, reason = _posted_period(request), request.POST.get("reason", "")
    done = _("已撤回 %(period)s 的排名。") % {"period": period}
    call_service(request, publication.withdraw_ranking, period=period, actor=request.user, reason=reason, success=done)
    return redirect(f"{reverse('plan:ranking-review')}?period={period}")


def _posted_period(request) -> Month:
    try:
        return Month.parse(request.POST.get("period", ""))
    except ValidationError as error:
        raise Http404 from error
