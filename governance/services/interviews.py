"""分级分类约谈: the register, its follow-ups until closed, and the month's proposals.

Proposals come only from data every unit may read: the month's ranking once it is published (its
units listed for 区域挂牌) and the townships whose overdue-hazard figure that month is worst.
A draft ranking proposes nothing. A county administrator confirms a proposal (the interview is
registered) or dismisses it with a reason.
"""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import FollowUpEvidence, Interview, InterviewFollowUp, InterviewProposal, UnitKind
from governance.services.evidence import check_files, store_files
from governance.services.rules import can_keep_registers, can_report_on
from org import inbox
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.errors import Conflict
from org.models import Department, Enterprise, Region, User
from plan.models import IndicatorValue, RankingPublication, RankingRow, SnapshotRun
from plan.periods import Month

Reason = Interview.Reason
# The hazards app's indicator of hazards open past their deadline, read from the month's snapshot
# by its key: governance reads the figure, it does not import the app that measures it.
OVERDUE_INDICATOR = "hazards.overdue"
DISMISS_LENGTH = InterviewProposal._meta.get_field("dismiss_reason").max_length


def _require_keeper(actor: User) -> None:
    require(can_keep_registers(actor), _("只有县级管理员可以登记约谈。"))


def _place(row, *, unit_kind: str, township=None, department=None, enterprise=None) -> None:
    """Sets the unit and the region the row sits in for scope."""
    row.unit_kind = unit_kind
    if unit_kind == UnitKind.TOWNSHIP:
        if township is None or township.level != Region.Level.TOWNSHIP:
            raise ValidationError({"township": _("请选择被约谈的乡镇。")})
        row.township, row.department, row.enterprise, row.region = township, None, None, township
    elif unit_kind == UnitKind.DEPARTMENT:
        if department is None:
            raise ValidationError({"department": _("请选择被约谈的部门。")})
        row.township, row.department, row.enterprise, row.region = None, department, None, department.region
    elif unit_kind == UnitKind.ENTERPRISE:
        if enterprise is None:
            raise ValidationError({"enterprise": _("请选择被约谈的企业。")})
        row.township, row.department, row.enterprise = enterprise.township, enterprise.department, enterprise
        row.region = enterprise.township
    else:
        raise ValidationError({"unit_kind": _("请选择约谈对象类型。")})


@transaction.atomic
def register_interview(
    *,
    actor: User,
    level: str,
    unit_kind: str,
    reason: str,
    held_on: date,
    rectification: str,
    rectification_due: date,
    township: Region | None = None,
    department: Department | None = None,
    enterprise: Enterprise | None = None,
    reason_detail: str = "",
    attendees: str = "",
) -> Interview:
    """登记约谈: the unit, why, who attended, and the rectification asked for by when."""
    _require_keeper(actor)
    interview = Interview(
        level=level,
        reason=reason,
        reason_detail=reason_detail,
        held_on=held_on,
        attendees=attendees,
        rectification=rectification,
        rectification_due=rectification_due,
        created_by=actor,
    )
    _place(interview, unit_kind=unit_kind, township=township, department=department, enterprise=enterprise)
    require_within(actor, interview.region)
    if rectification_due < held_on:
        raise ValidationError({"rectification_due": _("整改期限不能早于约谈日期。")})
    interview.full_clean()
    interview.save()
    _tell_unit(interview)
    return interview


def _tell_unit(interview: Interview) -> None:
    """约谈 reaches the interviewed unit's people: a department's staff, else the township's
    (for an enterprise, the township it is in)."""
    department = interview.department if interview.unit_kind == UnitKind.DEPARTMENT else None
    inbox.deliver(
        kind=inbox.Kind.INTERVIEW,
        key=f"governance.interview:{interview.pk}",
        recipients=inbox.unit_staff(region=interview.region, department=department),
        title=_("%(unit)s被%(level)s约谈(%(held_on)s),整改期限%(due)s。")
        % {
            "unit": interview.unit,
            "level": interview.get_level_display(),
            "held_on": interview.held_on.isoformat(),
            "due": interview.rectification_due.isoformat(),
        },
        body=interview.rectification[:200],
        url=interview.get_absolute_url(),
    )


@transaction.atomic
def update_interview(
    *,
    actor: User,
    interview: Interview,
    level: str = UNSET,
    reason: str = UNSET,
    reason_detail: str = UNSET,
    held_on: date = UNSET,
    attendees: str = UNSET,
    rectification: str = UNSET,
    rectification_due: date = UNSET,
) -> Interview:
    """修改约谈 while its rectification is open."""
    _require_keeper(actor)
    interview = _lock(interview)
    if interview.status == Interview.Status.CLOSED:
        raise Conflict(_("约谈整改已销号,不能再修改。"))
    changed = assign(
        interview,
        level=level,
        reason=reason,
        reason_detail=reason_detail,
        held_on=held_on,
        attendees=attendees,
        rectification=rectification,
        rectification_due=rectification_due,
    )
    if interview.rectification_due < interview.held_on:
        raise ValidationError({"rectification_due": _("整改期限不能早于约谈日期。")})
    interview.full_clean()
    save(interview, changed)
    return interview


@transaction.atomic
def follow_up_interview(
    *, actor: User, interview: Interview, on: date, text: str, files: Iterable[UploadedFile] = ()
) -> InterviewFollowUp:
    """整改跟踪: the county, or the unit interviewed, records how rectification stands, with photos
    or files as evidence, each checked before anything is stored."""
    require(can_report_on(actor, interview.region, interview.department_id), _("只能跟踪本单位的约谈整改。"))
    interview = _lock(interview)
    if interview.status == Interview.Status.CLOSED:
        raise Conflict(_("约谈整改已销号。"))
    if on < interview.held_on:
        raise ValidationError({"on": _("跟踪日期不能早于约谈日期。")})
    checked = check_files(files)
    follow_up = InterviewFollowUp(interview=interview, on=on, text=text, actor=actor)
    follow_up.full_clean()
    follow_up.save()
    store_files(checked, actor=actor, make=lambda: FollowUpEvidence(follow_up=follow_up))
    return follow_up


@transaction.atomic
def close_interview(*, actor: User, interview: Interview, closed_on: date) -> Interview:
    """销号: the county closes the interview once rectification is done (after a follow-up)."""
    _require_keeper(actor)
    interview = _lock(interview)
    if interview.status == Interview.Status.CLOSED:
        raise Conflict(_("约谈整改已销号。"))
    if not interview.follow_ups.exists():
        raise Conflict(_("请先记录整改跟踪情况,再销号。"))
    if closed_on < interview.held_on:
        raise ValidationError({"closed_on": _("销号日期不能早于约谈日期。")})
    interview.status, interview.closed_on, interview.closed_by = Interview.Status.CLOSED, closed_on, actor
    interview.save(update_fields=["status", "closed_on", "closed_by"])
    return interview


def _lock(interview: Interview) -> Interview:
    return Interview.objects.select_for_update().get(pk=interview.pk)


# --- Proposals -------------------------------------------------------------------------------


def worst_overdue_count() -> int:
    return getattr(settings, "GOVERNANCE_PROPOSE_WORST_OVERDUE", 3)


def is_published(period: Month) -> bool:
    return RankingPublication.objects.published().filter(period=period.first_day).exists()


@transaction.atomic
def propose_interviews(*, period: Month) -> int:
    """The month's 约谈 candidates from its published data; nothing while the ranking is a draft.

    One proposal per unit and month, however often it runs. Returns how many were new."""
    if not is_published(period):
        return 0
    candidates: dict[tuple[str, int], InterviewProposal] = {}
    listed = RankingRow.objects.complete().published().filter(period=period.first_day, flagged=True)
    for row in listed.select_related("department"):
        unit = (UnitKind.DEPARTMENT, row.department_id) if row.department_id else (UnitKind.TOWNSHIP, row.region_id)
        detail = _("%(period)s 综合评价月排名第%(rank)s名,%(reason)s") % {
            "period": period,
            "rank": row.rank,
            "reason": row.flag_reason or _("区域挂牌"),
        }
        candidates[unit] = _proposal(period, unit, Reason.LISTING, detail, department=row.department)
    for value in _worst_overdue(period):
        unit = (UnitKind.TOWNSHIP, value.region_id)
        detail = _("%(period)s 逾期未整改隐患%(n)s个,居全县前列") % {"period": period, "n": int(value.value)}
        if unit in candidates:
            candidates[unit].reason_detail = f"{candidates[unit].reason_detail};{detail}"[:255]
        else:
            candidates[unit] = _proposal(period, unit, Reason.OVERDUE_HAZARDS, detail)
    already = {
        (kind, township or department)
        for kind, township, department in InterviewProposal.objects.filter(period=period.first_day).values_list(
            "unit_kind", "township_id", "department_id"
        )
    }
    new = [proposal for unit, proposal in candidates.items() if unit not in already]
    InterviewProposal.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        # The county administrators confirm or dismiss them: one notice per month and batch.
        inbox.deliver(
            kind=inbox.Kind.INTERVIEW,
            key=f"governance.proposals:{period.first_day}:{len(already) + len(new)}",
            recipients=inbox.county_admins(),
            title=_("%(period)s 新增约谈建议%(n)s条,请确认或不予约谈。") % {"period": period, "n": len(new)},
            url=reverse("governance:proposals"),
        )
    return len(new)


def _worst_overdue(period: Month) -> list[IndicatorValue]:
    """The townships whose overdue-hazard figure this month is highest (above zero)."""
    run = SnapshotRun.objects.complete().filter(period=period.first_day).order_by("-id").first()
    if run is None:
        return []
    values = IndicatorValue.objects.filter(
        run=run,
        indicator=OVERDUE_INDICATOR,
        department__isnull=True,
        region__level=Region.Level.TOWNSHIP,
        value__gt=0,
    ).order_by("-value", "region__sort_order")
    return list(values[: worst_overdue_count()])


def _proposal(
    period: Month, unit: tuple[str, int], reason: str, detail: str, department: Department | None = None
) -> InterviewProposal:
    kind, pk = unit
    proposal = InterviewProposal(period=period.first_day, unit_kind=kind, reason=reason, reason_detail=detail[:255])
    if kind == UnitKind.DEPARTMENT:
        proposal.department, proposal.region_id = department, department.region_id
    else:
        proposal.township_id = proposal.region_id = pk
    return proposal


@transaction.atomic
def confirm_proposal(
    *,
    actor: User,
    proposal: InterviewProposal,
    level: str,
    held_on: date,
    rectification: str,
    rectification_due: date,
    attendees: str = "",
) -> Interview:
    """确认约谈: the proposal becomes an interview in the register."""
    _require_keeper(actor)
    proposal = _lock_proposal(proposal)
    interview = register_interview(
        actor=actor,
        level=level,
        unit_kind=proposal.unit_kind,
        township=proposal.township,
        department=proposal.department,
        reason=proposal.reason,
        reason_detail=proposal.reason_detail,
        held_on=held_on,
        attendees=attendees,
        rectification=rectification,
        rectification_due=rectification_due,
    )
    proposal.status, proposal.interview = InterviewProposal.Status.CONFIRMED, interview
    _decided(proposal, actor, ["status", "interview"])
    return interview


@transaction.atomic
def dismiss_proposal(*, actor: User, proposal: InterviewProposal, reason: str) -> InterviewProposal:
    """不予约谈, with the reason kept."""
    _require_keeper(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("请填写不予约谈的原因。")})
    if len(reason) > DISMISS_LENGTH:
        raise ValidationError({"reason": _("原因不能超过%(n)s字。") % {"n": DISMISS_LENGTH}})
    proposal = _lock_proposal(proposal)
    proposal.status, proposal.dismiss_reason = InterviewProposal.Status.DISMISSED, reason
    _decided(proposal, actor, ["status", "dismiss_reason"])
    return proposal


def _lock_proposal(proposal: InterviewProposal) -> InterviewProposal:
    locked = InterviewProposal.objects.select_for_update(of=("self",)).select_related("township", "department")
    proposal = locked.get(pk=proposal.pk)
    if proposal.status != InterviewProposal.Status.PROPOSED:
        raise Conflict(_("该约谈建议已审核(%(status)s)。") % {"status": proposal.get_status_display()})
    return proposal


def _decided(proposal: InterviewProposal, actor: User, fields: list[str]) -> None:
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.save(update_fields=[*fields, "decided_by", "decided_at"])
