"""火源管控: fire-source checks in the field and the 三张清单 of forest fire risks."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forestfire.models import FireSourceCheck, ForestRisk
from forestfire.services.access import can_keep_records
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.models import Region, User


@transaction.atomic
def save_check(
    *,
    actor: User,
    check: FireSourceCheck | None = None,
    kind: str = UNSET,
    checked_on: date = UNSET,
    township: Region = UNSET,
    village: Region | None = UNSET,
    place: str = UNSET,
    finding: str = UNSET,
    follow_up: str = UNSET,
    inspector: str = UNSET,
) -> FireSourceCheck:
    """登记或修改火源检查."""
    require(can_keep_records(actor), _("您的角色不能登记火源检查。"))
    check = check or FireSourceCheck(created_by=actor)
    if check.township_id:
        require_within(actor, check.township)
    changed = assign(
        check,
        kind=kind,
        checked_on=checked_on,
        township=township,
        village=village,
        place=place,
        finding=finding,
        follow_up=follow_up,
        inspector=inspector,
    )
    require_within(actor, check.township if check.township_id else None)
    if check.checked_on and check.checked_on > timezone.localdate():
        raise ValidationError({"checked_on": _("检查日期不能晚于今天。")})
    check.full_clean()
    save(check, changed)
    return check


@transaction.atomic
def save_risk(
    *,
    actor: User,
    risk: ForestRisk | None = None,
    township: Region = UNSET,
    description: str = UNSET,
    place: str = UNSET,
    measure: str = UNSET,
    owner: str = UNSET,
    due_on: date = UNSET,
    done_on: date | None = UNSET,
) -> ForestRisk:
    """登记或修改“三张清单”中的一项森林火险隐患."""
    require(can_keep_records(actor), _("您的角色不能修改三张清单。"))
    risk = risk or ForestRisk(created_by=actor)
    if risk.township_id:
        require_within(actor, risk.township)
    changed = assign(
        risk,
        township=township,
        description=description,
        place=place,
        measure=measure,
        owner=owner,
        due_on=due_on,
        done_on=done_on,
    )
    require_within(actor, risk.township if risk.township_id else None)
    if risk.done_on and risk.done_on > timezone.localdate():
        raise ValidationError({"done_on": _("完成日期不能晚于今天。")})
    risk.full_clean()
    save(risk, changed)
    return risk


@transaction.atomic
def complete_risk(*, actor: User, risk: ForestRisk, done_on: date | None = None) -> ForestRisk:
    """整改完成 (a button on the list): today unless a day is given."""
    return save_risk(actor=actor, risk=risk, done_on=done_on or timezone.localdate())
