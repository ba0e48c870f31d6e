"""Jobs of the plan app (scheduled in settings.CELERY_BEAT_SCHEDULE, Asia/Shanghai)."""

from celery import shared_task
from django.utils import timezone

from plan import snapshots, workbooks
from plan.models import SnapshotRun
from plan.periods import Month


@shared_task(acks_late=True)
def run_snapshot(run_id: int) -> None:
    snapshots.run_snapshot(run_id=run_id)


@shared_task(acks_late=True)
def monthly_snapshot() -> int | None:
    """On the 1st: last month's snapshot (once) and its workbook."""
    period = Month.of(timezone.localdate()).previous()
    if SnapshotRun.objects.filter(period=period.first_day).exclude(status=SnapshotRun.Status.FAILED).exists():
        return None
    return snapshots.start_snapshot(period=period).pk


@shared_task(acks_late=True)
def resume_stalled_snapshots() -> list[int]:
    return snapshots.resume_stalled()


@shared_task(acks_late=True)
def build_workbook(workbook_id: int) -> None:
    workbooks.build(workbook_id=workbook_id)
