"""Where each target stands. Until an app registers the target's indicator it is 未接入."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from plan.models import Target
from plan.registry import registry


@dataclass(frozen=True)
class TargetStatus:
    code: str  # untracked | pending
    label: str


UNTRACKED = TargetStatus("untracked", _("未接入"))
PENDING = TargetStatus("pending", _("已接入,待月度计算"))


def target_status(target: Target) -> TargetStatus:
    return PENDING if target.indicator_key in registry else UNTRACKED


def module_pending(app_label: str) -> bool:
    """Whether the app that owns a part of the plan is still to be built (not installed)."""
    return bool(app_label) and not apps.is_installed(app_label)
