from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from org.models import Department, Enterprise, Region, User


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
