"""Scored checklists (达标考评): a township assesses itself against the checklist in force, with
evidence, and submits; the county verifies each item and the assessment passes when the verified
total reaches the pass mark, or is returned with the reasons. Only a verified pass counts.

The one mechanism for every such scheme of the plan: an app registers its kind (stations'
``station`` accreditation, forestfire's ``forest_township`` standardization) and routes the shared
pages and API; the rules are here, and pages, API, imports and jobs all call them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from org.access import require, require_within
from org.errors import Conflict
from org.models import Assessment, AssessmentEvidence, AssessmentScore, Checklist, ChecklistItem, Region, User
from org.uploads import check_uploads, stored_only_if_saved

Status = Assessment.Status


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # what the scheme is called on pages: 管理站达标, 涉林乡镇规范化建设
    home_url_name: str  # the app's page the assessment page links back to


KINDS: dict[str, Kind] = {}


def register_kind(kind: Kind) -> Kind:
    if kind.key in KINDS and KINDS[kind.key] != kind:
        raise ValueError(f"checklist kind {kind.key!r} is registered twice")
    KINDS[kind.key] = kind
    return kind


# --- Who may ---------------------------------------------------------------------------------


def can_self_assess(user: User) -> bool:
    """Township staff assess their own township; the county may fill in for one."""
    return user.is_superuser or user.role in (User.Role.TOWNSHIP_STAFF, User.Role.COUNTY_ADMIN)


def can_verify(user: User) -> bool:
    """Only the county verifies."""
    return user.is_superuser or (user.role == User.Role.COUNTY_ADMIN and user.is_county_level)


def can_edit_checklists(user: User) -> bool:
    return can_verify(user)


# --- Checklist versions ------------------------------------------------------------------------


def current_checklist(kind: str) -> Checklist | None:
    """The version in force: the newest one."""
    return Checklist.objects.filter(kind=kind).order_by("-version").first()


@dataclass(frozen=True)
class ItemSpec:
    number: int
    title: str
    points: Decimal
    evidence: str = ""


@transaction.atomic
def publish_checklist(
    *, actor: User | None, kind: str, title: str, items: Iterable[ItemSpec], pass_mark: Decimal | int = 80
) -> Checklist:
    """Publishes the next version of a kind's checklist. Earlier versions and the assessments
    made under them stay as they were. ``actor`` is None only for seeding."""
    if actor is not None:
        require(can_edit_checklists(actor), _("只有县级管理员可以发布评分细则。"))
    items = list(items)
    if not items:
        raise ValidationError(_("评分细则至少要有一项。"))
    numbers = [item.number for item in items]
    if len(set(numbers)) != len(numbers):
        raise ValidationError(_("考评项序号不能重复。"))
    total = sum((Decimal(item.points) for item in items), Decimal(0))
    if Decimal(pass_mark) > total:
        raise ValidationError(
            {"pass_mark": _("达标分(%(mark)s)不能高于总分(%(total)s)。") % {"mark": pass_mark, "total": total}}
        )
    latest = Checklist.objects.select_for_update().filter(kind=kind).aggregate(v=Max("version"))["v"] or 0
    checklist = Checklist(kind=kind, version=latest + 1, title=title, pass_mark=pass_mark)
    checklist.full_clean()
    checklist.save()
    for spec in items:
        item = ChecklistItem(
            checklist=checklist, number=spec.number, title=spec.title, points=spec.points, evidence=spec.evidence
        )
        item.full_clean(exclude=["checklist"])
        item.save()
    return checklist


# --- The township's self-assessment --------------------------------------------------------------


@transaction.atomic
def start_assessment(*, actor: User, township: Region, kind: str) -> Assessment:
    """The township's assessment under the checklist in force, begun if it is not yet."""
    require(can_self_assess(actor), _("您的角色不能填报自评。"))
    if township.level != Region.Level.TOWNSHIP:
        raise ValidationError({"township": _("达标考评按乡镇填报,请选择乡镇。")})
    require_within(actor, township)
    checklist = current_checklist(kind)
    if checklist is None:
        raise ValidationError(_("尚未发布评分细则,请县级管理员先发布。"))
    assessment, _created = Assessment.objects.get_or_create(checklist=checklist, township=township)
    return assessment


def _number(value, *, item: ChecklistItem, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as error:
        raise ValidationError({field: _("第%(n)s项的得分应为数字。") % {"n": item.number}}) from error
    if not number.is_finite() or number < 0 or number > item.points:
        raise ValidationError(
            {field: _("第%(n)s项的得分应在0到%(points)s之间。") % {"n": item.number, "points": item.points}}
        )
    return number.quantize(Decimal("0.1"))


def _locked(assessment: Assessment) -> Assessment:
    # One row lock per assessment: of a submit and a verification at once, the second sees the first.
    return (
        Assessment.objects.select_for_update(of=("self",)).select_related("checklist", "township").get(pk=assessment.pk)
    )


def _items(assessment: Assessment) -> dict[int, ChecklistItem]:
    return {item.pk: item for item in assessment.checklist.items.all()}


def _check_length(text: str, *, field: str, limit: int = 500) -> str:
    text = (text or "").strip()
    if len(text) > limit:
        raise ValidationError({field: _("不能超过%(limit)s个字。") % {"limit": limit}})
    return text


@transaction.atomic
def save_self_assessment(
    *,
    actor: User,
    assessment: Assessment,
    scores: Mapping[int, tuple[object, str | None]] | None = None,
    files: Mapping[int, Iterable[UploadedFile]] | None = None,
) -> Assessment:
    """Saves the township's scores and notes (item id → (score, note); a note of None keeps the
    stored one) and adds evidence files (item id → files). Items not named keep what they had."""
    require(can_self_assess(actor), _("您的角色不能填报自评。"))
    assessment = _locked(assessment)
    require_within(actor, assessment.township)
    if not assessment.is_editable:
        raise Conflict(_("考评已提交核验,不能再修改;如需修改请县级退回。"))
    items = _items(assessment)
    unknown = set(scores or {}) | set(files or {})
    unknown -= set(items)
    if unknown:
        raise ValidationError({"scores": _("考评项不属于本评分细则:%(ids)s") % {"ids": sorted(unknown)}})
    stored = {score.item_id: score for score in assessment.scores.all()}
    for item_id, (value, note) in (scores or {}).items():
        item = items[item_id]
        score = stored.get(item_id) or AssessmentScore(assessment=assessment, item=item)
        score.self_score = _number(value, item=item, field="scores")
        if note is not None:
            score.note = _check_length(note, field="scores")
        score.save()
        stored[item_id] = score
    checked_files = {item_id: check_uploads(uploads) for item_id, uploads in (files or {}).items()}
    check_uploads([upload for uploads in (files or {}).values() for upload in uploads])  # the request's total
    with stored_only_if_saved() as keep:
        for item_id, checked_uploads in checked_files.items():
            for upload, checked in checked_uploads:
                evidence = AssessmentEvidence(
                    assessment=assessment,
                    item=items[item_id],
                    original_name=(upload.name or "")[:255],
                    content_type=checked.content_type,
                    size=upload.size,
                    uploaded_by=actor,
                )
                evidence.file.save(checked.storage_name(), upload, save=False)
                keep(evidence.file)
                evidence.save()
    assessment.self_total = _total(stored.values(), "self_score")
    assessment.save(update_fields=["self_total", "updated_at"])
    return assessment


def _total(scores: Iterable[AssessmentScore], field: str) -> Decimal | None:
    values = [getattr(score, field) for score in scores if getattr(score, field) is not None]
    return sum(values, Decimal(0)) if values else None


@transaction.atomic
def submit_assessment(*, actor: User, assessment: Assessment) -> Assessment:
    """Sends the self-assessment to the county: every item scored, every required evidence there."""
    require(can_self_assess(actor), _("您的角色不能提交自评。"))
    assessment = _locked(assessment)
    require_within(actor, assessment.township)
    if not assessment.is_editable:
        raise Conflict(_("考评已是“%(status)s”,不能再提交。") % {"status": assessment.get_status_display()})
    items = _items(assessment)
    scored = {s.item_id for s in assessment.scores.all() if s.self_score is not None}
    with_evidence = set(assessment.evidence.values_list("item_id", flat=True))
    problems = [_("第%(n)s项未自评打分。") % {"n": item.number} for pk, item in items.items() if pk not in scored] + [
        _("第%(n)s项需上传佐证:%(what)s。") % {"n": item.number, "what": item.evidence}
        for pk, item in items.items()
        if item.evidence and pk not in with_evidence
    ]
    if problems:
        raise ValidationError(problems)
    assessment.status = Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = actor
    assessment.return_reason = ""
    assessment.save(update_fields=["status", "submitted_at", "submitted_by", "return_reason", "updated_at"])
    return assessment


# --- The county's verification -----------------------------------------------------------------


@transaction.atomic
def verify_assessment(
    *, actor: User, assessment: Assessment, scores: Mapping[int, tuple[object, str | None]], note: str = ""
) -> Assessment:
    """Records the county's verified score for every item (item id → (score, opinion)). The
    assessment passes when the verified total reaches the checklist's pass mark; below it, it goes
    back to the township with the reason."""
    require(can_verify(actor), _("只有县级管理员可以核验。"))
    assessment = _locked(assessment)
    require_within(actor, assessment.township)
    if assessment.status != Status.SUBMITTED:
        raise Conflict(_("只有待核验的考评可以核验。"))
    items = _items(assessment)
    missing = [items[pk].number for pk in items if pk not in scores or scores[pk][0] in (None, "")]
    if missing:
        raise ValidationError(
            {"scores": _("请为每一项填写核验分,缺:第%(n)s项。") % {"n": "、".join(map(str, missing))}}
        )
    unknown = set(scores) - set(items)
    if unknown:
        raise ValidationError({"scores": _("考评项不属于本评分细则:%(ids)s") % {"ids": sorted(unknown)}})
    note = _check_length(note, field="note", limit=400)
    stored = {score.item_id: score for score in assessment.scores.all()}
    for item_id, (value, opinion) in scores.items():
        score = stored.get(item_id) or AssessmentScore(assessment=assessment, item=items[item_id])
        score.verified_score = _number(value, item=items[item_id], field="scores")
        if opinion is not None:
            score.verifier_note = _check_length(opinion, field="scores")
        score.save()
        stored[item_id] = score
    total = _total(stored.values(), "verified_score") or Decimal(0)
    assessment.verified_total = total
    assessment.verified_at = timezone.now()
    assessment.verified_by = actor
    if total >= assessment.checklist.pass_mark:
        assessment.status = Status.PASSED
        assessment.return_reason = ""
    else:
        assessment.status = Status.RETURNED
        reason = _("核验得分%(total)s,低于达标分%(mark)s。") % {"total": total, "mark": assessment.checklist.pass_mark}
        assessment.return_reason = f"{reason}{note}"[:500]
    assessment.save(
        update_fields=["verified_total", "verified_at", "verified_by", "status", "return_reason", "updated_at"]
    )
    return assessment


@transaction.atomic
def return_assessment(*, actor: User, assessment: Assessment, reason: str) -> Assessment:
    """Sends a submitted assessment back to the township with the reasons, without scoring it."""
    require(can_verify(actor), _("只有县级管理员可以退回。"))
    assessment = _locked(assessment)
    require_within(actor, assessment.township)
    if assessment.status != Status.SUBMITTED:
        raise Conflict(_("只有待核验的考评可以退回。"))
    reason = _check_length(reason, field="reason")
    if not reason:
        raise ValidationError({"reason": _("请写明退回理由。")})
    assessment.status = Status.RETURNED
    assessment.return_reason = reason
    assessment.verified_at = timezone.now()
    assessment.verified_by = actor
    assessment.save(update_fields=["status", "return_reason", "verified_at", "verified_by", "updated_at"])
    return assessment


# --- What counts ---------------------------------------------------------------------------------


def passed_townships(kind: str, *, as_of=None) -> set[int]:
    """Townships with a verified pass under any version of the kind's checklist (as of a moment,
    read from the history, when ``as_of`` is given)."""
    if as_of is None:
        rows = Assessment.objects.filter(checklist__kind=kind, status=Status.PASSED)
        return set(rows.values_list("township_id", flat=True))
    history = Assessment.history.filter(checklist__kind=kind, history_date__lte=as_of).order_by("id", "-history_date")
    latest: dict[int, tuple[int, str]] = {}
    for row_id, township_id, status in history.values_list("id", "township_id", "status"):
        latest.setdefault(row_id, (township_id, status))
    return {township_id for township_id, status in latest.values() if status == Status.PASSED}


def total_points(checklist: Checklist) -> Decimal:
    return checklist.items.aggregate(total=Sum("points"))["total"] or Decimal(0)
