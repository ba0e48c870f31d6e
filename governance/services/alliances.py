"""互助联盟, their joint activities, and 合规管理试点 enterprises."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import Alliance, AllianceActivity, CompliancePilot
from governance.services.rules import can_keep_registers, can_record_services
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.models import Enterprise, Region, User


def _county_of(region: Region) -> Region:
    return region if region.level <= Region.Level.COUNTY else region.parent


@transaction.atomic
def save_alliance(
    *,
    actor: User,
    alliance: Alliance | None = None,
    name: str = UNSET,
    kind: str = UNSET,
    township: Region | None = UNSET,
    industry: str = UNSET,
    lead_enterprise: Enterprise = UNSET,
    members: list[Enterprise] = UNSET,
    founded_on: date | None = UNSET,
    notes: str = UNSET,
) -> Alliance:
    """登记或修改互助联盟: a township's (its enterprises) or an industry's across the county."""
    require(can_record_services(actor), _("您的角色不能维护互助联盟。"))
    alliance = alliance or Alliance()
    changed = assign(
        alliance,
        name=name,
        kind=kind,
        township=township,
        industry=industry,
        lead_enterprise=lead_enterprise,
        founded_on=founded_on,
        notes=notes,
    )
    _place(alliance)
    changed.append("region")
    require_within(actor, alliance.region, _("只能维护本辖区的互助联盟。"))
    alliance.full_clean(exclude=["members"])
    save(alliance, changed)
    if members is not UNSET:
        _check_members(alliance, members)
        alliance.members.set({*members, alliance.lead_enterprise})
    elif not alliance.members.filter(pk=alliance.lead_enterprise_id).exists():
        alliance.members.add(alliance.lead_enterprise)
    return alliance


def _place(alliance: Alliance) -> None:
    if not alliance.lead_enterprise_id:
        raise ValidationError({"lead_enterprise": _("请选择牵头企业。")})
    if alliance.kind == Alliance.Kind.TOWNSHIP:
        if alliance.township is None:
            raise ValidationError({"township": _("乡镇联盟须选择乡镇。")})
        if alliance.lead_enterprise.township_id != alliance.township_id:
            raise ValidationError({"lead_enterprise": _("牵头企业不在该乡镇。")})
        alliance.industry, alliance.region = "", alliance.township
    elif alliance.kind == Alliance.Kind.INDUSTRY:
        if not alliance.industry:
            raise ValidationError({"industry": _("行业联盟须选择行业。")})
        alliance.township, alliance.region = None, _county_of(alliance.lead_enterprise.township)


def _check_members(alliance: Alliance, members: list[Enterprise]) -> None:
    if alliance.kind == Alliance.Kind.TOWNSHIP:
        outside = [m.name for m in members if m.township_id != alliance.township_id]
        if outside:
            raise ValidationError({"members": _("以下企业不在该乡镇:%(names)s。") % {"names": "、".join(outside)}})


@transaction.atomic
def record_activity(
    *, actor: User, alliance: Alliance, kind: str, held_on: date, topic: str, findings: str = ""
) -> AllianceActivity:
    """记录联盟活动 (互学、互查、互助、互保)."""
    require(can_record_services(actor), _("您的角色不能记录联盟活动。"))
    require_within(actor, alliance.region, _("只能记录本辖区联盟的活动。"))
    activity = AllianceActivity(alliance=alliance, kind=kind, held_on=held_on, topic=topic, findings=findings)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def save_pilot(
    *,
    actor: User,
    pilot: CompliancePilot | None = None,
    enterprise: Enterprise = UNSET,
    since: date = UNSET,
    notes: str = UNSET,
) -> CompliancePilot:
    """列入或修改合规管理试点企业."""
    require(can_keep_registers(actor), _("只有县级管理员可以确定合规管理试点企业。"))
    pilot = pilot or CompliancePilot()
    changed = assign(pilot, enterprise=enterprise, since=since, notes=notes)
    pilot.full_clean()
    save(pilot, changed)
    return pilot
