from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from governance import models


class TaskProgressInline(admin.TabularInline):
    model = models.TaskProgress
    extra = 0
    readonly_fields = ["on", "text", "evidence", "actor", "at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class FollowUpInline(admin.TabularInline):
    model = models.InterviewFollowUp
    extra = 0
    readonly_fields = ["on", "text", "actor", "at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "region", "lead_department", "sort_order"]
    list_filter = ["kind", "region"]
    search_fields = ["name"]
    filter_horizontal = ["member_departments"]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["committee", "held_on", "created_by"]
    list_filter = ["committee"]
    filter_horizontal = ["attendee_departments"]


@admin.register(models.SupervisionTask)
class SupervisionTaskAdmin(SimpleHistoryAdmin):
    """Read-mostly: progress and 办结 go through the task's page, which checks who may."""

    list_display = ["title", "committee", "assignee_kind", "department", "township", "deadline", "status"]
    list_filter = ["status", "assignee_kind", "committee"]
    search_fields = ["title"]
    readonly_fields = ["status", "completed_on", "region", "created_by"]
    inlines = [TaskProgressInline]


@admin.register(models.TaskReminder)
class TaskReminderAdmin(admin.ModelAdmin):
    list_display = ["task", "stage", "created_at", "read_at"]
    list_filter = ["stage"]


@admin.register(models.Interview)
class InterviewAdmin(SimpleHistoryAdmin):
    """Read-mostly: follow-ups and 销号 go through the interview's page."""

    list_display = ["held_on", "level", "unit_kind", "township", "department", "enterprise", "reason", "status"]
    list_filter = ["level", "reason", "status", "unit_kind"]
    readonly_fields = ["status", "closed_on", "closed_by", "region", "created_by"]
    raw_id_fields = ["enterprise"]
    inlines = [FollowUpInline]


@admin.register(models.InterviewProposal)
class InterviewProposalAdmin(admin.ModelAdmin):
    list_display = ["period", "unit_kind", "township", "department", "reason", "status", "decided_by"]
    list_filter = ["status", "reason", "period"]
    readonly_fields = ["status", "decided_by", "decided_at", "interview", "region"]


@admin.register(models.Alliance)
class AllianceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "township", "industry", "lead_enterprise", "founded_on"]
    list_filter = ["kind", "township"]
    search_fields = ["name"]
    raw_id_fields = ["lead_enterprise", "members"]


@admin.register(models.AllianceActivity)
class AllianceActivityAdmin(admin.ModelAdmin):
    list_display = ["alliance", "kind", "held_on", "topic"]
    list_filter = ["kind"]


@admin.register(models.CompliancePilot)
class CompliancePilotAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "since"]
    raw_id_fields = ["enterprise"]


@admin.register(models.Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    """Blacklist and exit go through the agency's actions, which keep the reason and date."""

    list_display = ["name", "credit_code", "category", "engineers", "status", "qualification_expires"]
    list_filter = ["status", "category"]
    search_fields = ["name", "credit_code"]
    readonly_fields = ["status", "blacklisted_on", "blacklist_reason", "exited_on", "exit_reason"]


@admin.register(models.AgencyAssessment)
class AgencyAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "year", "half", "score", "assessor", "assessed_on"]
    list_filter = ["year", "half"]


@admin.register(models.AgencyGrade)
class AgencyGradeAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "year", "grade", "graded_by", "graded_on"]
    list_filter = ["year", "grade"]


@admin.register(models.ServiceLog)
class ServiceLogAdmin(admin.ModelAdmin):
    list_display = ["agency", "enterprise", "served_on", "service", "hazards_reported"]
    raw_id_fields = ["enterprise"]


@admin.register(models.ExpertVisit)
class ExpertVisitAdmin(admin.ModelAdmin):
    list_display = ["visited_on", "kind", "enterprise", "expert"]
    list_filter = ["kind"]
    raw_id_fields = ["enterprise"]
