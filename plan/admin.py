from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from org.views import call_service
from plan import models
from plan.registry import registry
from plan.services import copy_summary, copy_work_plan


class TargetInline(admin.TabularInline):
    model = models.Target
    extra = 0
    fields = ["code", "text", "kind", "threshold", "threshold_2", "unit", "goal", "owner_app", "sort_order"]


@admin.register(models.WorkPlan)
class WorkPlanAdmin(SimpleHistoryAdmin):
    list_display = ["year", "county", "title", "issued_by", "issued_on"]
    actions = ["copy_to_next_year"]

    @admin.action(description=_("复制为下一年度计划"))
    def copy_to_next_year(self, request, queryset):
        for plan in queryset.select_related("county"):
            year = plan.year + 1
            call_service(
                request,
                copy_work_plan,
                plan=plan,
                year=year,
                actor=request.user,
                success=copy_summary(plan=plan, year=year),
            )


class PlanPartAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "plan", "owner_app", "sort_order"]
    list_filter = ["plan"]
    inlines = [TargetInline]


admin.site.register(models.Focus, PlanPartAdmin)
admin.site.register(models.Action, PlanPartAdmin)
admin.site.register(models.Mechanism, PlanPartAdmin)


@admin.register(models.Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["code", "text", "kind", "threshold", "unit", "owner_app", "plan"]
    list_filter = ["plan", "kind", "owner_app"]
    search_fields = ["code", "text"]


@admin.register(models.Loop3030Rule)
class Loop3030RuleAdmin(SimpleHistoryAdmin):
    list_display = ["unit_kind", "target_count", "window_days"]


class StageMeasureInline(admin.TabularInline):
    model = models.StageMeasure
    extra = 0


@admin.register(models.ResponseStage)
class ResponseStageAdmin(SimpleHistoryAdmin):
    list_display = ["order", "name", "description", "is_lifted"]
    inlines = [StageMeasureInline]


@admin.register(models.ResponseLevel)
class ResponseLevelAdmin(SimpleHistoryAdmin):
    list_display = ["order", "name"]


@admin.register(models.StageMeasure)
class StageMeasureAdmin(SimpleHistoryAdmin):
    list_display = ["stage", "level", "order", "text"]
    list_filter = ["stage", "level"]


@admin.register(models.CommandGroup)
class CommandGroupAdmin(SimpleHistoryAdmin):
    list_display = ["order", "name", "duties"]


@admin.register(models.RescueCircle)
class RescueCircleAdmin(SimpleHistoryAdmin):
    list_display = ["area", "response_minutes", "arrival_minutes", "joint_minutes"]


@admin.register(models.ServiceLevel)
class ServiceLevelAdmin(SimpleHistoryAdmin):
    list_display = ["key", "label", "minutes"]


class RankingComponentForm(forms.ModelForm):
    indicator = forms.ChoiceField(label=_("指标"), choices=lambda: [(i.key, f"{i.key} {i.label}") for i in registry])

    class Meta:
        model = models.RankingComponent
        fields = ["order", "indicator", "weight", "higher_is_better", "normalisation", "missing"]


class RankingComponentInline(admin.TabularInline):
    model = models.RankingComponent
    form = RankingComponentForm
    extra = 0


@admin.register(models.RankingScheme)
class RankingSchemeAdmin(SimpleHistoryAdmin):
    """综合评价方案: indicators, weights, direction, normalisation, the missing-value rule and the
    区域挂牌 rule, all edited here; the next snapshot ranks with them."""

    list_display = ["name", "kind", "is_active", "flag_rule", "flag_count"]
    list_filter = ["kind", "is_active"]
    inlines = [RankingComponentInline]


@admin.register(models.RankingPublication)
class RankingPublicationAdmin(SimpleHistoryAdmin):
    """Read only: a month is published and withdrawn on its review page (plan.publication)."""

    list_display = ["period", "published_at", "published_by", "withdrawn_at", "withdrawn_by", "withdraw_reason"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
