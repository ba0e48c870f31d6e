"""Periodic jobs of the flood response (scheduled in settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task
from django.utils import timezone

from flood1833 import services


@shared_task(acks_late=True)
def flag_unanswered_roll_calls() -> int:
    return services.flag_unanswered_roll_calls(now=timezone.now())


@shared_task(acks_late=True)
def flag_overdue_incident_reports() -> int:
    return services.flag_overdue_incident_reports(now=timezone.now())
