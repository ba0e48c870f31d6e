"""Daily jobs of governance (scheduled in settings.CELERY_BEAT_SCHEDULE, Asia/Shanghai)."""

from celery import shared_task
from django.utils import timezone

from governance import services
from plan.periods import Month


@shared_task(acks_late=True)
def remind_due_tasks() -> int:
    """临期 and 逾期 reminders of 督办事项, once per task and stage."""
    return services.remind_due_tasks(today=timezone.localdate())


@shared_task(acks_late=True)
def propose_interviews() -> int:
    """Last month's 约谈 proposals, once its ranking is published (nothing while it is a draft)."""
    return services.propose_interviews(period=Month.of(timezone.localdate()).previous())
