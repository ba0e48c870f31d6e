from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hazards3030 import models


class TransitionInline(admin.TabularInline):
    model = models.HazardTransition
    extra = 0
    readonly_fields = ["from_status", "to_status", "actor", "note", "at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Hazard)
class HazardAdmin(SimpleHistoryAdmin):
    """Read-mostly: the loop's steps go through the portal's pages, which record them."""

    list_display = ["id", "township", "enterprise", "level", "status", "found_on", "deadline"]
    list_filter = ["township", "level", "status", "source", "category"]
    search_fields = ["description", "enterprise__name"]
    readonly_fields = ["status", "submitted_at", "closed_at", "overdue_marked_on", "created_by"]
    inlines = [TransitionInline]


@admin.register(models.Supervision)
class SupervisionAdmin(SimpleHistoryAdmin):
    list_display = ["hazard", "level", "issuing_body", "listed_on", "acceptance_due", "closed_on"]


@admin.register(models.Batch3030)
class Batch3030Admin(admin.ModelAdmin):
    list_display = ["unit_kind", "region", "department", "opened_on", "closes_on", "target_count"]
    list_filter = ["unit_kind"]


@admin.register(models.EscalationNotice)
class EscalationNoticeAdmin(admin.ModelAdmin):
    list_display = ["hazard", "township", "audience", "recipient", "created_at", "read_at"]


@admin.register(models.Accident)
class AccidentAdmin(SimpleHistoryAdmin):
    list_display = ["occurred_on", "township", "industry", "level", "deaths", "injuries", "spot_checked"]
    list_filter = ["level", "industry", "spot_checked"]
