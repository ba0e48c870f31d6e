"""月度工作簿: every registered sheet for a month, streamed to disk row by row (org.spreadsheets);
the files are read back — and the townships' ledgers read — with openpyxl."""

import io
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from org.models import Region, User
from org.spreadsheets import Formats, Heading, open_workbook, safe, write_table
from plan import reports
from plan.exports import sheets
from plan.models import MonthlyWorkbook, WorkPlan
from plan.periods import Month

__all__ = ["build", "latest", "safe", "start", "write"]
PROGRESS_EVERY = 2_000


def write(period: Month, target, *, progress: Callable[[int], None] | None = None) -> int:
    """Writes the month's workbook to ``target`` (a path), every sheet a 台账 under the issuing
    unit's title and 填报单位 / 日期 line; returns the number of data rows."""
    book = open_workbook(target)
    formats = Formats(book)
    unit, today = issuing_unit(period), timezone.localdate(timezone=timezone.get_default_timezone())
    line = _("填报单位:%(unit)s  日期:%(date)s") % {"unit": unit, "date": f"{today:%Y-%m-%d}"}
    month = {"unit": unit, "year": period.year, "month": period.month}
    written = 0
    for sheet in sheets:

        def step(count: int, offset: int = written) -> None:
            if progress:
                progress(offset + count)

        heading = Heading(_("%(unit)s %(year)s年%(month)s月 %(sheet)s") % {**month, "sheet": sheet.title}, line)
        written += write_table(
            book, formats, sheet.title, sheet.columns, sheet.rows(period), heading=heading, progress=step,
            progress_every=PROGRESS_EVERY,
        )  # fmt: skip
    book.close()
    return written


def issuing_unit(period: Month) -> str:
    """The 应急管理局 of the county whose plan covers the month (or of the county, before a plan)."""
    plan = WorkPlan.objects.filter(year=period.year).select_related("county").first()
    county = plan.county if plan else Region.objects.filter(level=Region.Level.COUNTY).order_by("pk").first()
    return _("%(county)s应急管理局") % {"county": county.name if county else ""}


def start(*, period: Month, requested_by: User | None = None) -> MonthlyWorkbook:
    """Queues the month's workbook; the page and the API poll its progress."""
    workbook = MonthlyWorkbook.objects.create(
        period=period.first_day, requested_by=requested_by, rows_total=sum(s.count(period) for s in sheets)
    )
    from plan.tasks import build_workbook

    transaction.on_commit(lambda: build_workbook.delay(workbook.pk))
    return workbook


def build(*, workbook_id: int) -> None:
    """Writes and stores one workbook. Running it again rewrites the same file."""
    workbook = MonthlyWorkbook.objects.get(pk=workbook_id)
    if workbook.status == MonthlyWorkbook.Status.COMPLETE:
        return
    period = Month.of(workbook.period)

    def progress(rows: int) -> None:
        MonthlyWorkbook.objects.filter(pk=workbook_id).update(rows_written=rows)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{period}.xlsx"
        rows = write(period, path, progress=progress)
        with path.open("rb") as handle:
            workbook.file.save(f"苍南应急月报-{period}.xlsx", File(handle), save=False)
    attach_report(workbook, period)
    workbook.status, workbook.rows_written, workbook.finished_at = MonthlyWorkbook.Status.COMPLETE, rows, timezone.now()
    workbook.rows_total = max(workbook.rows_total, rows)
    workbook.save(update_fields=["file", "report", "status", "rows_written", "rows_total", "finished_at"])


def attach_report(workbook: MonthlyWorkbook, period: Month) -> None:
    """The month's 通报 (.docx) beside the workbook; a few pages, so written in memory."""
    content = io.BytesIO()
    reports.write(period, content)
    workbook.report.save(f"苍南应急月度通报-{period}.docx", ContentFile(content.getvalue()), save=False)


def latest(period: Month) -> MonthlyWorkbook | None:
    return MonthlyWorkbook.objects.filter(period=period.first_day, status=MonthlyWorkbook.Status.COMPLETE).first()
