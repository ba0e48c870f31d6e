"""Every write of the 3030 closed loop goes through here: pages, the API, imports and jobs alike.

排查发现 reported → 交办 assigned → 整改中 rectifying → 整改完成待验收 submitted → 验收销号 closed;
验收不通过 returns submitted → rectifying. Each step is recorded as a HazardTransition (留痕).
"""

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hazards3030.models import (
    Accident,
    EscalationNotice,
    Hazard,
    HazardAttachment,
    HazardTransition,
    Supervision,
)
from org import inbox
from org.access import require, require_within
from org.changes import UNSET, already_read, assign, save
from org.errors import Conflict
from org.models import Enterprise, Region, User
from org.uploads import check_uploads, stored_only_if_saved
from org.validators import check_counts, check_not_future, check_not_negative

Status = Hazard.Status

# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "assign": ((Status.REPORTED,), Status.ASSIGNED),
    "rectify": ((Status.ASSIGNED,), Status.RECTIFYING),
    "submit": ((Status.RECTIFYING,), Status.SUBMITTED),
    "accept": ((Status.SUBMITTED,), Status.CLOSED),
    "reject": ((Status.SUBMITTED,), Status.RECTIFYING),
}
FILING_ROLES = {User.Role.COUNTY_ADMIN, User.Role.TOWNSHIP_STAFF, User.Role.DEPARTMENT_STAFF}
SUPERVISION_ACCEPTANCE_DAYS = 10


# --- Who may do what ------------------------------------------------------------------------


def can_file(user: User) -> bool:
    return user.is_superuser or (user.can_write and user.role in FILING_ROLES)


def can_verify(user: User, hazard: Hazard) -> bool:
    """验收/销号: the county; for a listed (挂牌) hazard, the supervising level or above."""
    if user.is_superuser:
        return True
    if user.role != User.Role.COUNTY_ADMIN or user.region is None:
        return False
    supervision = getattr(hazard, "supervision", None)
    required_level = supervision.level if supervision else Region.Level.COUNTY
    return user.region.level <= required_level


def can_list(*, user: User, hazard: Hazard) -> bool:
    """Whether the user may list (挂牌) this hazard now: a county-level admin, an open major hazard."""
    supervised = hasattr(hazard, "supervision")
    open_major = hazard.level == Hazard.Level.MAJOR and hazard.status != Status.CLOSED
    return open_major and not supervised and (user.is_superuser or user.role == User.Role.COUNTY_ADMIN)


def allowed_actions(*, hazard: Hazard, user: User) -> list[str]:
    """The actions the user may take on the hazard now (for the buttons on its page)."""
    actions = [name for name, (sources, _target) in TRANSITIONS.items() if hazard.status in sources]
    verifying = {"accept", "reject"}
    return [a for a in actions if (can_verify(user, hazard) if a in verifying else can_file(user))]


def _require_filer(user: User) -> None:
    require(can_file(user), _("您的角色不能填报或整改隐患。"))


def _require_within(user: User, township: Region | None) -> None:
    require_within(user, township, _("只能为本辖区填报。"))


# --- The closed loop ------------------------------------------------------------------------


@transaction.atomic
def file_hazard(
    *,
    actor: User,
    township: Region,
    description: str,
    found_on: date,
    deadline: date,
    enterprise: Enterprise | None = None,
    level: str = Hazard.Level.GENERAL,
    source: str = Hazard.Source.INSPECTION,
    category: str = Hazard.Category.OTHER,
    responsible: str = "",
    measures: str = "",
    funds: Decimal | None = None,
    contingency_plan: str = "",
    files: Iterable[UploadedFile] = (),
    note: str = "",
    status: str = Status.REPORTED,
) -> Hazard:
    """排查发现: records a hazard in the actor's area, with photos of it as found.

    A ledger's hazard may enter at the status its ledger gives (``status``: 交办, 整改中 or
    整改完成待验收), never closed, and a major one reaches 待验收 only with its 五落实."""
    _require_filer(actor)
    _require_within(actor, township)
    if enterprise is not None and enterprise.township_id != township.pk:
        raise ValidationError({"enterprise": _("检查对象不属于该乡镇。")})
    if actor.role == User.Role.DEPARTMENT_STAFF and (
        enterprise is None or enterprise.department_id != actor.department_id
    ):
        raise PermissionDenied(_("部门只能为本行业的检查对象填报隐患。"))
    hazard = Hazard(
        township=township,
        enterprise=enterprise,
        department=enterprise.department if enterprise else None,
        level=level,
        source=source,
        category=category,
        description=description,
        found_on=found_on,
        deadline=deadline,
        responsible=responsible,
        measures=measures,
        funds=funds,
        contingency_plan=contingency_plan,
        created_by=actor,
        status=status,
    )
    _check_details(hazard)
    if status not in (Status.REPORTED, Status.ASSIGNED, Status.RECTIFYING, Status.SUBMITTED):
        raise ValidationError({"status": _("新填报的隐患不能直接销号:销号只能经县级验收。")})
    if status == Status.SUBMITTED:
        if level == Hazard.Level.MAJOR and (missing := hazard.missing_five_implementations()):
            message = _("重大隐患提交验收前须落实“五落实”,尚缺:%(missing)s。") % {"missing": "、".join(missing)}
            raise ValidationError({"status": message})
        hazard.submitted_at = timezone.now()
    # Its township, unit, department and filer are rows already read, and the one constraint
    # (deadline ≥ 发现日期) is _check_details' in plain words: the model's checks need not ask the
    # database again (a ledger files thousands of hazards at once).
    read = already_read(hazard, "township", "enterprise", "department", "created_by")
    hazard.full_clean(exclude=read, validate_constraints=False)
    hazard.save()
    step = _record(hazard=hazard, actor=actor, from_status="", to_status=status, note=note)
    _attach(hazard=hazard, transition=step, actor=actor, files=files, kind=HazardAttachment.Kind.BEFORE)
    return hazard


@transaction.atomic
def update_hazard(
    *,
    hazard: Hazard,
    actor: User,
    category: str = UNSET,
    description: str = UNSET,
    responsible: str = UNSET,
    measures: str = UNSET,
    funds: Decimal | None = UNSET,
    contingency_plan: str = UNSET,
) -> Hazard:
    """Fills in or corrects an open hazard's details (e.g. its 五落实)."""
    _require_filer(actor)
    hazard = _lock(hazard)
    if hazard.status == Status.CLOSED:
        raise Conflict(_("隐患已销号,不能再修改。"))
    changed = assign(
        hazard,
        category=category,
        description=description,
        responsible=responsible,
        measures=measures,
        funds=funds,
        contingency_plan=contingency_plan,
    )
    _check_details(hazard)
    hazard.full_clean()
    save(hazard, changed)
    return hazard


def _check_details(hazard: Hazard) -> None:
    """Plain-language refusals before the model's checks (never a constraint's name)."""
    errors = check_not_negative(funds=hazard.funds) | check_not_future(found_on=hazard.found_on)
    if hazard.found_on and hazard.deadline and hazard.deadline < hazard.found_on:
        errors["deadline"] = _("整改期限不能早于发现日期。")
    if errors:
        raise ValidationError(errors)


def assign_hazard(
    *, hazard: Hazard, actor: User, responsible: str = "", responsible_user: User | None = None, note: str = ""
) -> Hazard:
    """交办: names who rectifies it."""
    updates = {}
    if responsible:
        updates["responsible"] = responsible
    if responsible_user is not None:
        updates["responsible_user"] = responsible_user
    return _move(hazard=hazard, actor=actor, action="assign", note=note, updates=updates)


def start_rectification(*, hazard: Hazard, actor: User, note: str = "", files: Iterable[UploadedFile] = ()) -> Hazard:
    """整改中: rectification has started; photos taken before it may be attached."""
    return _move(hazard=hazard, actor=actor, action="rectify", note=note, files=files, kind="before")


def submit_rectification(*, hazard: Hazard, actor: User, note: str = "", files: Iterable[UploadedFile] = ()) -> Hazard:
    """整改完成待验收. A major hazard needs its 五落实 filled in first."""
    return _move(hazard=hazard, actor=actor, action="submit", note=note, files=files, kind="after")


def accept_hazard(*, hazard: Hazard, actor: User, note: str = "") -> Hazard:
    """验收通过并销号. Only the supervising level may close a listed (挂牌) hazard."""
    return _move(hazard=hazard, actor=actor, action="accept", note=note)


def reject_hazard(*, hazard: Hazard, actor: User, note: str) -> Hazard:
    """验收不通过: back to rectification, with the reason."""
    if not note.strip():
        raise ValidationError({"note": _("请填写验收不通过的原因。")})
    return _move(hazard=hazard, actor=actor, action="reject", note=note)


@transaction.atomic
def _move(
    *,
    hazard: Hazard,
    actor: User,
    action: str,
    note: str = "",
    files: Iterable[UploadedFile] = (),
    kind: str = HazardAttachment.Kind.FILE,
    updates: dict | None = None,
) -> Hazard:
    sources, target = TRANSITIONS[action]
    hazard = _lock(hazard)
    if hazard.status not in sources:
        raise Conflict(_("隐患当前状态为“%(status)s”,不能执行该操作。") % {"status": hazard.get_status_display()})
    if action in ("accept", "reject"):
        if not can_verify(actor, hazard):
            raise PermissionDenied(_("只有县级(挂牌隐患为督办层级)才能验收销号。"))
    else:
        _require_filer(actor)
    if action == "submit" and hazard.level == Hazard.Level.MAJOR and (missing := hazard.missing_five_implementations()):
        raise ValidationError(
            _("重大隐患提交验收前须落实“五落实”,尚缺:%(missing)s。") % {"missing": "、".join(missing)}
        )
    from_status = hazard.status
    hazard.status = target
    changed = ["status", *(updates or {})]
    for name, value in (updates or {}).items():
        setattr(hazard, name, value)
    now = timezone.now()
    if action == "submit":
        hazard.submitted_at = now
        changed.append("submitted_at")
    if action == "accept":
        hazard.closed_at = now
        changed.append("closed_at")
        Supervision.objects.filter(hazard=hazard, closed_on__isnull=True).update(closed_on=timezone.localdate())
    hazard.save(update_fields=changed)
    step = _record(hazard=hazard, actor=actor, from_status=from_status, to_status=target, note=note)
    _attach(hazard=hazard, transition=step, actor=actor, files=files, kind=kind)
    return hazard


def _lock(hazard: Hazard) -> Hazard:
    # One row lock per hazard: of two people acting at once, the second sees the first's result.
    return Hazard.objects.select_for_update(of=("self",)).select_related("supervision").get(pk=hazard.pk)


def _record(*, hazard: Hazard, actor: User | None, from_status: str, to_status: str, note: str) -> HazardTransition:
    return HazardTransition.objects.create(
        hazard=hazard, actor=actor, from_status=from_status, to_status=to_status, note=note
    )


def _attach(
    *, hazard: Hazard, transition: HazardTransition, actor: User, files: Iterable[UploadedFile], kind: str
) -> None:
    with stored_only_if_saved() as keep:
        for upload, checked in check_uploads(files):
            attachment = HazardAttachment(
                hazard=hazard,
                transition=transition,
                kind=kind if checked.is_image else HazardAttachment.Kind.FILE,
                original_name=(upload.name or "")[:255],
                content_type=checked.content_type,
                size=upload.size,
                uploaded_by=actor,
            )
            attachment.file.save(checked.storage_name(), upload, save=False)
            keep(attachment.file)
            attachment.save()


# --- Listing (挂牌督办) -----------------------------------------------------------------------


@transaction.atomic
def list_hazard(
    *,
    hazard: Hazard,
    actor: User,
    level: int,
    issuing_body: str,
    listed_on: date,
    acceptance_due: date | None = None,
) -> Supervision:
    """挂牌督办 a major hazard; acceptance is due by default 10 days after its deadline."""
    if not (actor.is_superuser or (actor.role == User.Role.COUNTY_ADMIN and actor.region.level <= level)):
        raise PermissionDenied(_("只有督办层级才能挂牌。"))
    hazard = _lock(hazard)
    if hazard.level != Hazard.Level.MAJOR:
        raise ValidationError({"level": _("只有重大隐患才能挂牌督办。")})
    if hazard.status == Status.CLOSED:
        raise Conflict(_("隐患已销号。"))
    if Supervision.objects.filter(hazard=hazard).exists():
        raise Conflict(_("该隐患已挂牌督办。"))
    supervision = Supervision(
        hazard=hazard,
        level=level,
        issuing_body=issuing_body,
        listed_on=listed_on,
        acceptance_due=acceptance_due or hazard.deadline + timedelta(days=SUPERVISION_ACCEPTANCE_DAYS),
    )
    supervision.full_clean()
    supervision.save()
    _tell_listed(hazard, supervision)
    return supervision


def _tell_listed(hazard: Hazard, supervision: Supervision) -> None:
    """挂牌督办 reaches the township's staff and the person responsible for the rectification."""
    inbox.deliver(
        kind=inbox.Kind.LISTED,
        key=f"hazards3030.listed:{hazard.pk}",
        recipients=[*inbox.township_staff(hazard.township_id), hazard.responsible_user_id],
        title=_("隐患#%(id)s已由%(body)s挂牌督办,验收期限%(due)s")
        % {
            "id": hazard.pk,
            "body": supervision.issuing_body,
            "due": supervision.acceptance_due.isoformat(),
        },
        body=hazard.description[:200],
        url=hazard.get_absolute_url(),
    )


# --- Overdue job ----------------------------------------------------------------------------


@transaction.atomic
def mark_overdue_hazards(*, today: date) -> int:
    """Marks hazards open past their deadline and raises one notice per audience, once.

    Running it again the same day or the next creates nothing new. Returns how many hazards
    were newly marked.
    """
    due = list(
        Hazard.objects.overdue(on=today)
        .filter(overdue_marked_on__isnull=True)
        .select_for_update(of=("self",))
        .only("pk", "township_id", "responsible_user_id", "description", "deadline")
    )
    notices = []
    for hazard in due:
        text = _("隐患#%(id)s已超过整改期限(%(deadline)s):%(description)s") % {
            "id": hazard.pk,
            "deadline": hazard.deadline.isoformat(),
            "description": hazard.description[:60],
        }
        notices.append(
            EscalationNotice(
                hazard=hazard, township_id=hazard.township_id, audience=EscalationNotice.Audience.TOWNSHIP, message=text
            )
        )
        if hazard.responsible_user_id:
            notices.append(
                EscalationNotice(
                    hazard=hazard,
                    township_id=hazard.township_id,
                    audience=EscalationNotice.Audience.RESPONSIBLE,
                    recipient_id=hazard.responsible_user_id,
                    message=text,
                )
            )
    EscalationNotice.objects.bulk_create(notices, ignore_conflicts=True)
    Hazard.objects.filter(pk__in=[h.pk for h in due]).update(overdue_marked_on=today)
    _tell_overdue(due, {n.hazard.pk: n.message for n in notices})
    return len(due)


def _tell_overdue(hazards: list[Hazard], texts: dict[int, str]) -> None:
    """逾期督办 reaches the township's staff and the person responsible, once per hazard."""
    staff = inbox.staff_by_township({h.township_id for h in hazards})
    inbox.deliver_all(
        inbox.notice(
            kind=inbox.Kind.OVERDUE,
            key=f"hazards3030.overdue:{hazard.pk}",
            recipients=[*staff.get(hazard.township_id, []), hazard.responsible_user_id],
            title=texts[hazard.pk],
            url=hazard.get_absolute_url(),
        )
        for hazard in hazards
    )


# --- Accidents ------------------------------------------------------------------------------


@transaction.atomic
def save_accident(
    *,
    actor: User,
    accident: Accident | None = None,
    occurred_on: date = UNSET,
    township: Region = UNSET,
    industry: str = UNSET,
    level: str = UNSET,
    deaths: int = UNSET,
    injuries: int = UNSET,
    direct_loss: Decimal = UNSET,
    description: str = UNSET,
    investigation_report: str = UNSET,
    spot_checked: bool = UNSET,
) -> Accident:
    """登记或修改生产安全事故."""
    _require_filer(actor)
    accident = accident or Accident()
    changed = assign(
        accident,
        occurred_on=occurred_on,
        township=township,
        industry=industry,
        level=level,
        deaths=deaths,
        injuries=injuries,
        direct_loss=direct_loss,
        description=description,
        investigation_report=investigation_report,
        spot_checked=spot_checked,
    )
    _require_within(actor, accident.township if accident.township_id else None)
    errors = (
        check_counts(deaths=accident.deaths, injuries=accident.injuries)
        | check_not_negative(direct_loss=accident.direct_loss)
        | check_not_future(occurred_on=accident.occurred_on)
    )
    if errors:
        raise ValidationError(errors)
    accident.full_clean()
    save(accident, changed)
    return accident
