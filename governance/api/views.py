from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from governance import importers, services
from governance.api.serializers import (
    AgencySerializer,
    AllianceActivitySerializer,
    AllianceSerializer,
    AssessmentSerializer,
    AssessRequestSerializer,
    CloseSerializer,
    CommitteeSerializer,
    CompleteSerializer,
    DatedReasonSerializer,
    ExpertVisitSerializer,
    FollowUpSerializer,
    GradeRequestSerializer,
    GradeSerializer,
    InterviewSerializer,
    InterviewUpdateSerializer,
    ProposalConfirmSerializer,
    ProposalSerializer,
    ProposeSerializer,
    ReasonSerializer,
    ServiceLogSerializer,
    SupervisionTaskSerializer,
    TaskProgressSerializer,
    TaskUpdateSerializer,
)
from governance.filtersets import (
    AgencyFilterSet,
    AllianceFilterSet,
    CommitteeFilterSet,
    InterviewFilterSet,
    ProposalFilterSet,
    ServiceLogFilterSet,
    SupervisionTaskFilterSet,
)
from governance.models import (
    Agency,
    Alliance,
    Committee,
    ExpertVisit,
    Interview,
    InterviewProposal,
    ServiceLog,
    SupervisionTask,
)
from org.access import require
from org.api.ledgers import LedgerImportMixin
from org.api.viewsets import ScopedCreateViewSet, ScopedReadOnlyViewSet, ScopedViewSet, ServiceSaveMixin
from plan.periods import Month


def _body(serializer_class, request) -> dict:
    form = serializer_class(data=request.data)
    form.is_valid(raise_exception=True)
    return form.validated_data


class EditedThroughServiceMixin:
    """PATCH (and PUT, as a partial edit) through the app's update service."""

    update_serializer = None
    update_service = None
    instance_kwarg = ""

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return self.update_serializer
        return super().get_serializer_class()

    def partial_update(self, request, *args, **kwargs):
        record = self.get_object()
        form = self.update_serializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        record = type(self).update_service(actor=request.user, **{self.instance_kwarg: record}, **form.validated_data)
        return Response(self._read(record))

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def _read(self, record) -> dict:
        fresh = self.get_queryset().get(pk=record.pk)
        return self.serializer_class(fresh, context=self.get_serializer_context()).data


class CommitteeViewSet(ServiceSaveMixin, ScopedViewSet):
    """“1+9+N” committees: 安委会, 专委会 and key areas, with their open 督办事项."""

    queryset = (
        Committee.objects.select_related("region", "lead_department")
        .prefetch_related("member_departments")
        .annotate(open_task_count=Count("tasks", filter=Q(tasks__status=SupervisionTask.Status.OPEN)))
        .order_by("sort_order", "id")
    )
    serializer_class = CommitteeSerializer
    filterset_class = CommitteeFilterSet
    save_service = staticmethod(services.save_committee)
    instance_kwarg = "committee"


class SupervisionTaskViewSet(EditedThroughServiceMixin, ScopedViewSet):
    """督办事项: assigned by a committee; progress (with photos or files) from the assignee; 办结 by the county."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]
    queryset = SupervisionTask.objects.select_related("department", "township")
    serializer_class = SupervisionTaskSerializer
    filterset_class = SupervisionTaskFilterSet
    update_serializer = TaskUpdateSerializer
    update_service = staticmethod(services.update_task)
    instance_kwarg = "task"

    def perform_create(self, serializer):
        serializer.instance = services.assign_task(actor=self.request.user, **serializer.validated_data)

    @extend_schema(request=TaskProgressSerializer, responses=TaskProgressSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        """报送办理进展 (the assignee or the county)."""
        task = self.get_object()
        files = request.FILES.getlist("files")
        body = _body(TaskProgressSerializer, request)
        progress = services.report_progress(actor=request.user, task=task, files=files, **body)
        return Response(TaskProgressSerializer(progress).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CompleteSerializer, responses=SupervisionTaskSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        """办结 (county administrators)."""
        task = self.get_object()  # scope first: out of scope is a 404 whatever the body says
        task = services.complete_task(actor=request.user, task=task, **_body(CompleteSerializer, request))
        return Response(self._read(task))


class InterviewViewSet(EditedThroughServiceMixin, ScopedViewSet):
    """分级分类约谈 and their follow-ups (with photos or files) until closed (销号)."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]
    queryset = Interview.objects.select_related("township", "department", "enterprise").prefetch_related(
        "follow_ups__files"
    )
    serializer_class = InterviewSerializer
    filterset_class = InterviewFilterSet
    update_serializer = InterviewUpdateSerializer
    update_service = staticmethod(services.update_interview)
    instance_kwarg = "interview"

    def perform_create(self, serializer):
        serializer.instance = services.register_interview(actor=self.request.user, **serializer.validated_data)

    @extend_schema(request=FollowUpSerializer, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        """整改跟踪 (the county or the unit interviewed)."""
        interview = self.get_object()
        data = _body(FollowUpSerializer, request)
        files = request.FILES.getlist("files")
        follow_up = services.follow_up_interview(actor=request.user, interview=interview, files=files, **data)
        return Response(FollowUpSerializer(follow_up).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CloseSerializer, responses=InterviewSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """销号 (county administrators, after a follow-up)."""
        interview = self.get_object()
        interview = services.close_interview(actor=request.user, interview=interview, **_body(CloseSerializer, request))
        return Response(self._read(interview))


class InterviewProposalViewSet(ScopedReadOnlyViewSet):
    """约谈建议 of each month from its published data; a county administrator confirms or dismisses each."""

    queryset = InterviewProposal.objects.select_related("township", "department")
    serializer_class = ProposalSerializer
    filterset_class = ProposalFilterSet

    @extend_schema(request=ProposalConfirmSerializer, responses=InterviewSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """确认约谈: the interview is registered."""
        proposal = self.get_object()
        interview = services.confirm_proposal(
            actor=request.user, proposal=proposal, **_body(ProposalConfirmSerializer, request)
        )
        interview = Interview.objects.visible_to(request.user).get(pk=interview.pk)
        return Response(InterviewSerializer(interview, context=self.get_serializer_context()).data, status=201)

    @extend_schema(request=ReasonSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        """不予约谈, with the reason."""
        proposal = self.get_object()
        proposal = services.dismiss_proposal(actor=request.user, proposal=proposal, **_body(ReasonSerializer, request))
        return Response(ProposalSerializer(proposal).data)

    @extend_schema(request=ProposeSerializer, responses={200: {"type": "object"}})
    @action(detail=False, methods=["post"])
    def propose(self, request):
        """Proposes the month's candidates now (the daily job does the same); a draft month proposes nothing."""
        require(services.can_keep_registers(request.user), _("只有县级管理员可以生成约谈建议。"))
        period = Month.parse(_body(ProposeSerializer, request)["period"])
        return Response({"created": services.propose_interviews(period=period)})


class AllianceViewSet(ServiceSaveMixin, ScopedViewSet):
    """互助联盟: members from the enterprise register, and their joint activities."""

    queryset = Alliance.objects.select_related("township", "lead_enterprise").prefetch_related("members", "activities")
    serializer_class = AllianceSerializer
    filterset_class = AllianceFilterSet
    save_service = staticmethod(services.save_alliance)
    instance_kwarg = "alliance"

    @extend_schema(request=AllianceActivitySerializer, responses=AllianceActivitySerializer)
    @action(detail=True, methods=["post"])
    def activities(self, request, pk=None):
        """记录联盟活动 (互学、互查、互助、互保)."""
        alliance = self.get_object()
        activity = services.record_activity(
            actor=request.user, alliance=alliance, **_body(AllianceActivitySerializer, request)
        )
        return Response(AllianceActivitySerializer(activity).data, status=status.HTTP_201_CREATED)


class AgencyViewSet(LedgerImportMixin, ServiceSaveMixin, ScopedViewSet):
    """社会化服务机构 with their assessments and grades; blacklist and exit are actions."""

    importer = staticmethod(importers.import_agencies)
    queryset = Agency.objects.select_related("region").prefetch_related("assessments", "grades")
    serializer_class = AgencySerializer
    filterset_class = AgencyFilterSet
    save_service = staticmethod(services.save_agency)
    instance_kwarg = "agency"

    @extend_schema(request=AssessRequestSerializer, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        """半年度考核: the score for one half-year (上半年 1 = Jan–Jun, 下半年 2 = Jul–Dec)."""
        agency = self.get_object()
        data = {"assessed_on": timezone.localdate(), **_body(AssessRequestSerializer, request)}
        assessment = services.assess_agency(actor=request.user, agency=agency, **data)
        return Response(AssessmentSerializer(assessment).data)

    @extend_schema(request=GradeRequestSerializer, responses=GradeSerializer)
    @action(detail=True, methods=["post"])
    def grade(self, request, pk=None):
        """年终考评定级 (A–D)."""
        agency = self.get_object()
        data = {"graded_on": timezone.localdate(), **_body(GradeRequestSerializer, request)}
        return Response(GradeSerializer(services.grade_agency(actor=request.user, agency=agency, **data)).data)

    @extend_schema(request=DatedReasonSerializer, responses=AgencySerializer)
    @action(detail=True, methods=["post"])
    def blacklist(self, request, pk=None):
        """列入黑名单, with the reason and date: no new service logs from then on."""
        agency = self.get_object()
        agency = services.blacklist_agency(actor=request.user, agency=agency, **_body(DatedReasonSerializer, request))
        return Response(AgencySerializer(self.get_queryset().get(pk=agency.pk), context={"request": request}).data)

    @extend_schema(request=DatedReasonSerializer, responses=AgencySerializer)
    @action(detail=True, methods=["post"], url_path="exit")
    def exit_register(self, request, pk=None):
        """退出, with the reason and date (final)."""
        agency = self.get_object()
        agency = services.exit_agency(actor=request.user, agency=agency, **_body(DatedReasonSerializer, request))
        return Response(AgencySerializer(self.get_queryset().get(pk=agency.pk), context={"request": request}).data)


class ServiceLogViewSet(ScopedCreateViewSet):
    """服务记录 (一企一档): refused for a blacklisted or exited agency."""

    queryset = ServiceLog.objects.select_related("agency", "enterprise")
    serializer_class = ServiceLogSerializer
    filterset_class = ServiceLogFilterSet

    def perform_create(self, serializer):
        serializer.instance = services.log_service(actor=self.request.user, **serializer.validated_data)


class ExpertVisitViewSet(ScopedCreateViewSet):
    """专家“面对面”指导与送教上门."""

    queryset = ExpertVisit.objects.select_related("enterprise")
    serializer_class = ExpertVisitSerializer
    filterset_fields = ["kind", "enterprise"]

    def perform_create(self, serializer):
        serializer.instance = services.record_expert_visit(actor=self.request.user, **serializer.validated_data)
