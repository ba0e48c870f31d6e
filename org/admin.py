from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from org.assessments import ItemSpec, publish_checklist
from org.models import Assessment, Checklist, ChecklistItem, Department, Enterprise, InboxItem, Region, User


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "code", "parent", "is_demo"]
    list_filter = ["level", "is_demo"]
    search_fields = ["name", "code"]
    ordering = ["path"]

    def get_readonly_fields(self, request, obj=None):
        # A region keeps its parent: every record below it is scoped by that path.
        return ["parent"] if obj else []


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "region", "is_active", "sort_order"]
    list_filter = ["is_active"]
    search_fields = ["name", "short_name"]


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "credit_code", "township", "industry", "risk_level", "supervised"]
    list_filter = ["township", "industry", "risk_level", "supervised", "uses_hazardous_chemicals"]
    search_fields = ["name", "credit_code"]


@admin.register(User)
class PortalUserAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "last_name", "first_name", "role", "region", "department", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("角色与管辖范围"), {"fields": ("role", "region", "department", "phone", "api_can_write")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("角色与管辖范围"), {"fields": ("role", "region", "department", "phone")}),
    )
    autocomplete_fields = ["region", "department"]


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    """A version in use is read-only: the next version is published (org.assessments.publish_checklist)
    with the action below, so the assessments made under this one keep their items."""

    list_display = ["title", "kind", "version", "pass_mark", "created_at"]
    list_filter = ["kind"]
    inlines = [ChecklistItemInline]
    actions = ["publish_next_version"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.assessments.exists():
            return False
        return super().has_change_permission(request, obj)

    @admin.action(description=_("以所选版本为底稿发布新版本"))
    def publish_next_version(self, request, queryset):
        for checklist in queryset:
            items = [ItemSpec(i.number, i.title, i.points, i.evidence) for i in checklist.items.all()]
            new = publish_checklist(
                actor=request.user,
                kind=checklist.kind,
                title=checklist.title,
                items=items,
                pass_mark=checklist.pass_mark,
            )
            self.message_user(request, _("已发布%(checklist)s,可在其中修改考评项。") % {"checklist": new})


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["township", "checklist", "status", "self_total", "verified_total", "verified_at"]
    list_filter = ["checklist__kind", "status"]
    readonly_fields = [f.name for f in Assessment._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(InboxItem)
class InboxItemAdmin(admin.ModelAdmin):
    """Read only: who was told what and when, and whether it went out by SMS / 浙政钉."""

    list_display = ["title", "recipient", "kind", "created_at", "read_at", "sent_at", "withdrawn_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__username", "key"]
    list_select_related = ["recipient"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
