"""Periodic jobs of forest fire prevention (scheduled in settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task
from django.utils import timezone

from forestfire import services


@shared_task(acks_late=True)
def flag_overdue_hotspots() -> int:
    return services.flag_overdue_hotspots(now=timezone.now())
