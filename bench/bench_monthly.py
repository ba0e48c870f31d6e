"""The monthly job at scale: snapshot + ranking, and the workbook, against bare baselines.

Prints ratios measured in one run (see bench/README.md). Works on its own database only.

1. Monthly snapshot + ranking at --hazards hazards over --townships townships ÷ hand-written SQL
   computing the same per-township aggregates of the hazard tables (goal ≤ 2).
2. The workbook with --workbook-rows hazard rows in the month ÷ the faster of a bare openpyxl
   write-only loop and a bare xlsxwriter constant_memory loop writing the same rows from the
   same query (goal ≤ 1.3), and django-import-export exporting those rows (goal: we are faster).
3. Peak memory of writing the workbook with --memory-rows hazard rows (goal < 300 MB), in a
   separate process so nothing else counts.
"""

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

WORKBOOK_MONTH = "2024-06"  # outside the generated two years: only the rows the bench puts there
MEMORY_MONTH = "2024-07"


def setup_django(reset: bool) -> str:
    from bench_hazards import configure_database

    if reset:
        where = configure_database()
    else:
        os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cangnan_yingji.settings")
        where = os.environ["DATABASE_URL"].split("@")[-1]
    import django

    django.setup()
    return where


def stopwatch(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


# --- 1. snapshot + ranking vs hand-written SQL ------------------------------------------------

HAND_SQL = [
    # hazards.found, closed_on_time, overdue, major_closure: one GROUP BY each, as a DBA would write
    """SELECT township_id, COUNT(*) FROM hazards3030_hazard WHERE found_on BETWEEN %(first)s AND %(last)s
       GROUP BY township_id""",
    """SELECT township_id, COUNT(*), COUNT(*) FILTER (WHERE closed_at IS NOT NULL AND closed_at::date <= deadline)
       FROM hazards3030_hazard WHERE deadline BETWEEN %(first)s AND %(last)s GROUP BY township_id""",
    """SELECT township_id, COUNT(*) FROM hazards3030_hazard WHERE found_on <= %(last)s AND deadline <= %(last)s
       AND NOT (closed_at IS NOT NULL AND closed_at < %(end)s) GROUP BY township_id""",
    """SELECT township_id, COUNT(*), COUNT(*) FILTER (WHERE closed_at < %(end)s) FROM hazards3030_hazard
       WHERE level = 'major' AND found_on BETWEEN %(year)s AND %(last)s GROUP BY township_id""",
    # the same four by department
    """SELECT department_id, COUNT(*) FROM hazards3030_hazard WHERE found_on BETWEEN %(first)s AND %(last)s
       GROUP BY department_id""",
    """SELECT department_id, COUNT(*), COUNT(*) FILTER (WHERE closed_at IS NOT NULL AND closed_at::date <= deadline)
       FROM hazards3030_hazard WHERE deadline BETWEEN %(first)s AND %(last)s GROUP BY department_id""",
    """SELECT department_id, COUNT(*) FROM hazards3030_hazard WHERE found_on <= %(last)s AND deadline <= %(last)s
       AND NOT (closed_at IS NOT NULL AND closed_at < %(end)s) GROUP BY department_id""",
    """SELECT department_id, COUNT(*), COUNT(*) FILTER (WHERE closed_at < %(end)s) FROM hazards3030_hazard
       WHERE level = 'major' AND found_on BETWEEN %(year)s AND %(last)s GROUP BY department_id""",
    # the registers: coverage, equipment, chemicals; accidents
    """SELECT township_id, COUNT(*), COUNT(*) FILTER (WHERE supervised) FROM hazards3030_enterprise
       WHERE created_at < %(end)s GROUP BY township_id""",
    """SELECT township_id, COUNT(*), COUNT(*) FILTER (WHERE old_equipment_evaluated) FROM hazards3030_enterprise
       WHERE industry IN ('chemicals', 'trade', 'construction') GROUP BY township_id""",
    """SELECT township_id, COUNT(*), COUNT(*) FILTER (WHERE supervised) FROM hazards3030_enterprise
       WHERE uses_hazardous_chemicals GROUP BY township_id""",
    """SELECT township_id, COUNT(*), SUM(deaths) FROM hazards3030_accident
       WHERE occurred_on BETWEEN %(year)s AND %(last)s GROUP BY township_id""",
]


def hand_written(period) -> None:
    from datetime import datetime, time, timedelta

    from django.db import connection
    from django.utils import timezone

    params = {
        "first": period.first_day,
        "last": period.last_day,
        "year": period.first_day.replace(month=1),
        "end": timezone.make_aware(datetime.combine(period.last_day + timedelta(days=1), time.min)),
    }
    with connection.cursor() as cursor:
        for sql in HAND_SQL:
            cursor.execute(sql, params)
            cursor.fetchall()


def snapshot(period) -> None:
    """The snapshot and ranking alone: the workbook that follows a snapshot is measured apart."""
    from unittest import mock

    from plan import snapshots

    with mock.patch.object(snapshots.workbooks, "start"):
        snapshots.run_snapshot(run_id=snapshots.SnapshotRun.objects.create(period=period.first_day, total=1).pk)


# --- 2. the workbook vs bare writers ---------------------------------------------------------


def place_rows_in(month: str, count: int) -> int:
    """Moves ``count`` hazards into ``month`` (their dates only), so that month has exactly them."""
    from django.db import connection

    from plan.periods import Month

    period = Month.parse(month)
    with connection.cursor() as cursor:
        cursor.execute(
            """UPDATE hazards3030_hazard SET found_on = %s + (id %% 28)::int, deadline = %s + (id %% 28)::int + 10
               WHERE id IN (SELECT id FROM hazards3030_hazard WHERE found_on > %s ORDER BY id LIMIT %s)""",
            [period.first_day, period.first_day, period.last_day, count],
        )
        return cursor.rowcount


def bare_openpyxl(period, path: Path) -> None:
    from openpyxl import Workbook

    from hazards3030.exports import hazard_rows

    book = Workbook(write_only=True)
    sheet = book.create_sheet("隐患明细")
    for row in hazard_rows(period):
        sheet.append(row)
    book.save(path)


def bare_xlsxwriter(period, path: Path) -> None:
    import xlsxwriter

    from hazards3030.exports import hazard_rows

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("隐患明细")
    for number, row in enumerate(hazard_rows(period)):
        for column, value in enumerate(row):
            if value is not None:
                sheet.write(number, column, value)
    book.close()


def import_export(period, path: Path) -> None:
    from import_export import fields, resources

    from hazards3030.models import Hazard

    class HazardResource(resources.ModelResource):
        township = fields.Field(attribute="township__name", column_name="乡镇")
        enterprise = fields.Field(attribute="enterprise__name", column_name="检查对象")

        class Meta:
            model = Hazard
            fields = ("id", "township", "enterprise", "level", "category", "source", "description", "found_on",
                      "deadline", "status", "responsible", "funds", "closed_at")  # fmt: skip

    queryset = Hazard.objects.filter(found_on__range=(period.first_day, period.last_day)).select_related(
        "township", "enterprise"
    )
    path.write_bytes(HazardResource().export(queryset=queryset).export("xlsx"))


def ours(period, path: Path) -> None:
    from plan import workbooks

    workbooks.write(period, path)


def measure_memory(month: str) -> None:
    """Run in a child process: write the month's workbook; the parent reads its peak RSS."""
    from plan import workbooks
    from plan.periods import Month

    with tempfile.TemporaryDirectory() as folder:
        rows = workbooks.write(Month.parse(month), Path(folder) / "m.xlsx")
    # VmHWM: this process's own peak resident memory (getrusage would also count the parent's
    # pages the child held between fork and exec).
    peak_kb = next(
        int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM")
    )
    print(rows, peak_kb)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hazards", type=int, default=1_000_000)
    parser.add_argument("--townships", type=int, default=180)
    parser.add_argument("--workbook-rows", type=int, default=100_000)
    parser.add_argument("--memory-rows", type=int, default=1_000_000)
    parser.add_argument("--parts", default="snapshot,workbook,memory", help="which measurements to run")
    parser.add_argument("--reuse", action="store_true", help="keep the bench database of the last run")
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        setup_django(reset=False)
        measure_memory(args.memory_child)
        return

    where = setup_django(reset=not args.reuse)
    from bench_hazards import refresh_statistics
    from django.core.management import call_command
    from django.utils import timezone

    from hazards3030.models import Hazard
    from plan.periods import Month

    if not args.reuse:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", "--force", stdout=io.StringIO())
        call_command("gen_scale", hazards=args.hazards, townships=args.townships, stdout=io.StringIO())
        refresh_statistics()
    print(f"database: {where}; {Hazard.objects.count():,} hazards")
    parts = set(args.parts.split(","))
    if "snapshot" in parts:
        measure_snapshot(Month.of(timezone.localdate()).previous())
    if "workbook" in parts:
        measure_workbook(args.workbook_rows)
    if "memory" in parts:
        measure_peak_memory(args.memory_rows)


def measure_snapshot(period) -> None:
    hand_written(period)  # warm the cache for both sides alike
    sql = min(stopwatch(lambda: hand_written(period)) for _ in range(3))
    job = min(stopwatch(lambda: snapshot(period)) for _ in range(2))
    print(f"\n1. Snapshot + ranking of {period} ÷ hand-written SQL for the same aggregates (goal ≤ 2)")
    print(f"   {job:.2f} s ÷ {sql:.2f} s = {job / sql:.2f}")


def measure_workbook(rows: int) -> None:
    from bench_hazards import refresh_statistics

    from plan.periods import Month

    moved = place_rows_in(WORKBOOK_MONTH, rows)
    refresh_statistics()
    month = Month.parse(WORKBOOK_MONTH)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        times = {
            "ours": min(stopwatch(lambda: ours(month, out / "ours.xlsx")) for _ in range(2)),
            "openpyxl": min(stopwatch(lambda: bare_openpyxl(month, out / "o.xlsx")) for _ in range(2)),
            "xlsxwriter": min(stopwatch(lambda: bare_xlsxwriter(month, out / "x.xlsx")) for _ in range(2)),
            "import-export": stopwatch(lambda: import_export(month, out / "ie.xlsx")),
        }
    bare = min(times["openpyxl"], times["xlsxwriter"])
    print(f"\n2. Workbook with {moved:,} hazard rows ÷ the faster bare writer (goal ≤ 1.3)")
    print(f"   ours {times['ours']:.2f} s; openpyxl write-only {times['openpyxl']:.2f} s; "
          f"xlsxwriter constant_memory {times['xlsxwriter']:.2f} s")  # fmt: skip
    print(f"   ratio {times['ours'] / bare:.2f} (÷ bare openpyxl alone: {times['ours'] / times['openpyxl']:.2f})")
    print(f"   django-import-export {times['import-export']:.2f} s: "
          f"ours ÷ it = {times['ours'] / times['import-export']:.2f}")  # fmt: skip


def measure_peak_memory(rows: int) -> None:
    from bench_hazards import refresh_statistics

    moved = place_rows_in(MEMORY_MONTH, rows)
    refresh_statistics()
    result = subprocess.run(
        [sys.executable, __file__, "--memory-child", MEMORY_MONTH],
        env={**os.environ, "BENCH_DATABASE_URL": os.environ["DATABASE_URL"]},
        capture_output=True,
        text=True,
        check=True,
    )
    written, peak_kb = (int(n) for n in result.stdout.split()[-2:])
    peak_mb = peak_kb / 1024
    print(f"\n3. Peak memory writing the workbook with {written:,} rows "
          f"({moved:,} hazards in {MEMORY_MONTH}) (goal < 300 MB)")  # fmt: skip
    print(f"   {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
