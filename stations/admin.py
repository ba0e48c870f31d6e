from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from stations import models


class GridWorkerInline(admin.TabularInline):
    model = models.GridWorker
    extra = 0


class EvaluationInline(admin.TabularInline):
    model = models.TeamEvaluation
    extra = 0


@admin.register(models.Station)
class StationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "township", "status", "built_on", "staff_count", "has_fire_team"]
    list_filter = ["status", "has_fire_team", "station_team_integrated"]
    search_fields = ["name", "township__name"]


@admin.register(models.Grid)
class GridAdmin(SimpleHistoryAdmin):
    list_display = ["name", "village", "covers_safety", "covers_fire", "covers_disaster"]
    list_filter = ["covers_safety", "covers_fire", "covers_disaster"]
    search_fields = ["name", "village__name"]
    inlines = [GridWorkerInline]


@admin.register(models.RescueTeam)
class RescueTeamAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "region", "leader", "members"]
    list_filter = ["kind"]
    search_fields = ["name", "leader"]
    inlines = [EvaluationInline]


@admin.register(models.MeasuredTravelTime)
class MeasuredTravelTimeAdmin(SimpleHistoryAdmin):
    list_display = ["region", "minutes", "source", "measured_on"]


@admin.register(models.EntrustedCase)
class EntrustedCaseAdmin(SimpleHistoryAdmin):
    list_display = ["township", "number", "decided_on", "case_type", "entrusted"]
    list_filter = ["entrusted", "township"]


@admin.register(models.LinkageAgreement)
class LinkageAgreementAdmin(SimpleHistoryAdmin):
    list_display = ["partner", "title", "signed_on", "region"]
