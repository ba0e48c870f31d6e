"""API permissions shared by every app: reading needs a role, writing needs a writing role."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission


class RolePermission(BasePermission):
    """Signed-in users with a role may read; only roles that may write may change data."""

    message = _("您没有执行该操作的权限。")

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and (user.role or user.is_superuser)):
            return False
        return request.method in SAFE_METHODS or user.can_write


class OwnInboxPermission(RolePermission):
    """One's own inbox: marking a notice read changes no shared data, so a read-only role may."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and (user.role or user.is_superuser))
