"""Every write of the flood response goes through here: pages, the API, imports and jobs alike.

Transfers (转移闭环): 待转移 pending → 已通知 notified → 已转移 moved → 已安置 sheltered / 投亲靠友
with_relatives → 已返回 returned. A step may skip ahead (a cadre who finds the family already moved
confirms 已转移 directly) but never goes back; 已安置 and 投亲靠友 may swap (check-out to relatives,
or check-in after all); 已返回 only once the response is lifted. Each confirmation carries the
client's request id: a retried request is answered with the same result and applied once.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from flood1833 import sla
from flood1833.models import (
    CLOCKED_LEVELS,
    DEFAULT_MOVE_STAGE,
    DEFAULT_MOVE_STAGE_WITHOUT_ZONE,
    DangerZone,
    Depot,
    DepotItem,
    DutyShift,
    Incident,
    IncidentNotice,
    IncidentUpdate,
    MatrixTask,
    ResponseEvent,
    RollCall,
    RollCallAnswer,
    Shelter,
    StageChange,
    Transfer,
    TransferPerson,
    TransferStep,
    ZoneRule,
)
from org.errors import Conflict
from org.history import record_creations
from org.models import Region, User
from plan.models import ResponseLevel, ResponseStage, StageMeasure

Status = Transfer.Status
FIELD_ROLES = {User.Role.COUNTY_ADMIN, User.Role.TOWNSHIP_STAFF, User.Role.VILLAGE_CADRE}
COMMAND_ROLES = {User.Role.COUNTY_ADMIN, User.Role.TOWNSHIP_STAFF}
# How far along the loop each status is; a confirmation moves forward only.
RANK = {
    Status.PENDING: 0,
    Status.NOTIFIED: 1,
    Status.MOVED: 2,
    Status.SHELTERED: 3,
    Status.WITH_RELATIVES: 3,
    Status.RETURNED: 4,
}
SAFE_STATUSES = [Status.MOVED, Status.SHELTERED, Status.WITH_RELATIVES, Status.RETURNED]
BULK = 2_000


# --- Who may do what ------------------------------------------------------------------------


def can_see_id_numbers(user: User) -> bool:
    """Whole ID numbers are for county administrators; everyone else sees them masked."""
    return user.is_superuser or user.role == User.Role.COUNTY_ADMIN


def can_confirm(user: User) -> bool:
    return user.is_superuser or (user.can_write and user.role in FIELD_ROLES)


def can_command(user: User, region: Region | None = None) -> bool:
    """Start events, change stages, send roll calls: the county, or a township for its own area."""
    if user.is_superuser:
        return True
    if not (user.can_write and user.role in COMMAND_ROLES and user.region is not None):
        return False
    return region is None or region.is_within(user.region)


def can_manage_lists(user: User) -> bool:
    """Keep the transfer lists, shelters, rosters and reserves on the pages: the county anywhere, a
    township in its own area; village cadres read them."""
    return can_command(user)


def responsible_choices(user: User):
    """The cadres and staff a person's transfer may be assigned to: those within the user's area."""
    if user.is_superuser:
        return User.objects.filter(is_active=True)
    if user.region is None:
        return User.objects.none()
    return User.objects.filter(region__path__startswith=user.region.path, is_active=True)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _require_within(user: User, region: Region) -> None:
    if not user.is_superuser and (user.region is None or not region.is_within(user.region)):
        raise PermissionDenied(_("只能登记本辖区的数据。"))


# --- Events and stages ----------------------------------------------------------------------


@transaction.atomic
def create_event(
    *,
    actor: User,
    name: str,
    kind: str = ResponseEvent.Kind.TYPHOON,
    region: Region | None = None,
    started_at: datetime | None = None,
) -> ResponseEvent:
    """开始一次台风/强降雨过程 for the county (or one township for a local rainstorm)."""
    region = region or actor.region
    _require(can_command(actor, region), _("只有县级或本乡镇可以启动过程。"))
    if region is None or region.level not in (Region.Level.COUNTY, Region.Level.TOWNSHIP):
        raise ValidationError({"region": _("影响范围须为县或乡镇。")})
    event = ResponseEvent(
        name=name, kind=kind, region=region, started_at=started_at or timezone.now(), created_by=actor
    )
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def change_stage(*, event: ResponseEvent, actor: User, stage_order: int, note: str = "") -> ResponseEvent:
    """Raises or lowers the response stage; entering a stage opens its 633 measures and the transfers
    it requires. Entering a stage again (raise, lower, raise) adds nothing twice."""
    _require(can_command(actor, event.region), _("只有指挥部可以调整响应阶段。"))
    event = ResponseEvent.objects.select_for_update(of=("self",)).select_related("region", "stage").get(pk=event.pk)
    if event.ended_at is not None:
        raise Conflict(_("该过程已结束。"))
    stage = ResponseStage.objects.filter(order=stage_order).first()
    if stage is None:
        raise ValidationError({"stage": _("没有顺序为 %(n)s 的响应阶段。") % {"n": stage_order}})
    if event.stage_id == stage.pk:
        raise Conflict(_("已处于“%(stage)s”阶段。") % {"stage": stage.name})
    StageChange.objects.create(event=event, from_stage=event.stage, to_stage=stage, actor=actor, note=note)
    event.stage = stage
    event.save(update_fields=["stage"])
    open_matrix_tasks(event=event, stage=stage, actor=actor)
    open_transfers(event=event, stage=stage)
    return event


@transaction.atomic
def end_event(*, event: ResponseEvent, actor: User) -> ResponseEvent:
    """结束过程: after it, people may be marked returned whatever the stage."""
    _require(can_command(actor, event.region), _("只有指挥部可以结束过程。"))
    event = ResponseEvent.objects.select_for_update(of=("self",)).get(pk=event.pk)
    if event.ended_at is not None:
        raise Conflict(_("该过程已结束。"))
    event.ended_at = timezone.now()
    event.save(update_fields=["ended_at"])
    return event


def open_matrix_tasks(*, event: ResponseEvent, stage: ResponseStage, actor: User | None = None) -> int:
    """One task per measure of the stage: 乡级 for each township, 村级 and 群众 for each village.

    Called under the event's row lock; tasks already there (matched by stage, level, measure slot
    and region) are left alone, so re-entering a stage never duplicates them.
    """
    township_level = ResponseLevel.objects.order_by("order").first()
    measures = list(StageMeasure.objects.filter(stage=stage).order_by("level__order", "order"))
    areas = Region.objects.within(event.region)
    townships = list(areas.townships().values_list("pk", flat=True))
    villages = list(areas.villages().values_list("pk", "parent_id"))
    existing = set(MatrixTask.objects.filter(event=event, stage=stage).values_list("level_id", "order", "region_id"))
    fresh = []
    for measure in measures:
        targets = [(pk, pk) for pk in townships] if measure.level_id == township_level.pk else villages
        for region_id, township_id in targets:
            if (measure.level_id, measure.order, region_id) in existing:
                continue
            fresh.append(
                MatrixTask(
                    event=event,
                    stage=stage,
                    level_id=measure.level_id,
                    measure=measure,
                    text=measure.text,
                    order=measure.order,
                    region_id=region_id,
                    township_id=township_id,
                )
            )
    created = MatrixTask.objects.bulk_create(fresh, batch_size=BULK)
    record_creations(MatrixTask, [task.pk for task in created], user=actor, reason=_("响应阶段启动"))
    return len(created)


def move_stage_by_kind() -> dict[str, int]:
    """何时转: each zone kind's starting stage, the bureau's rules over the defaults."""
    rules = dict(DEFAULT_MOVE_STAGE)
    rules.update(ZoneRule.objects.values_list("kind", "stage_order"))
    return rules


def open_transfers(
    *, event: ResponseEvent, stage: ResponseStage, people: QuerySet[TransferPerson] | None = None
) -> int:
    """Opens a 待转移 transfer for everyone whose zone must move at this stage, once per person
    (only among ``people`` when given). A lifted stage (解除) opens none."""
    if stage.is_lifted:
        return 0
    due_kinds = [kind for kind, order in move_stage_by_kind().items() if order <= stage.order]
    due = Q(zone__kind__in=due_kinds)
    if stage.order >= DEFAULT_MOVE_STAGE_WITHOUT_ZONE:
        due |= Q(zone__isnull=True)
    if people is not None:
        due &= Q(pk__in=people.values("pk"))
    rows = (
        TransferPerson.objects.filter(due, village__path__startswith=event.region.path)
        .exclude(transfers__event=event)
        .values_list("pk", "village_id", "village__parent_id", "zone__kind")
    )
    fresh = [
        Transfer(event=event, person_id=pk, village_id=village, township_id=township, zone_kind=kind or "")
        for pk, village, township, kind in rows.iterator(chunk_size=BULK)
    ]
    Transfer.objects.bulk_create(fresh, batch_size=BULK)
    return len(fresh)


def open_transfers_for(*, people: QuerySet[TransferPerson]) -> int:
    """People registered (or edited) while an event is on get their transfer at once if the event
    has already reached the stage at which their zone must move: the rule of ``change_stage``.

    Each ongoing event over their villages is locked as ``change_stage`` locks it, so a stage
    raised at the same moment either sees these people or is seen here; nobody is missed and
    nobody is opened twice. Call it inside the transaction that saved them.
    """
    paths = Region.objects.filter(pk__in=people.values("village_id")).values_list("path", flat=True)
    above = {int(pk) for path in paths for pk in path.strip("/").split("/") if pk}
    ongoing = ResponseEvent.objects.filter(ended_at__isnull=True, region_id__in=above).order_by("pk")
    locked = list(ongoing.select_for_update().values_list("pk", flat=True))
    # Read after the lock: a stage change that held it is committed by now.
    events = ResponseEvent.objects.filter(pk__in=locked, stage__isnull=False).select_related("stage", "region")
    return sum(open_transfers(event=event, stage=event.stage, people=people) for event in events)


# --- The 633 matrix -------------------------------------------------------------------------


@transaction.atomic
def complete_task(*, task: MatrixTask, actor: User, note: str = "") -> MatrixTask:
    """落实一项防御措施: who and when, with a note."""
    _require(can_confirm(actor), _("您的角色不能确认措施落实。"))
    task = MatrixTask.objects.select_for_update(of=("self",)).get(pk=task.pk)
    if task.done_at is not None:
        raise Conflict(_("该措施已落实。"))
    task.done_at = timezone.now()
    task.done_by = actor
    task.note = note
    task.save(update_fields=["done_at", "done_by", "note"])
    return task


# --- People, zones and shelters -------------------------------------------------------------


def _save(instance, *, actor: User, region: Region, fields: dict):
    _require(can_manage_lists(actor), _("您的角色不能修改转移名单。"))
    _require_within(actor, region)
    instance.full_clean()
    if instance._state.adding:
        instance.save()
    else:
        instance.save(update_fields=list(fields))
    return instance


@transaction.atomic
def save_person(*, actor: User, person: TransferPerson | None = None, **fields) -> TransferPerson:
    """登记或修改转移对象 in the actor's area; during an event, one already due is opened a transfer."""
    person = person or TransferPerson()
    for name, value in fields.items():
        setattr(person, name, value)
    person.id_number = (person.id_number or "").strip().upper()
    if person.zone is not None and person.zone.village_id != person.village_id:
        raise ValidationError({"zone": _("危险区域不在该村。")})
    _check_responsible(person)
    _save(person, actor=actor, region=person.village, fields=fields)
    open_transfers_for(people=TransferPerson.objects.filter(pk=person.pk))
    return person


def _check_responsible(person: TransferPerson) -> None:
    """谁去转: someone who works in the person's village or in its township."""
    if person.responsible is None or person.village_id is None:
        return
    if person.responsible.region_id not in (person.village_id, person.village.parent_id):
        message = _("转移责任人须为本村或本乡镇的人员。")
        raise ValidationError({"responsible": message})


@transaction.atomic
def save_zone(*, actor: User, zone: DangerZone | None = None, **fields) -> DangerZone:
    """登记或修改危险区域."""
    zone = zone or DangerZone()
    for name, value in fields.items():
        setattr(zone, name, value)
    return _save(zone, actor=actor, region=zone.village, fields=fields)


@transaction.atomic
def save_shelter(*, actor: User, shelter: Shelter | None = None, **fields) -> Shelter:
    """登记或修改避灾安置场所 (a township or the county manages them)."""
    shelter = shelter or Shelter()
    for name, value in fields.items():
        setattr(shelter, name, value)
    if shelter.village is not None and shelter.village.parent_id != shelter.township_id:
        raise ValidationError({"village": _("该村不属于所选乡镇。")})
    return _save(shelter, actor=actor, region=shelter.township, fields=fields)


# --- Transfers ------------------------------------------------------------------------------


def next_statuses(transfer: Transfer, event: ResponseEvent) -> list[str]:
    """The statuses a cadre may confirm next, in the order the buttons show them."""
    return _next_statuses(transfer.status, event.allows_return)


def _next_statuses(current: str, allows_return: bool) -> list[str]:
    return [s for s in Status.values if _allowed(current, s) and (s != Status.RETURNED or allows_return)]


def _allowed(current: str, target: str) -> bool:
    if current == target or current == Status.RETURNED:
        return False
    if target == Status.RETURNED:
        return RANK[current] >= RANK[Status.MOVED]
    return RANK[target] >= RANK[current]


@transaction.atomic
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
    # One row lock per person: of two confirmations at once, the second sees the first's result,
    # and a retried request id is looked up only under the lock (in a statement of its own, so it
    # sees what the transaction that held the lock committed), so it is answered, never re-applied.
    # The row comes with what the answer shows (person, village, the event's stage).
    transfer = (
        (Transfer.objects.all() if within is None else within)
        .select_for_update(of=("self",))
        .select_related("event__stage", "person", "village")
        .get(pk=getattr(transfer, "pk", transfer))
    )
    _require(can_confirm(actor), _("您的角色不能确认转移。"))
    if _is_replay(transfer, request_id):
        return transfer, True
    _check_move(transfer, status)
    from_status = transfer.status
    if status == Status.SHELTERED:
        _check_in(transfer, shelter)
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


def _is_replay(transfer: Transfer, request_id: str) -> bool:
    """Whether this request id was already applied to this person (a request id names one
    confirmation of one person: used for another, it is refused)."""
    if not request_id:
        return False
    applied_to = TransferStep.objects.filter(request_id=request_id).values_list("transfer_id", flat=True).first()
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


# --- 1833: duty rosters and roll calls ------------------------------------------------------


@transaction.atomic
def save_duty_shift(*, actor: User, shift: DutyShift | None = None, **fields) -> DutyShift:
    """排班: an officer on duty for a working group."""
    shift = shift or DutyShift()
    for name, value in fields.items():
        setattr(shift, name, value)
    _require(can_command(actor, shift.region), _("只有指挥部可以排班。"))
    # Before full_clean, whose check of the same rule would only name the database constraint.
    if shift.starts_at and shift.ends_at and shift.ends_at <= shift.starts_at:
        raise ValidationError({"ends_at": _("结束时间须晚于开始时间。")})
    officer_region = shift.officer.region if shift.officer_id else None
    if shift.region_id and shift.officer_id and (officer_region is None or not officer_region.is_within(shift.region)):
        raise ValidationError({"officer": _("值班人员须在该指挥部所在区划内工作。")})
    shift.full_clean()
    shift.save()
    return shift


@transaction.atomic
def send_roll_call(*, actor: User, region: Region | None = None, note: str = "") -> RollCall:
    """一键通抽查: one answer row for every officer on duty now in the region."""
    region = region or actor.region
    _require(can_command(actor, region), _("只有指挥部可以发起抽查。"))
    now = timezone.now()
    shifts = DutyShift.objects.filter(region__path__startswith=region.path, starts_at__lte=now, ends_at__gt=now)
    on_duty = {}
    for officer_id, group_id, region_id in shifts.values_list("officer_id", "group_id", "region_id"):
        on_duty.setdefault(officer_id, (group_id, region_id))
    if not on_duty:
        raise ValidationError(_("当前没有在岗值班人员。"))
    minutes = settings.FLOOD_ROLL_CALL_ANSWER_MINUTES
    roll_call = RollCall.objects.create(
        region=region, sent_at=now, sent_by=actor, answer_within_minutes=minutes, note=note
    )
    due = now + timedelta(minutes=minutes)
    RollCallAnswer.objects.bulk_create(
        RollCallAnswer(roll_call=roll_call, officer_id=officer, group_id=group, region_id=where, due_at=due)
        for officer, (group, where) in on_duty.items()
    )
    return roll_call


@transaction.atomic
def answer_roll_call(*, answer: RollCallAnswer, actor: User) -> RollCallAnswer:
    """签到: only the officer answers; answering twice keeps the first time."""
    _require(answer.officer_id == actor.pk, _("只能本人应答。"))
    answer = RollCallAnswer.objects.select_for_update(of=("self",)).select_related("roll_call").get(pk=answer.pk)
    if answer.answered_at is None:
        answer.answered_at = timezone.now()
        answer.save(update_fields=["answered_at"])
    return answer


def flag_unanswered_roll_calls(*, now: datetime) -> int:
    """Flags answers still missing past their time limit; running it again flags nothing new."""
    due = RollCallAnswer.objects.filter(answered_at__isnull=True, flagged_at__isnull=True, due_at__lte=now)
    return due.update(flagged_at=now)


# --- Incident reports -----------------------------------------------------------------------


@transaction.atomic
def save_incident(*, actor: User, incident: Incident | None = None, **fields) -> Incident:
    """事件信息报送: records when it happened and when it was reported by phone and in the system.

    A report recorded after its deadline stores the breach; a report corrected to a time within
    the deadline clears it (for 重大 and 特别重大, the levels the clock runs for).
    """
    _require(can_command(actor), _("您的角色不能报送事件。"))
    if incident is None or incident._state.adding:
        incident = incident or Incident(created_by=actor)
    else:
        # Under the row lock, so the clock job and this save see each other's breaches.
        incident = Incident.objects.select_for_update(of=("self",)).get(pk=incident.pk)
    for name, value in fields.items():
        setattr(incident, name, value)
    _require_within(actor, incident.township)
    incident.full_clean()
    for field in (sla.VERBAL.reported_field, sla.SYSTEM.reported_field):
        reported = getattr(incident, field)
        if reported is not None and reported < incident.occurred_at:
            raise ValidationError({field: _("报告时间不能早于发生时间。")})
    changed = list(fields)
    if incident._state.adding or sla.CLOCK_INPUTS & set(fields):
        now = timezone.now()
        for clock, minutes in sla.limits_by_clock().items():
            setattr(incident, clock.breached_field, sla.breach(incident, clock, minutes=minutes, now=now))
            changed.append(clock.breached_field)
    if incident._state.adding:
        incident.save()
    else:
        incident.save(update_fields=changed)
    return incident


@transaction.atomic
def add_incident_update(*, incident: Incident, actor: User, text: str) -> IncidentUpdate:
    """续报."""
    _require(can_command(actor), _("您的角色不能报送事件。"))
    if not text.strip():
        raise ValidationError({"text": _("请填写续报内容。")})
    return IncidentUpdate.objects.create(incident=incident, actor=actor, text=text)


@transaction.atomic
def flag_overdue_incident_reports(*, now: datetime) -> int:
    """Flags the reports of 重大 and 特别重大 incidents still missing past their deadline and sends
    the township one notice per incident and report. Running it again flags and sends nothing new.

    Returns how many breaches were newly flagged (an incident may count for both reports).
    """
    flagged = 0
    for clock, minutes in sla.limits_by_clock().items():
        limit = timedelta(minutes=minutes)
        due = list(
            Incident.objects.filter(
                level__in=CLOCKED_LEVELS,
                occurred_at__lt=now - limit,
                **{f"{clock.reported_field}__isnull": True, f"{clock.breached_field}__isnull": True},
            )
            .select_for_update(of=("self",))
            .only("pk", "title", "township_id", "occurred_at")
        )
        if not due:
            continue
        IncidentNotice.objects.bulk_create(
            [_overdue_notice(incident, clock, minutes) for incident in due], ignore_conflicts=True
        )
        flagged += Incident.objects.filter(pk__in=[incident.pk for incident in due]).update(
            **{clock.breached_field: F("occurred_at") + limit}
        )
    return flagged


def _overdue_notice(incident: Incident, clock: sla.Clock, minutes: int) -> IncidentNotice:
    text = _("事件“%(title)s”(%(occurred)s发生)已超过%(report)s时限%(minutes)s分钟,请立即报送。") % {
        "title": incident.title[:60],
        "occurred": timezone.localtime(incident.occurred_at).strftime("%m-%d %H:%M"),
        "report": IncidentNotice.Clock(clock.key).label,
        "minutes": minutes,
    }
    return IncidentNotice(incident=incident, township_id=incident.township_id, clock=clock.key, message=text)


# --- Material reserves ----------------------------------------------------------------------


@transaction.atomic
def save_depot(*, actor: User, depot: Depot | None = None, **fields) -> Depot:
    depot = depot or Depot()
    for name, value in fields.items():
        setattr(depot, name, value)
    _require(can_command(actor), _("您的角色不能管理物资。"))
    _require_within(actor, depot.region)
    depot.full_clean()
    depot.save()
    return depot


@transaction.atomic
def save_depot_item(*, actor: User, item: DepotItem | None = None, **fields) -> DepotItem:
    item = item or DepotItem()
    for name, value in fields.items():
        setattr(item, name, value)
    _require(can_command(actor), _("您的角色不能管理物资。"))
    _require_within(actor, item.depot.region)
    item.full_clean()
    item.save()
    return item
