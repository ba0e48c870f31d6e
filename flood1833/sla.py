"""The reporting clock (A2.report): verbal report within 30 minutes, system first report within 60.

The limits come from plan.ServiceLevel (keys ``verbal_report`` and ``system_report``), which the
bureau edits; the plan's figures are the fallback. The clock runs for incidents of level 重大 and
特别重大 (``CLOCKED_LEVELS``). A breach is stored on the incident as the deadline that was missed
(``verbal_breached_at`` / ``system_breached_at``), so a later change of the limits does not
rewrite what was late under the limits in force at the time.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from plan.models import ServiceLevel

DEFAULT_MINUTES = {"verbal_report": 30, "system_report": 60}


@dataclass(frozen=True)
class Clock:
    key: str  # IncidentNotice.Clock
    limit_key: str  # plan.ServiceLevel.key
    reported_field: str
    breached_field: str


VERBAL = Clock("verbal", "verbal_report", "verbal_reported_at", "verbal_breached_at")
SYSTEM = Clock("system", "system_report", "system_reported_at", "system_breached_at")
CLOCKS = (VERBAL, SYSTEM)
# Fields whose change moves a clock.
CLOCK_INPUTS = {"level", "occurred_at", VERBAL.reported_field, SYSTEM.reported_field}


def limits() -> tuple[int, int]:
    """(verbal, system) in minutes."""
    minutes = dict(DEFAULT_MINUTES)
    minutes.update(ServiceLevel.objects.filter(key__in=DEFAULT_MINUTES).values_list("key", "minutes"))
    return minutes["verbal_report"], minutes["system_report"]


def limits_by_clock() -> dict[Clock, int]:
    verbal, system = limits()
    return {VERBAL: verbal, SYSTEM: system}


def breach(incident, clock: Clock, *, minutes: int, now: datetime) -> datetime | None:
    """The missed deadline to store for one clock after a report was recorded or corrected.

    A report after the deadline is a breach; one in time is not (even if the job had flagged it
    before the report was entered). With no report, a breach already flagged stays (against the
    deadline as it is now) and none is added: flagging a missing report is the job's, which also
    notifies the township.
    """
    if not incident.is_clocked:
        return None
    due = incident.occurred_at + timedelta(minutes=minutes)
    reported = getattr(incident, clock.reported_field)
    if reported is not None:
        return due if reported > due else None
    if getattr(incident, clock.breached_field) is not None and now > due:
        return due
    return None
