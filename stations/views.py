"""Pages of stations, grids, circles, teams, cases and agreements: parse → scope → call a service → render."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from org import choices
from org.importers import VILLAGE_COLUMNS, import_villages
from org.pagination import CappedPaginator
from org.spreadsheets import Column
from org.views import (
    Ledger,
    LedgerImportView,
    LedgerTemplateView,
    ListExportMixin,
    ManageButtonsMixin,
    RecordFormView,
    ScopedObjectMixin,
    call_service,
    report_form_errors,
)
from stations import accreditation, circles, importers, services
from stations.filtersets import EntrustedCaseFilterSet, GridFilterSet, LinkageFilterSet, StationFilterSet, TeamFilterSet
from stations.forms import (
    EntrustedCaseForm,
    EvaluationForm,
    GridForm,
    GridWorkerForm,
    LinkageForm,
    StationEditForm,
    StationForm,
    TeamForm,
)
from stations.models import EntrustedCase, Grid, LinkageAgreement, RescueTeam, Station, TeamEvaluation

# --- Stations -------------------------------------------------------------------------------


class StationListView(ManageButtonsMixin, ListExportMixin, ScopedObjectMixin, FilterView):
    """The townships' stations: build status, staff, fire team, the 一体 flags and accreditation."""

    model = Station
    filterset_class = StationFilterSet
    paginate_by = 50
    paginator_class = CappedPaginator
    template_name = "stations/station_list.html"
    can_manage = staticmethod(services.can_keep_stations)
    export_columns = [
        Column(gettext_lazy("乡镇"), 12),
        Column(gettext_lazy("站名"), 26),
        Column(gettext_lazy("建设状态"), 10),
        Column(gettext_lazy("建成日期"), 12),
        Column(gettext_lazy("在编在岗人员"), 10, total=True),
        Column(gettext_lazy("专职消防队员"), 10, total=True),
        Column(gettext_lazy("站队一体"), 8),
        Column(gettext_lazy("应消一体"), 8),
        Column(gettext_lazy("防消一体"), 8),
        Column(gettext_lazy("站长"), 10),
        Column(gettext_lazy("联系电话"), 14),
    ]

    def export_row(self, station: Station) -> tuple:
        yes = {True: _("是"), False: _("否")}
        return (
            station.township.name, station.name, station.get_status_display(), station.built_on, station.staff_count,
            station.fire_team_members, yes[station.station_team_integrated], yes[station.emergency_fire_integrated],
            yes[station.prevention_fire_integrated], station.head, station.phone,
        )  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("township")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = {}
        for assessment in accreditation.assessments_of(self.request.user):
            latest.setdefault(assessment.township_id, assessment)
        context["rows"] = [(station, latest.get(station.township_id)) for station in context["object_list"]]
        return context


class StationDetailView(ScopedObjectMixin, DetailView):
    """One township's station: status, accreditation with its items and evidence, grids, teams and
    circle coverage."""

    model = Station
    template_name = "stations/station_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township")

    def get_context_data(self, **kwargs):
        station, user = self.object, self.request.user
        township = station.township
        assessments = list(
            accreditation.assessments_of(user)
            .filter(township=township)
            .prefetch_related("checklist__items", "scores", "evidence")
        )
        current = assessments[0] if assessments else None
        items = []
        if current is not None:
            scores = {s.item_id: s for s in current.scores.all()}
            evidence: dict[int, list] = {}
            for file in current.evidence.all():
                evidence.setdefault(file.item_id, []).append(file)
            items = [(item, scores.get(item.pk), evidence.get(item.pk, [])) for item in current.checklist.items.all()]
        grids = (
            Grid.objects.visible_to(user)
            .filter(village__parent=township)
            .select_related("village")
            .prefetch_related("workers")
        )
        teams = RescueTeam.objects.visible_to(user).filter(region=township)
        reaches = circles.coverage([township]).get(township.pk, [])
        return super().get_context_data(
            assessments=assessments,
            current=current,
            items=items,
            grids=grids,
            teams=teams,
            reaches=reaches,
            within=sum(r.within for r in reaches),
            can_edit=services.can_keep_stations(user),
            can_accredit=station.is_built and accreditation.assessments.can_self_assess(user) and user.can_write,
            **kwargs,
        )


class StationFormView(RecordFormView):
    model = Station
    form_class = StationForm
    service = staticmethod(services.save_station)
    instance_kwarg = "station"
    list_url = "stations:stations"
    titles = (gettext_lazy("登记应急消防管理站"), gettext_lazy("修改应急消防管理站"))
    can_manage = staticmethod(services.can_keep_stations)

    def get_form_class(self):
        return StationEditForm if self.object else StationForm

    def get_saved_url(self, obj) -> str:
        return obj.get_absolute_url()


class AccreditView(ScopedObjectMixin, SingleObjectMixin, View):
    """开始达标自评: the township's assessment under the checklist in force, then its page."""

    model = Station

    def post(self, request, pk):
        station = self.get_object()
        assessment = call_service(request, accreditation.start, actor=request.user, township=station.township)
        return redirect(assessment.get_absolute_url() if assessment else station.get_absolute_url())


# --- Grids ----------------------------------------------------------------------------------


class GridListView(ManageButtonsMixin, ListExportMixin, ScopedObjectMixin, FilterView):
    model = Grid
    filterset_class = GridFilterSet
    paginate_by = 100
    paginator_class = CappedPaginator
    template_name = "stations/grid_list.html"
    can_manage = staticmethod(services.can_keep_grids)
    export_columns = [
        Column(gettext_lazy("乡镇"), 12),
        Column(gettext_lazy("村(社区)"), 16),
        Column(gettext_lazy("网格名称"), 22),
        Column(gettext_lazy("网格员"), 20),
        Column(gettext_lazy("安全生产"), 8),
        Column(gettext_lazy("消防安全"), 8),
        Column(gettext_lazy("防灾减灾"), 8),
    ]

    def export_row(self, grid: Grid) -> tuple:
        mark = {True: "√", False: "×"}
        workers = "、".join(f"{w.name} {w.phone}".strip() for w in grid.workers.all())
        return (grid.village.parent.name, grid.village.name, grid.name, workers, mark[grid.covers_safety],
                mark[grid.covers_fire], mark[grid.covers_disaster])  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("village__parent").prefetch_related("workers")


class GridDetailView(ScopedObjectMixin, DetailView):
    model = Grid
    template_name = "stations/grid_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("village__parent").prefetch_related("workers")

    def get_context_data(self, **kwargs):
        can_keep = services.can_keep_grids(self.request.user)
        return super().get_context_data(can_keep=can_keep, worker_form=GridWorkerForm(), **kwargs)

    def post(self, request, pk):
        grid = self.get_object()
        form = GridWorkerForm(request.POST)
        if form.is_valid():
            call_service(
                request, services.save_grid_worker, actor=request.user, grid=grid, success=_("已登记网格员。"),
                **form.cleaned_data,
            )  # fmt: skip
        else:
            report_form_errors(request, form)
        return redirect(grid.get_absolute_url())


class GridFormView(RecordFormView):
    model = Grid
    form_class = GridForm
    service = staticmethod(services.save_grid)
    instance_kwarg = "grid"
    list_url = "stations:grids"
    titles = (gettext_lazy("登记网格"), gettext_lazy("修改网格"))
    can_manage = staticmethod(services.can_keep_grids)

    def get_saved_url(self, obj) -> str:
        return obj.get_absolute_url()


# --- Rescue circles -------------------------------------------------------------------------


class CircleView(LoginRequiredMixin, TemplateView):
    """救援圈: every village and township seat the user may see, with its minutes and nearest point."""

    template_name = "stations/circles.html"

    def get_context_data(self, **kwargs):
        townships = list(choices.townships(self.request.user).order_by("sort_order"))
        found = circles.coverage(townships)
        rows = [(t, found.get(t.pk, [])) for t in townships]
        everything = [r for _t, reaches in rows for r in reaches]
        return super().get_context_data(
            rows=rows,
            within=sum(r.within for r in everything),
            total=len(everything),
            limits=circles.limits(),
            road_factor=settings.STATIONS_ROAD_FACTOR,
            speed=settings.STATIONS_SPEED_KMH,
            **kwargs,
        )


# --- Rescue teams ---------------------------------------------------------------------------


class TeamListView(ManageButtonsMixin, ListExportMixin, ScopedObjectMixin, FilterView):
    """救援队伍 with their valid evaluation; evaluations running out within 60 days are flagged."""

    model = RescueTeam
    filterset_class = TeamFilterSet
    paginate_by = 100
    paginator_class = CappedPaginator
    template_name = "stations/team_list.html"
    can_manage = staticmethod(services.can_keep_stations)
    export_columns = [
        Column(gettext_lazy("队伍名称"), 28),
        Column(gettext_lazy("队伍类别"), 16),
        Column(gettext_lazy("所属区划"), 12),
        Column(gettext_lazy("负责人"), 10),
        Column(gettext_lazy("联系电话"), 14),
        Column(gettext_lazy("队员人数"), 10, total=True),
        Column(gettext_lazy("测评专业"), 14),
        Column(gettext_lazy("测评等级"), 8),
        Column(gettext_lazy("有效期至"), 12),
    ]

    def export_row(self, team: RescueTeam) -> tuple:
        latest = next(iter(team.evaluations.all()), None)
        evaluation = (
            (latest.get_specialty_display(), latest.get_level_display(), latest.valid_until) if latest else ("", "", "")
        )
        return (team.name, team.get_kind_display(), team.region.name, team.leader, team.phone, team.members,
                *evaluation)  # fmt: skip

    def get_queryset(self):
        evaluations = TeamEvaluation.objects.order_by("-assessed_on", "-id")
        return super().get_queryset().select_related("region").prefetch_related(Prefetch("evaluations", evaluations))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [(team, *evaluation_state(team.evaluations.all())) for team in context["object_list"]]
        return context


def evaluation_state(evaluations) -> tuple[TeamEvaluation | None, str]:
    """A team's latest evaluation and whether it has run out or runs out within the warning days."""
    latest = next(iter(evaluations), None)
    today = timezone.localdate()
    if latest is None:
        return None, ""
    if not latest.is_valid_on(today):
        return latest, "expired" if latest.valid_until and latest.valid_until < today else ""
    return latest, "expiring" if latest.expires_soon(today) else ""


class TeamDetailView(ScopedObjectMixin, DetailView):
    model = RescueTeam
    template_name = "stations/team_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region")

    def get_context_data(self, **kwargs):
        user = self.request.user
        evaluations = self.object.evaluations.all()
        return super().get_context_data(
            evaluations=evaluations,
            state=evaluation_state(evaluations)[1],
            can_edit=services.can_keep_team(user, self.object.region),
            can_evaluate=services.is_county_keeper(user),
            evaluation_form=EvaluationForm(),
            **kwargs,
        )

    def post(self, request, pk):
        team = self.get_object()
        form = EvaluationForm(request.POST)
        if form.is_valid():
            call_service(
                request, services.save_evaluation, actor=request.user, team=team, success=_("已登记测评结果。"),
                **form.cleaned_data,
            )  # fmt: skip
        else:
            report_form_errors(request, form)
        return redirect(team.get_absolute_url())


class TeamFormView(RecordFormView):
    model = RescueTeam
    form_class = TeamForm
    service = staticmethod(services.save_team)
    instance_kwarg = "team"
    list_url = "stations:teams"
    titles = (gettext_lazy("登记救援队伍"), gettext_lazy("修改救援队伍"))
    can_manage = staticmethod(services.can_keep_stations)

    def get_saved_url(self, obj) -> str:
        return obj.get_absolute_url()


# --- Entrusted enforcement and linkage agreements -------------------------------------------


class CaseListView(ManageButtonsMixin, ListExportMixin, ScopedObjectMixin, FilterView):
    model = EntrustedCase
    filterset_class = EntrustedCaseFilterSet
    paginate_by = 50
    paginator_class = CappedPaginator
    template_name = "stations/case_list.html"
    can_manage = staticmethod(services.can_keep_stations)
    export_columns = [
        Column(gettext_lazy("乡镇"), 12),
        Column(gettext_lazy("案件编号"), 22),
        Column(gettext_lazy("立案日期"), 12),
        Column(gettext_lazy("案件类型"), 20),
        Column(gettext_lazy("委托执法"), 8),
    ]

    def export_row(self, case: EntrustedCase) -> tuple:
        return (
            case.township.name,
            case.number,
            case.decided_on,
            case.case_type,
            _("是") if case.entrusted else _("否"),
        )

    def get_queryset(self):
        return super().get_queryset().select_related("township")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = timezone.localdate().year
        shares = context["filter"].qs.aggregate(
            total=Count("pk", filter=Q(decided_on__year=year)),
            part=Count("pk", filter=Q(decided_on__year=year, entrusted=True)),
            total_last=Count("pk", filter=Q(decided_on__year=year - 1)),
            part_last=Count("pk", filter=Q(decided_on__year=year - 1, entrusted=True)),
        )
        context["shares"] = shares
        return context


class CaseFormView(RecordFormView):
    model = EntrustedCase
    form_class = EntrustedCaseForm
    service = staticmethod(services.save_entrusted_case)
    instance_kwarg = "case"
    list_url = "stations:cases"
    titles = (gettext_lazy("登记执法案件"), gettext_lazy("修改执法案件"))
    can_manage = staticmethod(services.can_keep_stations)


class LinkageListView(ManageButtonsMixin, ListExportMixin, ScopedObjectMixin, FilterView):
    model = LinkageAgreement
    filterset_class = LinkageFilterSet
    paginate_by = 50
    template_name = "stations/linkage_list.html"
    can_manage = staticmethod(services.is_county_keeper)
    export_columns = [
        Column(gettext_lazy("签约区划"), 12),
        Column(gettext_lazy("合作地区"), 14),
        Column(gettext_lazy("协议名称"), 30),
        Column(gettext_lazy("签订日期"), 12),
        Column(gettext_lazy("合作范围"), 40),
    ]

    def export_row(self, agreement: LinkageAgreement) -> tuple:
        return (agreement.region.name, agreement.partner, agreement.title, agreement.signed_on, agreement.scope)

    def get_queryset(self):
        return super().get_queryset().select_related("region")


class LinkageFormView(RecordFormView):
    model = LinkageAgreement
    form_class = LinkageForm
    template_name = "stations/linkage_form.html"
    service = staticmethod(services.save_linkage)
    instance_kwarg = "agreement"
    list_url = "stations:linkages"
    titles = (gettext_lazy("登记跨区域应急联动协议"), gettext_lazy("修改跨区域应急联动协议"))
    can_manage = staticmethod(services.is_county_keeper)

    def dispatch(self, request, *args, **kwargs):
        # Townships read the county's agreements but never edit them: an id outside their scope
        # is still a 404 (as everywhere) before the 403 of a page they may not use.
        if request.user.is_authenticated and "pk" in kwargs:
            self.kwargs = kwargs
            self.get_object()
        return super().dispatch(request, *args, **kwargs)


class LinkageDocumentView(ScopedObjectMixin, SingleObjectMixin, View):
    """Serves an agreement's signed text only to users who may read the agreement."""

    model = LinkageAgreement

    def get(self, request, pk):
        agreement = self.get_object()
        if not agreement.document:
            raise Http404
        return FileResponse(agreement.document.open("rb"), as_attachment=True, filename=agreement.document_name)


# --- Excel imports --------------------------------------------------------------------------

IMPORTS = {
    "stations": Ledger(
        importers.import_stations,
        importers.STATION_COLUMNS,
        gettext_lazy("乡镇应急消防管理站建设情况统计表"),
        "stations:stations",
        "stations:import-template-stations",
    ),
    "grids": Ledger(
        importers.import_grids,
        importers.GRID_COLUMNS,
        gettext_lazy("村(社区)网格及网格员名册"),
        "stations:grids",
        "stations:import-template-grids",
    ),
    "teams": Ledger(
        importers.import_teams,
        importers.TEAM_COLUMNS,
        gettext_lazy("应急救援队伍登记表"),
        "stations:teams",
        "stations:import-template-teams",
    ),
    "travel": Ledger(
        importers.import_travel_times,
        importers.TRAVEL_COLUMNS,
        gettext_lazy("实测通行时间表"),
        "stations:circles",
        "stations:import-template-travel",
    ),
    # The villages register lives in org; its import page sits here, beside the grids it comes before.
    "villages": Ledger(
        import_villages,
        VILLAGE_COLUMNS,
        gettext_lazy("村(社区)名册"),
        "stations:grids",
        "stations:import-template-villages",
    ),
}


class ImportView(LedgerImportView):
    imports = IMPORTS


class ImportTemplateView(LedgerTemplateView):
    imports = IMPORTS
