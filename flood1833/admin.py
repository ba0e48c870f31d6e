from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from flood1833 import models


@admin.register(models.ResponseEvent)
class ResponseEventAdmin(SimpleHistoryAdmin):
    """Read-mostly: stages change on the event's page, which opens the measures and transfers."""

    list_display = ["name", "kind", "region", "stage", "started_at", "ended_at"]
    readonly_fields = ["stage", "created_by"]


@admin.register(models.ZoneRule)
class ZoneRuleAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "stage_order"]


@admin.register(models.DangerZone)
class DangerZoneAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "village"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(models.Shelter)
class ShelterAdmin(SimpleHistoryAdmin):
    list_display = ["name", "township", "village", "capacity", "manager_name", "manager_phone"]
    list_filter = ["township"]
    search_fields = ["name"]


@admin.register(models.TransferPerson)
class TransferPersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "village", "zone", "responsible"]
    search_fields = ["name", "id_number"]
    raw_id_fields = ["village", "zone", "responsible"]


@admin.register(models.Transfer)
class TransferAdmin(admin.ModelAdmin):
    """Read-only: every change is a confirmation recorded with who, when and where."""

    list_display = ["person", "event", "status", "shelter", "updated_at", "updated_by"]
    list_filter = ["status"]
    raw_id_fields = ["person", "shelter", "village", "township"]
    readonly_fields = ["status", "shelter", "location", "updated_at", "updated_by"]


@admin.register(models.DutyShift)
class DutyShiftAdmin(SimpleHistoryAdmin):
    list_display = ["group", "officer", "region", "starts_at", "ends_at"]


@admin.register(models.RollCall)
class RollCallAdmin(admin.ModelAdmin):
    list_display = ["region", "sent_at", "sent_by", "answer_within_minutes"]


@admin.register(models.Incident)
class IncidentAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "township",
        "level",
        "occurred_at",
        "verbal_reported_at",
        "system_reported_at",
        "verbal_breached_at",
        "system_breached_at",
    ]
    list_filter = ["level"]
    readonly_fields = ["verbal_breached_at", "system_breached_at"]


@admin.register(models.IncidentNotice)
class IncidentNoticeAdmin(admin.ModelAdmin):
    list_display = ["message", "township", "clock", "created_at", "read_at"]
    list_filter = ["clock"]
    raw_id_fields = ["incident"]


@admin.register(models.Depot)
class DepotAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "region"]


@admin.register(models.DepotItem)
class DepotItemAdmin(SimpleHistoryAdmin):
    list_display = ["name", "depot", "quantity", "unit"]
