"""Transfers (转移闭环): 待转移 pending → 已通知 notified → 已转移 moved → 已安置 sheltered / 投亲靠友
with_relatives → 已返回 returned. A step may skip ahead (a cadre who finds the family already moved
confirms 已转移 directly) but never goes back; 已安置 and 投亲靠友 may swap (check-out to relatives,
or check-in after all); 已返回 only once the response is lifted. Each confirmation carries the
client's request id: a retried request is answered with the same result and applied once.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from flood1833.models import ResponseEvent, Shelter, Transfer, TransferStep
from flood1833.services.access import can_command, can_confirm
from org.access import require
from org.errors import Conflict
from org.models import Region, User

Status = Transfer.Status
CORRECTABLE = TransferStep.objects.filter(corrects__isnull=True, correction__isnull=True)
# How far along the loop each status is; a confirmation moves forward only.
RANK = {
    Status.PENDING: 0,
    Status.NOTIFIED: 1,
    Status.MOVED: 2,
    Status.SHELTERED: 3,
    Status.WITH_RELATIVES: 3,
    Status.RETURNED: 4,
}
# The transfer's own columns, and of its relations what the rules and the answer read.
LOCKED_COLUMNS = [
    *(field.name for field in Transfer._meta.concrete_fields),
    "event__region",
    "event__ended_at",
    "event__stage__is_lifted",
    "person__name",
    "person__phone",
    "village__name",
    "village__path",
    "township__name",
]
SAFE_STATUSES = [Status.MOVED, Status.SHELTERED, Status.WITH_RELATIVES, Status.RETURNED]


def next_statuses(transfer: Transfer, event: ResponseEvent) -> list[str]:
    """The statuses a cadre may confirm next, in the order the buttons show them."""
    allows_return = event.allows_return
    return [s for s in Status.values if _allowed(transfer.status, s) and (s != Status.RETURNED or allows_return)]


def _allowed(current: str, target: str) -> bool:
    if current == target or current == Status.RETURNED:
        return False
    if target == Status.RETURNED:
        return RANK[current] >= RANK[Status.MOVED]
    return RANK[target] >= RANK[current]


def confirm_transfer(
    *,
    transfer: Transfer | int,
    actor: User,
    status: str,
    request_id: str = "",
    shelter: Shelter | None = None,
    location: str = "",
    within: QuerySet | None = None,
) -> tuple[Transfer, bool]:
    """Confirms where a person is now. Returns the transfer and whether this was a replay of a
    request already applied (same request id): then nothing changes and the answer is the same.

    ``within`` limits which transfers may be confirmed (the caller's scope): a transfer outside it
    raises ``Transfer.DoesNotExist``, like a missing one."""
    try:
        return _confirm(transfer, actor, status, request_id, shelter, location, within)
    except IntegrityError:
        # Of what a confirmation writes only the request id is unique: a retry whose step was
        # taken back by a correction (so its move was allowed again), or an id already used for
        # another person. Nothing of it was written; it is answered as the step it repeats.
        if request_id:
            with transaction.atomic():
                transfer = _locked(transfer, within)
                if _is_replay(transfer, request_id):
                    return transfer, True
        raise


@transaction.atomic
def _confirm(transfer, actor, status, request_id, shelter, location, within) -> tuple[Transfer, bool]:
    # One row lock per person: of two confirmations at once, the second sees the first's result.
    # A retried request finds its own move refused under the lock (the person is already there);
    # only then is its request id looked up, in a statement of its own, so it sees what the
    # transaction that held the lock committed, and it is answered, never re-applied. A fresh
    # confirmation never looks: the unique request id stops the rare retry whose move is allowed
    # again. The row comes with what the answer shows (person, village, the event's stage).
    transfer = _locked(transfer, within)
    require(can_confirm(actor), _("您的角色不能确认转移。"))
    try:
        _check_move(transfer, status)
        if status == Status.SHELTERED:
            _check_in(transfer, shelter)
    except (ValidationError, Conflict):
        if _is_replay(transfer, request_id):
            return transfer, True
        raise
    from_status = transfer.status
    if status == Status.SHELTERED:
        location = location or shelter.name
    transfer.status = status
    transfer.location = location or transfer.location
    transfer.updated_at = timezone.now()
    transfer.updated_by = actor
    transfer.save(update_fields=["status", "shelter", "location", "updated_at", "updated_by"])
    TransferStep.objects.create(
        transfer=transfer,
        from_status=from_status,
        to_status=status,
        shelter=transfer.shelter if status == Status.SHELTERED else None,
        location=transfer.location,
        actor=actor,
        request_id=request_id or None,
    )
    return transfer, False


@transaction.atomic
def correct_transfer(
    *,
    transfer: Transfer | int,
    actor: User,
    reason: str,
    request_id: str = "",
    within: QuerySet | None = None,
) -> tuple[Transfer, bool]:
    """更正: takes back the person's last step that still stands, recorded as a correction step
    (who, when, why) that moves the status back to what that step found; history is kept whole.

    A cadre corrects their own last step within ``FLOOD_UNDO_MINUTES``; township staff and the
    county correct the last step of anyone in their area at any time, again and again to walk
    further back. Returns the transfer and whether this was a replay (same request id)."""
    transfer = _locked(transfer, within)
    require(can_confirm(actor), _("您的角色不能确认转移。"))
    if _is_replay(transfer, request_id):
        return transfer, True
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请说明更正原因。")})
    last = CORRECTABLE.filter(transfer=transfer).order_by("-id").first()
    if last is None:
        raise Conflict(_("没有可以更正的确认记录。"))
    _check_correction(actor, transfer, last)
    from_status = transfer.status
    transfer.status = last.from_status or Status.PENDING
    if last.to_status == Status.SHELTERED or transfer.status == Status.SHELTERED:
        # Back to the shelter of the step that still stands (none before any check-in).
        earlier = CORRECTABLE.filter(transfer=transfer, to_status=Status.SHELTERED).exclude(pk=last.pk)
        transfer.shelter_id = earlier.order_by("-id").values_list("shelter_id", flat=True).first()
    transfer.updated_at = timezone.now()
    transfer.updated_by = actor
    transfer.full_clean(validate_unique=False, validate_constraints=False)
    transfer.save(update_fields=["status", "shelter", "updated_at", "updated_by"])
    step = TransferStep(
        transfer=transfer,
        from_status=from_status,
        to_status=transfer.status,
        location=transfer.location,
        actor=actor,
        request_id=request_id or None,
        corrects=last,
        reason=reason,
    )
    step.full_clean(validate_unique=False, validate_constraints=False)
    step.save()
    return transfer, False


def undo_window() -> timedelta:
    return timedelta(minutes=settings.FLOOD_UNDO_MINUTES)


def _check_correction(actor: User, transfer: Transfer, last: TransferStep) -> None:
    if can_command(actor, transfer.village):
        return
    if last.actor_id != actor.pk:
        raise PermissionDenied(_("只能更正本人确认的最后一步;其他人的确认请乡镇更正。"))
    if last.at < timezone.now() - undo_window():
        raise PermissionDenied(
            _("已超过%(minutes)s分钟,不能再更正;请联系乡镇更正。") % {"minutes": settings.FLOOD_UNDO_MINUTES}
        )


def _locked(transfer: Transfer | int, within: QuerySet | None) -> Transfer:
    """The transfer under its row lock, found within ``within``, with what the rules and the answer
    read of its person, places and event (the columns named here, no more: this runs on every
    confirmation in a typhoon). Raises ``Transfer.DoesNotExist`` when it is missing or out of scope."""
    return (
        (Transfer.objects.all() if within is None else within)
        .select_for_update(of=("self",))
        .select_related("event__stage", "person", "village", "township")
        .only(*LOCKED_COLUMNS)
        .get(pk=getattr(transfer, "pk", transfer))
    )


def _is_replay(transfer: Transfer, request_id: str) -> bool:
    """Whether this request id was already applied to this person (a request id names one
    confirmation of one person: used for another, it is refused)."""
    if not request_id:
        return False
    # Request ids are unique: at most one step, so no ordering.
    found = TransferStep.objects.filter(request_id=request_id).order_by().values_list("transfer_id", flat=True)
    applied_to = next(iter(found[:1]), None)
    if applied_to is None:
        return False
    if applied_to != transfer.pk:
        raise Conflict(_("该请求编号已用于其他人员。"))
    return True


def _check_move(transfer: Transfer, status: str) -> None:
    if status not in Status.values:
        raise ValidationError({"status": _("未知状态“%(s)s”。") % {"s": status}})
    if status == Status.RETURNED and not transfer.event.allows_return:
        raise Conflict(_("响应尚未解除,不能返回。"))
    if not _allowed(transfer.status, status):
        raise Conflict(
            _("当前状态为“%(current)s”,不能改为“%(target)s”。")
            % {"current": transfer.get_status_display(), "target": Status(status).label}
        )


def _check_in(transfer: Transfer, shelter: Shelter | None) -> None:
    """入住: head count against capacity, counted under the shelter's row lock."""
    if shelter is None:
        raise ValidationError({"shelter": _("请选择安置场所。")})
    shelter = Shelter.objects.select_for_update(of=("self",)).get(pk=shelter.pk)
    if not Region.objects.filter(pk=shelter.township_id).within(transfer.event.region).exists():
        raise ValidationError({"shelter": _("安置场所不在本次过程的范围内。")})
    present = Transfer.objects.filter(shelter=shelter, status=Status.SHELTERED).count()
    if present >= shelter.capacity:
        raise Conflict(
            _("安置场所“%(name)s”已满(容纳%(capacity)s人,已安置%(present)s人),请安排其他场所。")
            % {"name": shelter.name, "capacity": shelter.capacity, "present": present}
        )
    transfer.shelter = shelter
