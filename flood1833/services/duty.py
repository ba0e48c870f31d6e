"""“1833”联合指挥: duty rosters and 一键通 roll calls, answered within a time limit."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from flood1833.models import DutyShift, RollCall, RollCallAnswer
from flood1833.services.access import can_command
from org import inbox
from org.access import require
from org.changes import UNSET, assign, save
from org.models import Region, User
from plan.models import CommandGroup


@transaction.atomic
def save_duty_shift(
    *,
    actor: User,
    shift: DutyShift | None = None,
    region: Region = UNSET,
    group: CommandGroup = UNSET,
    officer: User = UNSET,
    starts_at: datetime = UNSET,
    ends_at: datetime = UNSET,
) -> DutyShift:
    """排班: an officer on duty for a working group."""
    shift = shift or DutyShift()
    changed = assign(shift, region=region, group=group, officer=officer, starts_at=starts_at, ends_at=ends_at)
    require(can_command(actor, shift.region if shift.region_id else None), _("只有指挥部可以排班。"))
    # Before full_clean, whose check of the same rule would only name the database constraint.
    if shift.starts_at and shift.ends_at and shift.ends_at <= shift.starts_at:
        raise ValidationError({"ends_at": _("结束时间须晚于开始时间。")})
    officer_region = shift.officer.region if shift.officer_id else None
    if shift.region_id and shift.officer_id and (officer_region is None or not officer_region.is_within(shift.region)):
        raise ValidationError({"officer": _("值班人员须在该指挥部所在区划内工作。")})
    shift.full_clean()
    save(shift, changed)
    return shift


@transaction.atomic
def send_roll_call(*, actor: User, region: Region | None = None, note: str = "") -> RollCall:
    """一键通抽查: one answer row for every officer on duty now in the region."""
    region = region or actor.region
    require(can_command(actor, region), _("只有指挥部可以发起抽查。"))
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
    inbox.deliver(
        kind=inbox.Kind.ROLL_CALL,
        key=f"flood1833.roll_call:{roll_call.pk}",
        recipients=on_duty,
        title=_("一键通抽查:请在%(minutes)s分钟内签到(%(due)s前)。")
        % {
            "minutes": minutes,
            "due": timezone.localtime(due).strftime("%H:%M"),
        },
        body=note,
        url=reverse("flood1833:rollcalls"),
    )
    return roll_call


@transaction.atomic
def answer_roll_call(*, answer: RollCallAnswer, actor: User) -> RollCallAnswer:
    """签到: only the officer answers; answering twice keeps the first time."""
    require(answer.officer_id == actor.pk, _("只能本人应答。"))
    answer = RollCallAnswer.objects.select_for_update(of=("self",)).select_related("roll_call").get(pk=answer.pk)
    if answer.answered_at is None:
        answer.answered_at = timezone.now()
        answer.save(update_fields=["answered_at"])
    return answer


@transaction.atomic
def flag_unanswered_roll_calls(*, now: datetime) -> int:
    """Flags answers still missing past their time limit, and tells whoever sent each roll call
    who has not answered (one inbox notice per roll call); running it again flags nothing new."""
    due = RollCallAnswer.objects.filter(answered_at__isnull=True, flagged_at__isnull=True, due_at__lte=now)
    late = list(
        due.select_for_update(of=("self",), skip_locked=True)
        .select_related("roll_call", "officer")
        .order_by("roll_call_id", "officer__username")
    )
    RollCallAnswer.objects.filter(pk__in=[answer.pk for answer in late]).update(flagged_at=now)
    missing: dict[RollCall, list[str]] = {}
    for answer in late:
        missing.setdefault(answer.roll_call, []).append(answer.officer.get_full_name() or answer.officer.username)
    inbox.deliver_all(
        inbox.notice(
            kind=inbox.Kind.ROLL_CALL,
            key=f"flood1833.roll_call_missed:{roll_call.pk}",
            recipients=[roll_call.sent_by_id],
            title=_("一键通抽查(%(sent)s)有%(count)s人未按时签到:%(names)s")
            % {
                "sent": timezone.localtime(roll_call.sent_at).strftime("%m-%d %H:%M"),
                "count": len(names),
                "names": "、".join(names),
            },
            url=reverse("flood1833:rollcalls"),
        )
        for roll_call, names in missing.items()
    )
    return len(late)
