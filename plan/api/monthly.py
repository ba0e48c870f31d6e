"""REST for clients: indicators, their monthly values, rankings, attainment, snapshots, workbooks.

Answers built from snapshots carry an ETag and Last-Modified tied to the newest complete
snapshot and the latest ranking publication step, so a client asking again with If-None-Match /
If-Modified-Since gets a 304 until the data changes.
"""

import hashlib

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from org.api.viewsets import ScopedReadOnlyViewSet
from org.models import User
from plan import publication, snapshots, workbooks
from plan.attainment import attainment
from plan.models import IndicatorValue, MonthlyWorkbook, RankingPublication, RankingRow, SnapshotRun, WorkPlan
from plan.periods import Month
from plan.rankings import TIE_RULE
from plan.registry import registry


def require_county_admin(user: User) -> None:
    if not (user.is_superuser or user.role == User.Role.COUNTY_ADMIN):
        raise PermissionDenied(_("只有县级管理员可以执行。"))


PERIOD_SCHEMA = {"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2024-05", "description": "月份 YYYY-MM"}


@extend_schema_field(PERIOD_SCHEMA)
class PeriodField(serializers.DateField):
    """A month, read as "YYYY-MM" (the first day of the month, stored as a date)."""

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m", **kwargs)


@extend_schema_field(PERIOD_SCHEMA)
class PeriodInputField(serializers.CharField):
    """A month the client sends, "YYYY-MM" (checked by the one month parser, plan.periods)."""


@extend_schema_field(PERIOD_SCHEMA)
class PeriodFilter(django_filters.CharFilter):
    """?period=YYYY-MM."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("月份 YYYY-MM"))
        super().__init__(**kwargs)

    def filter(self, qs, value):
        return qs.filter(period=parse_period(value).first_day) if value else qs


def parse_period(value: str) -> Month:
    try:
        return Month.parse(value)
    except ValidationError as error:
        raise serializers.ValidationError({"period": error.messages}) from error


def conditional_answer(request, respond) -> Response:
    """``respond()``'s answer with an ETag / Last-Modified from the newest complete snapshot and
    the latest ranking publication step; 304 when the client already has it."""
    latest = SnapshotRun.objects.complete().aggregate(last=Max("finished_at"), run=Max("pk"))
    # Publishing or withdrawing a month changes what the ranking (and M1.ranking) answers.
    step = RankingPublication.history.aggregate(last=Max("history_date"), step=Max("history_id"))
    version = f"{latest['run']}:{latest['last']}:{step['step']}"
    tag = hashlib.sha256(f"{version}:{request.user.pk}:{request.get_full_path()}".encode())
    etag = f'"{tag.hexdigest()[:32]}"'
    last = max((moment for moment in (latest["last"], step["last"]) if moment), default=None)
    modified = int(last.timestamp()) if last else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
    if not_modified is not None:
        return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
    response = respond()
    response["ETag"] = etag
    if modified:
        response["Last-Modified"] = http_date(modified)
    return response


class SnapshotConditionalMixin:
    """ETag / Last-Modified from the newest complete snapshot; 304 when the client is current."""

    def list(self, request, *args, **kwargs):
        return conditional_answer(request, lambda: super(SnapshotConditionalMixin, self).list(request, *args, **kwargs))


def whole_list(name: str, serializer: serializers.Serializer):
    """The schema of a list answered whole, in the shape of a page (``next``/``previous`` null)."""
    return inline_serializer(
        name,
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer,
        },
    )


# --- Indicators -----------------------------------------------------------------------------


class IndicatorSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField()
    owner_app = serializers.CharField()
    kind = serializers.CharField()
    ratio = serializers.BooleanField()
    supports_departments = serializers.BooleanField()
    higher_is_better = serializers.BooleanField()


class IndicatorListView(APIView):
    """指标: every indicator the portal's modules measure."""

    @extend_schema(
        responses=whole_list("IndicatorList", IndicatorSerializer(many=True)),
        description="所有指标,一次答全:与分页接口同形(count、next、previous 为 null、results)。",
    )
    def get(self, request):
        rows = IndicatorSerializer(list(registry), many=True).data
        return Response({"count": len(rows), "next": None, "previous": None, "results": rows})


class IndicatorValueFilterSet(django_filters.FilterSet):
    period = PeriodFilter()
    region = django_filters.NumberFilter(field_name="region_id", label=_("区划ID"))
    department = django_filters.NumberFilter(field_name="department_id", label=_("部门ID"))

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "period", "region", "department"]


class IndicatorValueSerializer(serializers.ModelSerializer):
    period = PeriodField()
    region_name = serializers.CharField(source="region.name", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True, default=None)

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "period",
            "region",
            "region_name",
            "department",
            "department_name",
            "value",
            "numerator",
            "denominator",
            "detail",
        ]


class IndicatorValueViewSet(SnapshotConditionalMixin, ScopedReadOnlyViewSet):
    """指标值: monthly values from complete snapshots, within the caller's area."""

    queryset = IndicatorValue.objects.filter(run__status=SnapshotRun.Status.COMPLETE).select_related(
        "region", "department"
    )
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilterSet


# --- Rankings -------------------------------------------------------------------------------


class RankingFilterSet(django_filters.FilterSet):
    period = PeriodFilter()
    kind = django_filters.ChoiceFilter(
        field_name="scheme__kind", choices=[("township", _("乡镇")), ("department", _("部门"))], label=_("排名对象")
    )

    class Meta:
        model = RankingRow
        fields = ["period", "kind", "flagged"]


class RankingRowSerializer(serializers.ModelSerializer):
    period = PeriodField()
    kind = serializers.CharField(source="scheme.kind")
    scheme = serializers.CharField(source="scheme.name")
    unit = serializers.CharField(source="unit.__str__")
    rank_change = serializers.IntegerField(allow_null=True)
    published = serializers.BooleanField(source="is_published", help_text="已发布;否则为草稿(仅县级管理员可见)")
    reported = serializers.IntegerField(help_text="报送的指标项数(并列时的第一依据)")
    not_reported = serializers.ListField(child=serializers.CharField(), help_text="未报送的指标")
    tie_rule = serializers.SerializerMethodField(help_text="并列规则")

    class Meta:
        model = RankingRow
        fields = [
            "period",
            "kind",
            "scheme",
            "unit",
            "region",
            "department",
            "score",
            "rank",
            "previous_rank",
            "rank_change",
            "flagged",
            "flag_reason",
            "published",
            "reported",
            "not_reported",
            "tie_rule",
            "breakdown",
        ]

    def get_tie_rule(self, row: RankingRow) -> str:
        return str(TIE_RULE)


class PublishRequestSerializer(serializers.Serializer):
    period = PeriodInputField()


class WithdrawRequestSerializer(PublishRequestSerializer):
    reason = serializers.CharField(help_text="撤回原因(必填,不超过200字)", allow_blank=True)


class RankingPublicationSerializer(serializers.ModelSerializer):
    period = PeriodField()
    published = serializers.BooleanField(source="is_published")
    published_by = serializers.StringRelatedField()
    withdrawn_by = serializers.StringRelatedField()

    class Meta:
        model = RankingPublication
        fields = [
            "period",
            "published",
            "published_at",
            "published_by",
            "withdrawn_at",
            "withdrawn_by",
            "withdraw_reason",
        ]


class RankingViewSet(SnapshotConditionalMixin, ScopedReadOnlyViewSet):
    """综合评价月排名 of townships or departments, with each unit's breakdown: published months for
    everyone; county administrators also read the month's draft, and publish or withdraw it."""

    queryset = RankingRow.objects.complete().with_publication().select_related("scheme", "region", "department")
    serializer_class = RankingRowSerializer
    filterset_class = RankingFilterSet

    @extend_schema(request=PublishRequestSerializer, responses=RankingPublicationSerializer)
    @action(detail=False, methods=["post"], filterset_class=None, pagination_class=None)
    def publish(self, request):
        """发布 a month's draft ranking (county administrators only); 区域挂牌 notices go out now."""
        form = PublishRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        period = parse_period(form.validated_data["period"])
        return Response(
            RankingPublicationSerializer(publication.publish_ranking(period=period, actor=request.user)).data
        )

    @extend_schema(request=WithdrawRequestSerializer, responses=RankingPublicationSerializer)
    @action(detail=False, methods=["post"], filterset_class=None, pagination_class=None)
    def withdraw(self, request):
        """撤回 a published month's ranking with a reason (county administrators only)."""
        form = WithdrawRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        period, reason = parse_period(form.validated_data["period"]), form.validated_data["reason"]
        withdrawn = publication.withdraw_ranking(period=period, actor=request.user, reason=reason)
        return Response(RankingPublicationSerializer(withdrawn).data)


# --- Attainment -----------------------------------------------------------------------------


class AttainmentSerializer(serializers.Serializer):
    code = serializers.CharField(source="target.code")
    text = serializers.CharField(source="target.text")
    goal = serializers.CharField(source="target.goal")
    part = serializers.CharField(source="target.part.code")
    status = serializers.CharField(source="status.code")
    status_label = serializers.CharField(source="status.label")
    period = PeriodField(source="latest.period", default=None, allow_null=True)
    value = serializers.DecimalField(source="latest.value", max_digits=16, decimal_places=2, default=None)
    numerator = serializers.DecimalField(source="latest.numerator", max_digits=16, decimal_places=2, default=None)
    denominator = serializers.DecimalField(source="latest.denominator", max_digits=16, decimal_places=2, default=None)
    trend = serializers.SerializerMethodField()

    def get_trend(self, item) -> list[dict]:
        return [{"period": day.strftime("%Y-%m"), "value": None if v is None else str(v)} for day, v in item.trend]


class AttainmentView(APIView):
    """目标达成: every target of a year's plan — 达成 / 未达成 / 暂无数据 / 未接入 — with its trend."""

    @extend_schema(
        parameters=[OpenApiParameter("year", int, required=True)],
        responses={200: whole_list("AttainmentList", AttainmentSerializer(many=True)), 304: None},
        description="带 ETag 与 Last-Modified;以 If-None-Match / If-Modified-Since 再次请求,数据未变时答 304。",
    )
    def get(self, request):
        try:
            plan = WorkPlan.objects.get(year=int(request.query_params.get("year", "")))
        except (ValueError, OverflowError, WorkPlan.DoesNotExist):
            return Response({"year": [_("没有该年度的工作计划。")]}, status=400)
        return conditional_answer(request, lambda: self.answer(plan, request.user))

    def answer(self, plan: WorkPlan, user: User) -> Response:
        rows = AttainmentSerializer(attainment(plan, user=user), many=True).data
        return Response({"count": len(rows), "next": None, "previous": None, "results": rows})


# --- Jobs: snapshots and workbooks -----------------------------------------------------------


class PeriodRequestSerializer(serializers.Serializer):
    period = PeriodInputField()


class SnapshotRunSerializer(serializers.ModelSerializer):
    period = PeriodField()
    percent = serializers.IntegerField()
    withdrawn_by = serializers.StringRelatedField()

    class Meta:
        model = SnapshotRun
        fields = [
            "id",
            "period",
            "status",
            "done",
            "total",
            "percent",
            "started_at",
            "finished_at",
            "withdrawn_at",
            "withdrawn_by",
            "withdraw_reason",
        ]


class SnapshotWithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="撤回原因(必填,不超过200字);排名与区域挂牌通知随之撤回")


class SnapshotViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """月度快照 jobs: county administrators start one for any month and poll its progress."""

    queryset = SnapshotRun.objects.all()
    serializer_class = SnapshotRunSerializer

    def get_queryset(self):
        require_county_admin(self.request.user)
        return super().get_queryset()

    @extend_schema(request=PeriodRequestSerializer, responses={202: SnapshotRunSerializer})
    def create(self, request, *args, **kwargs):
        require_county_admin(request.user)
        form = PeriodRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        run = snapshots.start_snapshot(period=parse_period(form.validated_data["period"]), requested_by=request.user)
        run.refresh_from_db()
        return Response(SnapshotRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=SnapshotWithdrawSerializer, responses=SnapshotRunSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """撤回 a month's complete snapshot with a reason (county administrators only): its values,
        its ranking and its 区域挂牌 notices are withdrawn; the run is kept with the reason."""
        form = SnapshotWithdrawSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        run = snapshots.withdraw_snapshot(
            run=self.get_object(), actor=request.user, reason=form.validated_data["reason"]
        )
        return Response(SnapshotRunSerializer(run).data)


class WorkbookSerializer(serializers.ModelSerializer):
    period = PeriodField()
    percent = serializers.IntegerField()
    download = serializers.SerializerMethodField()
    report = serializers.SerializerMethodField(help_text="月度通报 (.docx)")

    class Meta:
        model = MonthlyWorkbook
        fields = ["id", "period", "status", "rows_written", "rows_total", "percent", "created_at", "download", "report"]

    def get_download(self, workbook: MonthlyWorkbook) -> str | None:
        if workbook.status != MonthlyWorkbook.Status.COMPLETE:
            return None
        return reverse("plan:monthly-workbook", kwargs={"period": workbook.period.strftime("%Y-%m")})

    def get_report(self, workbook: MonthlyWorkbook) -> str | None:
        if workbook.status != MonthlyWorkbook.Status.COMPLETE or not workbook.report:
            return None
        return reverse("plan:monthly-report", kwargs={"period": workbook.period.strftime("%Y-%m")})


class WorkbookViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """月度工作簿: list the stored workbooks, or have one made on demand and poll its progress."""

    queryset = MonthlyWorkbook.objects.all()
    serializer_class = WorkbookSerializer

    def get_queryset(self):
        if not self.request.user.is_county_level:
            raise PermissionDenied(_("月度工作簿仅供县级查看。"))
        return super().get_queryset()

    @extend_schema(request=PeriodRequestSerializer, responses={202: WorkbookSerializer})
    def create(self, request, *args, **kwargs):
        require_county_admin(request.user)
        form = PeriodRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        workbook = workbooks.start(period=parse_period(form.validated_data["period"]), requested_by=request.user)
        workbook.refresh_from_db()
        return Response(WorkbookSerializer(workbook).data, status=status.HTTP_202_ACCEPTED)
