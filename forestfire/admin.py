from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from forestfire import models


@admin.register(models.Hotspot)
class HotspotAdmin(SimpleHistoryAdmin):
    """Read-mostly: hotspots arrive through the feed, the sheet or the form, and are verified on the phone page."""

    list_display = ["code", "township", "received_at", "verified_at", "result", "breached_at"]
    list_filter = ["result", "township"]
    search_fields = ["code"]
    readonly_fields = ["breached_at", "verified_by"]


@admin.register(models.HotspotNotice)
class HotspotNoticeAdmin(admin.ModelAdmin):
    list_display = ["message", "audience", "region", "created_at", "read_at"]


@admin.register(models.ForestFire)
class ForestFireAdmin(SimpleHistoryAdmin):
    list_display = ["township", "place", "reported_at", "first_arrived_at", "extinguished_at", "burned_area"]
    list_filter = ["township"]


@admin.register(models.FireSourceCheck)
class FireSourceCheckAdmin(SimpleHistoryAdmin):
    list_display = ["checked_on", "kind", "township", "place"]
    list_filter = ["kind", "township"]


@admin.register(models.ForestRisk)
class ForestRiskAdmin(SimpleHistoryAdmin):
    list_display = ["township", "description", "owner", "due_on", "done_on"]
    list_filter = ["township"]
