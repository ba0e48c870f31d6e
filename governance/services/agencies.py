"""社会化服务机构: the register, half-year assessments, annual grades, blacklist and exit, and
what they do in enterprises (service logs, 一企一档) beside the experts' visits.

A blacklisted or exited agency receives no new service log. Blacklisting and exit are kept in
the agency's history; exit is final.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import Agency, AgencyAssessment, AgencyGrade, ExpertVisit, ServiceLog
from governance.services.rules import can_keep_registers, can_record_services
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.errors import Conflict
from org.models import Enterprise, Region, User

Status = Agency.Status
REASON_LENGTH = Agency._meta.get_field("blacklist_reason").max_length


def _require_keeper(actor: User) -> None:
    require(can_keep_registers(actor), _("只有县级管理员可以管理社会化服务机构。"))


@transaction.atomic
def save_agency(
    *,
    actor: User,
    agency: Agency | None = None,
    name: str = UNSET,
    credit_code: str = UNSET,
    category: str = UNSET,
    engineers: int = UNSET,
    enterprises_served: int = UNSET,
    qualification_expires: date | None = UNSET,
    region: Region = UNSET,
    notes: str = UNSET,
) -> Agency:
    """登记或修改服务机构 (its status changes only by blacklist and exit)."""
    _require_keeper(actor)
    agency = agency or Agency(region=actor.region)
    if credit_code is not UNSET:
        credit_code = credit_code.strip().upper()
    changed = assign(
        agency,
        name=name,
        credit_code=credit_code,
        category=category,
        engineers=engineers,
        enterprises_served=enterprises_served,
        qualification_expires=qualification_expires,
        region=region,
        notes=notes,
    )
    require_within(actor, agency.region if agency.region_id else None)
    agency.full_clean()
    save(agency, changed)
    return agency


def _lock(agency: Agency) -> Agency:
    return Agency.objects.select_for_update().get(pk=agency.pk)


def _require_not_exited(agency: Agency) -> None:
    if agency.status == Status.EXITED:
        raise Conflict(_("机构已退出,不能再考核或变更。"))


@transaction.atomic
def assess_agency(
    *, actor: User, agency: Agency, year: int, half: int, score: Decimal, assessor: str = "", assessed_on: date
) -> AgencyAssessment:
    """半年度考核: the half-year's score (a second assessment of the same half replaces it, kept in history)."""
    _require_keeper(actor)
    agency = _lock(agency)
    _require_not_exited(agency)
    assessment = AgencyAssessment.objects.filter(agency=agency, year=year, half=half).first() or AgencyAssessment(
        agency=agency, year=year, half=half
    )
    changed = assign(assessment, score=score, assessor=assessor, assessed_on=assessed_on)
    assessment.full_clean()
    save(assessment, changed)
    return assessment


@transaction.atomic
def grade_agency(
    *, actor: User, agency: Agency, year: int, grade: str, graded_by: str = "", graded_on: date
) -> AgencyGrade:
    """年终考评定级 (A–D) for the year; a new grade replaces the year's, kept in history."""
    _require_keeper(actor)
    agency = _lock(agency)
    _require_not_exited(agency)
    record = AgencyGrade.objects.filter(agency=agency, year=year).first() or AgencyGrade(agency=agency, year=year)
    changed = assign(record, grade=grade, graded_by=graded_by, graded_on=graded_on)
    record.full_clean()
    save(record, changed)
    return record


def _reason(reason: str, field: str, message: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({field: message})
    if len(reason) > REASON_LENGTH:
        raise ValidationError({field: _("原因不能超过%(n)s字。") % {"n": REASON_LENGTH}})
    return reason


@transaction.atomic
def blacklist_agency(*, actor: User, agency: Agency, reason: str, on: date) -> Agency:
    """列入黑名单: an active agency, with the reason and date; it receives no new service logs."""
    _require_keeper(actor)
    reason = _reason(reason, "reason", _("请填写列入黑名单的原因。"))
    agency = _lock(agency)
    _require_not_exited(agency)
    if agency.status == Status.BLACKLISTED:
        raise Conflict(_("机构已在黑名单中。"))
    agency.status, agency.blacklisted_on, agency.blacklist_reason = Status.BLACKLISTED, on, reason
    agency._history_user = actor
    agency.save(update_fields=["status", "blacklisted_on", "blacklist_reason"])
    return agency


@transaction.atomic
def exit_agency(*, actor: User, agency: Agency, reason: str, on: date) -> Agency:
    """退出: an active or blacklisted agency leaves the register for good."""
    _require_keeper(actor)
    reason = _reason(reason, "reason", _("请填写退出原因。"))
    agency = _lock(agency)
    if agency.status == Status.EXITED:
        raise Conflict(_("机构已退出。"))
    if agency.blacklisted_on and on < agency.blacklisted_on:
        raise ValidationError({"on": _("退出日期不能早于列入黑名单日期。")})
    agency.status, agency.exited_on, agency.exit_reason = Status.EXITED, on, reason
    agency._history_user = actor
    agency.save(update_fields=["status", "exited_on", "exit_reason"])
    return agency


# --- Work in enterprises ---------------------------------------------------------------------


@transaction.atomic
def log_service(
    *,
    actor: User,
    agency: Agency,
    enterprise: Enterprise,
    served_on: date,
    service: str,
    findings: str = "",
    hazards_reported: int = 0,
) -> ServiceLog:
    """服务记录 (一企一档). A blacklisted or exited agency cannot receive new service logs."""
    require(can_record_services(actor), _("您的角色不能填报服务记录。"))
    require_within(actor, enterprise.township, _("只能为本辖区的企业填报服务记录。"))
    agency = Agency.objects.select_for_update().get(pk=agency.pk)  # a blacklisting at the same moment waits
    if agency.status != Status.ACTIVE:
        raise Conflict(
            _("机构“%(name)s”状态为“%(status)s”,不能再登记服务记录。")
            % {"name": agency.name, "status": agency.get_status_display()}
        )
    log = ServiceLog(
        agency=agency,
        enterprise=enterprise,
        served_on=served_on,
        service=service,
        findings=findings,
        hazards_reported=hazards_reported,
        created_by=actor,
    )
    log.full_clean()
    log.save()
    return log


@transaction.atomic
def record_expert_visit(
    *,
    actor: User,
    enterprise: Enterprise,
    visited_on: date,
    expert: str,
    topics: str,
    kind: str = ExpertVisit.Kind.FACE_TO_FACE,
) -> ExpertVisit:
    """专家“面对面”指导 or 送教上门 in an enterprise."""
    require(can_record_services(actor), _("您的角色不能登记专家服务。"))
    require_within(actor, enterprise.township, _("只能为本辖区的企业登记。"))
    visit = ExpertVisit(kind=kind, visited_on=visited_on, enterprise=enterprise, expert=expert, topics=topics)
    visit.full_clean()
    visit.save()
    return visit
