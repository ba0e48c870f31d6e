"""Daily jobs of the 3030 loop (scheduled in settings.CELERY_BEAT_SCHEDULE, Asia/Shanghai)."""

from celery import shared_task
from django.utils import timezone

from hazards3030 import batches, services
from org.models import Region


@shared_task(acks_late=True)
def mark_overdue_hazards() -> int:
    return services.mark_overdue_hazards(today=timezone.localdate())


@shared_task(acks_late=True)
def open_due_3030_windows() -> int:
    opened = 0
    for county in Region.objects.filter(level=Region.Level.COUNTY):
        opened += batches.open_due_windows(county=county, today=timezone.localdate())
    return opened
