"""The reporting clock (A2.report): verbal report within 30 minutes, system first report within 60.

The limits come from plan.ServiceLevel (keys ``verbal_report`` and ``system_report``), which the
bureau edits; the plan's figures are the fallback.
"""

from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from plan.models import ServiceLevel

DEFAULT_MINUTES = {"verbal_report": 30, "system_report": 60}


def limits() -> tuple[int, int]:
    """(verbal, system) in minutes."""
    minutes = dict(DEFAULT_MINUTES)
    minutes.update(ServiceLevel.objects.filter(key__in=DEFAULT_MINUTES).values_list("key", "minutes"))
    return minutes["verbal_report"], minutes["system_report"]


def breaches(incident, *, verbal: int, system: int, now: datetime) -> list[str]:
    """The reports that were late, or are missing with their time already up."""
    late = []
    checks = (
        (incident.verbal_reported_at, verbal, _("口头报告超时")),
        (incident.system_reported_at, system, _("系统首报超时")),
    )
    for reported, minutes, label in checks:
        due = incident.occurred_at + timedelta(minutes=minutes)
        if (reported or now) > due:
            late.append(label)
    return late
