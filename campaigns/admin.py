from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from campaigns import models


@admin.register(models.ActivityKind)
class ActivityKindAdmin(admin.ModelAdmin):
    """活动形式: the bureau adds forms here (e.g. 消防运动会); inactive ones are no longer offered."""

    list_display = ["name", "sort_order", "active"]
    list_editable = ["sort_order", "active"]


@admin.register(models.Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "township", "title", "kind", "category", "participants"]
    list_filter = ["category", "kind", "township"]
    search_fields = ["title", "organiser"]
    readonly_fields = ["created_by"]


@admin.register(models.Video)
class VideoAdmin(SimpleHistoryAdmin):
    list_display = ["title", "region", "producer", "made_on", "published", "published_on"]
    list_filter = ["published"]


@admin.register(models.PublicPlace)
class PublicPlaceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "township", "kind"]
    list_filter = ["kind", "township"]


@admin.register(models.Resource)
class ResourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "region", "kind", "published", "slug"]
    list_filter = ["kind", "published"]


@admin.register(models.ServiceTeamMember)
class ServiceTeamMemberAdmin(SimpleHistoryAdmin):
    list_display = ["name", "township", "skills", "active"]


@admin.register(models.Site)
class SiteAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "township", "lat", "lng"]
    list_filter = ["kind"]
