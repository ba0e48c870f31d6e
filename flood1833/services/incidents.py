"""事件信息报送: the 30/60-minute reporting clock for 重大 and 特别重大 incidents."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from flood1833 import sla
from flood1833.models import CLOCKED_LEVELS, Incident, IncidentNotice, IncidentUpdate, ResponseEvent
from flood1833.services.access import can_command
from org import inbox
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.models import Region, User
from org.validators import check_not_future_moment


@transaction.atomic
def save_incident(
    *,
    actor: User,
    incident: Incident | None = None,
    title: str = UNSET,
    township: Region = UNSET,
    event: ResponseEvent | None = UNSET,
    level: str = UNSET,
    is_disaster: bool = UNSET,
    occurred_at: datetime = UNSET,
    verbal_reported_at: datetime | None = UNSET,
    system_reported_at: datetime | None = UNSET,
    deaths: int = UNSET,
    injuries: int = UNSET,
    direct_loss: Decimal = UNSET,
    description: str = UNSET,
) -> Incident:
    """事件信息报送: records when it happened and when it was reported by phone and in the system.

    A report recorded after its deadline stores the breach; a report corrected to a time within
    the deadline clears it (for 重大 and 特别重大, the levels the clock runs for).
    """
    require(can_command(actor), _("您的角色不能报送事件。"))
    if incident is None or incident._state.adding:
        incident = incident or Incident(created_by=actor)
    else:
        # Under the row lock, so the clock job and this save see each other's breaches.
        incident = Incident.objects.select_for_update(of=("self",)).get(pk=incident.pk)
    changed = assign(
        incident,
        title=title,
        township=township,
        event=event,
        level=level,
        is_disaster=is_disaster,
        occurred_at=occurred_at,
        verbal_reported_at=verbal_reported_at,
        system_reported_at=system_reported_at,
        deaths=deaths,
        injuries=injuries,
        direct_loss=direct_loss,
        description=description,
    )
    require_within(actor, incident.township if incident.township_id else None)
    incident.full_clean()
    future = check_not_future_moment(
        occurred_at=incident.occurred_at,
        verbal_reported_at=incident.verbal_reported_at,
        system_reported_at=incident.system_reported_at,
    )
    if future:
        raise ValidationError(future)
    for field in (sla.VERBAL.reported_field, sla.SYSTEM.reported_field):
        reported = getattr(incident, field)
        if reported is not None and reported < incident.occurred_at:
            raise ValidationError({field: _("报告时间不能早于发生时间。")})
    if incident._state.adding or sla.CLOCK_INPUTS & set(changed):
        now = timezone.now()
        for clock, minutes in sla.limits_by_clock().items():
            setattr(incident, clock.breached_field, sla.breach(incident, clock, minutes=minutes, now=now))
            changed.append(clock.breached_field)
    save(incident, changed)
    return incident


@transaction.atomic
def add_incident_update(*, incident: Incident, actor: User, text: str) -> IncidentUpdate:
    """续报."""
    require(can_command(actor), _("您的角色不能报送事件。"))
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
        notices = [_overdue_notice(incident, clock, minutes) for incident in due]
        IncidentNotice.objects.bulk_create(notices, ignore_conflicts=True)
        _tell_township(notices)
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


def _tell_township(notices: list[IncidentNotice]) -> None:
    """报送超时 reaches the staff of the incident's township, once per incident and report."""
    staff = inbox.staff_by_township({n.township_id for n in notices})
    inbox.deliver_all(
        inbox.notice(
            kind=inbox.Kind.REPORT_OVERDUE,
            key=f"flood1833.incident:{n.incident.pk}:{n.clock}",
            recipients=staff.get(n.township_id, []),
            title=n.message,
            url=n.incident.get_absolute_url(),
        )
        for n in notices
    )
