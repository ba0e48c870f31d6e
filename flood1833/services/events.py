"""台风/强降雨过程 and its “633” response stages: entering a stage opens its defence measures for
every township and village and the transfers it requires; the measures are checked off one by one."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from flood1833.models import (
    DEFAULT_MOVE_STAGE,
    DEFAULT_MOVE_STAGE_WITHOUT_ZONE,
    MatrixTask,
    ResponseEvent,
    StageChange,
    Transfer,
    TransferPerson,
    ZoneRule,
)
from flood1833.services.access import can_command, can_confirm
from org.access import require
from org.errors import Conflict
from org.history import record_creations
from org.models import Region, User
from plan.models import ResponseLevel, ResponseStage, StageMeasure

BULK = 2_000


@transaction.atomic
def create_event(
    *,
    actor: User,
    name: str,
    kind: str = ResponseEvent.Kind.TYPHOON,
    region: Region | None = None,
    started_at: datetime | None = None,
    second: bool = False,
) -> ResponseEvent:
    """开始一次台风/强降雨过程 for the county (or one township for a local rainstorm).

    One open event per area: an event over the same area, a wider one or a narrower one still
    open is refused, unless a county administrator opens a second on purpose (``second``); pages
    then let the user choose between them."""
    region = region or actor.region
    require(can_command(actor, region), _("只有县级或本乡镇可以启动过程。"))
    if region is None or region.level not in (Region.Level.COUNTY, Region.Level.TOWNSHIP):
        raise ValidationError({"region": _("影响范围须为县或乡镇。")})
    overlapping = open_events_over(region).first()
    if overlapping is not None:
        if not second:
            raise Conflict(
                _("“%(name)s”仍在进行,同一范围只能有一个进行中的过程;确需同时启动,请由县级管理员勾选“另行启动”。")
                % {"name": overlapping.name}
            )
        require(
            actor.is_superuser or actor.role == User.Role.COUNTY_ADMIN,
            _("只有县级管理员可以另行启动同一范围的第二个过程。"),
        )
    event = ResponseEvent(
        name=name, kind=kind, region=region, started_at=started_at or timezone.now(), created_by=actor
    )
    event.full_clean()
    event.save()
    return event


def open_events_over(region: Region) -> QuerySet[ResponseEvent]:
    """Open events whose area overlaps ``region``: the same, a wider or a narrower one."""
    above = [int(pk) for pk in region.path.strip("/").split("/") if pk]
    return ResponseEvent.objects.filter(ended_at__isnull=True).filter(
        Q(region_id__in=above) | Q(region__path__startswith=region.path)
    )


def _reason(note: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写理由。")})
    return note


@transaction.atomic
def change_stage(*, event: ResponseEvent, actor: User, stage_order: int, note: str) -> ResponseEvent:
    """Raises or lowers the response stage, with the reason kept in the stage history; entering a
    stage opens its 633 measures and the transfers it requires. Entering a stage again (raise,
    lower, raise) adds nothing twice."""
    require(can_command(actor, event.region), _("只有指挥部可以调整响应阶段。"))
    note = _reason(note)
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
def end_event(*, event: ResponseEvent, actor: User, note: str) -> ResponseEvent:
    """结束过程, with the reason kept in the stage history (a change to no stage): after it,
    people may be marked returned whatever the stage."""
    require(can_command(actor, event.region), _("只有指挥部可以结束过程。"))
    note = _reason(note)
    event = ResponseEvent.objects.select_for_update(of=("self",)).get(pk=event.pk)
    if event.ended_at is not None:
        raise Conflict(_("该过程已结束。"))
    event.ended_at = timezone.now()
    event.save(update_fields=["ended_at"])
    StageChange.objects.create(event=event, from_stage_id=event.stage_id, to_stage=None, actor=actor, note=note)
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
    require(can_confirm(actor), _("您的角色不能确认措施落实。"))
    task = MatrixTask.objects.select_for_update(of=("self",)).get(pk=task.pk)
    if task.done_at is not None:
        raise Conflict(_("该措施已落实。"))
    task.done_at = timezone.now()
    task.done_by = actor
    task.note = note
    task.save(update_fields=["done_at", "done_by", "note"])
    return task
