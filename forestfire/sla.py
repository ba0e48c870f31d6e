"""The clocks of A6: hotspot verification within the hour, the first team at a fire within the hour.

The hotspot limit comes from plan.ServiceLevel (key ``hotspot_verify``), which the bureau edits;
the plan's 60 minutes is the fallback. The suppression circle reads key ``fire_arrival`` the same
way (the plan's “一小时扑救圈”, 60 minutes, when the table has no such row).
"""

from datetime import datetime, timedelta

from plan.models import ServiceLevel

HOTSPOT_KEY = "hotspot_verify"
FIRE_KEY = "fire_arrival"
DEFAULT_MINUTES = {HOTSPOT_KEY: 60, FIRE_KEY: 60}


def minutes(key: str) -> int:
    stored = ServiceLevel.objects.filter(key=key).values_list("minutes", flat=True).first()
    return stored if stored is not None else DEFAULT_MINUTES[key]


def hotspot_minutes() -> int:
    return minutes(HOTSPOT_KEY)


def fire_minutes() -> int:
    return minutes(FIRE_KEY)


def hotspot_breach(hotspot, *, limit: int, now: datetime) -> datetime | None:
    """The missed deadline to store after a verification was recorded or corrected.

    A verification after the deadline is a breach; one in time is not. With none yet, a breach
    already flagged stays (the job's, which also sent the notices) and none is added.
    """
    due = hotspot.received_at + timedelta(minutes=limit)
    if hotspot.verified_at is not None:
        return due if hotspot.verified_at > due else None
    if hotspot.breached_at is not None and now > due:
        return due
    return None
