from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from governance.models import (
    Agency,
    AgencyAssessment,
    AgencyGrade,
    Alliance,
    AllianceActivity,
    Committee,
    ExpertVisit,
    Interview,
    InterviewFollowUp,
    InterviewProposal,
    ServiceLog,
    SupervisionTask,
    TaskProgress,
)
from org import choices
from org.api.choices import ScopedChoicesMixin
from org.models import Department, Enterprise


def _departments(user):
    return Department.objects.visible_to(user)


def _enterprises(user):
    return Enterprise.objects.visible_to(user)


class CommitteeSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {
        "parent": lambda user: Committee.objects.visible_to(user),
        "region": choices.command_regions,
        "lead_department": _departments,
        "member_departments": _departments,
    }
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    open_tasks = serializers.SerializerMethodField()

    class Meta:
        model = Committee
        fields = ["id", "kind", "kind_display", "name", "parent", "region", "lead_department",
                  "member_departments", "duties", "sort_order", "open_tasks"]  # fmt: skip

    def get_open_tasks(self, committee: Committee) -> int:
        return getattr(committee, "open_task_count", 0)


class EvidenceSerializer(serializers.Serializer):
    """A checked photo or file; ``url`` serves it to those who may see its row."""

    id = serializers.IntegerField(read_only=True)
    original_name = serializers.CharField(read_only=True)
    content_type = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)


class TaskProgressSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.get_username", default="", read_only=True)
    files = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = TaskProgress
        fields = ["id", "on", "text", "evidence", "files", "actor", "at"]
        read_only_fields = ["actor", "at"]


class SupervisionTaskSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {
        "committee": lambda user: Committee.objects.visible_to(user),
        "department": _departments,
        "township": choices.townships,
    }
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    assignee_name = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    township_name = serializers.CharField(source="township.name", read_only=True, default=None)

    class Meta:
        model = SupervisionTask
        fields = ["id", "committee", "meeting", "title", "description", "assignee_kind", "department", "township", "township_name",
                  "assignee_name", "assigned_on", "deadline", "status", "status_display", "completed_on", "overdue"]  # fmt: skip
        read_only_fields = ["status", "completed_on"]

    def get_assignee_name(self, task: SupervisionTask) -> str:
        return str(task.assignee or "")

    def get_overdue(self, task: SupervisionTask) -> bool:
        return task.is_overdue(on=timezone.localdate())


class TaskUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupervisionTask
        fields = ["title", "description", "deadline"]


class CompleteSerializer(serializers.Serializer):
    completed_on = serializers.DateField(label=_("办结日期"))


class FollowUpSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.get_username", default="", read_only=True)
    files = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = InterviewFollowUp
        fields = ["id", "on", "text", "files", "actor", "at"]
        read_only_fields = ["actor", "at"]


class InterviewSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"township": choices.townships, "department": _departments, "enterprise": _enterprises}
    unit_name = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    follow_ups = FollowUpSerializer(many=True, read_only=True)
    township_name = serializers.CharField(source="township.name", read_only=True, default=None)

    class Meta:
        model = Interview
        fields = ["id", "level", "unit_kind", "township", "township_name", "department", "enterprise", "unit_name", "reason",
                  "reason_detail", "held_on", "attendees", "rectification", "rectification_due", "status",
                  "status_display", "closed_on", "follow_ups"]  # fmt: skip
        read_only_fields = ["status", "closed_on"]

    def get_unit_name(self, interview: Interview) -> str:
        return str(interview.unit or "")


class InterviewUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Interview
        fields = ["level", "reason", "reason_detail", "held_on", "attendees", "rectification", "rectification_due"]


class CloseSerializer(serializers.Serializer):
    closed_on = serializers.DateField(label=_("销号日期"))


class ProposalSerializer(serializers.ModelSerializer):
    unit_name = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    reason_display = serializers.CharField(source="get_reason_display", read_only=True)
    township_name = serializers.CharField(source="township.name", read_only=True, default=None)

    class Meta:
        model = InterviewProposal
        fields = ["id", "period", "unit_kind", "township", "township_name", "department", "unit_name", "reason", "reason_display",
                  "reason_detail", "status", "status_display", "dismiss_reason", "interview", "decided_at"]  # fmt: skip
        read_only_fields = fields

    def get_unit_name(self, proposal: InterviewProposal) -> str:
        return str(proposal.unit or "")


class ProposalConfirmSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=Interview.Level.choices, label=_("约谈层级"))
    held_on = serializers.DateField(label=_("约谈日期"))
    attendees = serializers.CharField(required=False, allow_blank=True, default="", label=_("参加人员"))
    rectification = serializers.CharField(label=_("整改要求"))
    rectification_due = serializers.DateField(label=_("整改期限"))


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(label=_("原因"))


class DatedReasonSerializer(ReasonSerializer):
    on = serializers.DateField(label=_("日期"))


class ProposeSerializer(serializers.Serializer):
    period = serializers.RegexField(r"^\d{4}-\d{2}$", label=_("月份"), help_text=_("YYYY-MM"))


class AllianceActivitySerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = AllianceActivity
        fields = ["id", "kind", "kind_display", "held_on", "topic", "findings"]


class AllianceSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"township": choices.townships, "lead_enterprise": _enterprises, "members": _enterprises}
    activities = AllianceActivitySerializer(many=True, read_only=True)
    township_name = serializers.CharField(source="township.name", read_only=True, default=None)

    class Meta:
        model = Alliance
        fields = ["id", "name", "kind", "township", "township_name", "industry", "lead_enterprise", "members", "founded_on",
                  "notes", "activities"]  # fmt: skip


class AssessmentSerializer(serializers.ModelSerializer):
    half_display = serializers.CharField(source="get_half_display", read_only=True)

    class Meta:
        model = AgencyAssessment
        fields = ["year", "half", "half_display", "score", "assessor", "assessed_on"]


class GradeSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgencyGrade
        fields = ["year", "grade", "graded_by", "graded_on"]


class AgencySerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"region": choices.command_regions}
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    assessments = AssessmentSerializer(many=True, read_only=True)
    grades = GradeSerializer(many=True, read_only=True)

    class Meta:
        model = Agency
        fields = ["id", "name", "credit_code", "category", "engineers", "enterprises_served",
                  "qualification_expires", "region", "status", "status_display", "blacklisted_on",
                  "blacklist_reason", "exited_on", "exit_reason", "notes", "assessments", "grades"]  # fmt: skip
        read_only_fields = ["status", "blacklisted_on", "blacklist_reason", "exited_on", "exit_reason"]
        extra_kwargs = {"region": {"required": False}, "credit_code": {"validators": []}}


class AssessRequestSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, label=_("年度"))
    half = serializers.ChoiceField(choices=AgencyAssessment.Half.choices, label=_("半年度"))
    score = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100, label=_("考核得分"))
    assessor = serializers.CharField(required=False, allow_blank=True, default="", label=_("考核人"))
    assessed_on = serializers.DateField(required=False, label=_("考核日期"))


class GradeRequestSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, label=_("年度"))
    grade = serializers.ChoiceField(choices=AgencyGrade.Grade.choices, label=_("等级"))
    graded_by = serializers.CharField(required=False, allow_blank=True, default="", label=_("评定人"))
    graded_on = serializers.DateField(required=False, label=_("评定日期"))


class ServiceLogSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"agency": lambda user: Agency.objects.visible_to(user), "enterprise": _enterprises}
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = ServiceLog
        fields = ["id", "agency", "agency_name", "enterprise", "enterprise_name", "served_on", "service",
                  "findings", "hazards_reported"]  # fmt: skip


class ExpertVisitSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"enterprise": _enterprises}
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = ExpertVisit
        fields = ["id", "kind", "visited_on", "enterprise", "enterprise_name", "expert", "topics"]
