"""“3030” windows: every unit (the county, each township, each department) works in consecutive
windows of D days and aims to find and close N major hazards in each (N, D from plan.Loop3030Rule).

A window is met when at least N major hazards found in it were also closed (销号) in it.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, Q

from hazards3030.models import Batch3030, Hazard
from org.models import Department, Region
from plan.models import Loop3030Rule

UnitKind = Batch3030.UnitKind


@dataclass(frozen=True)
class Progress:
    batch: Batch3030
    found: int
    closed: int

    @property
    def met(self) -> bool:
        return self.closed >= self.batch.target_count

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.closed / self.batch.target_count)) if self.batch.target_count else 100


def units(county: Region) -> list[tuple[str, Region, Department | None]]:
    """Every unit that runs its own 3030 windows."""
    rows: list[tuple[str, Region, Department | None]] = [(UnitKind.COUNTY, county, None)]
    rows += [(UnitKind.TOWNSHIP, t, None) for t in Region.objects.filter(parent=county).townships()]
    rows += [(UnitKind.DEPARTMENT, county, d) for d in Department.objects.filter(region=county, is_active=True)]
    return rows


@transaction.atomic
def open_due_windows(*, county: Region, today: date) -> int:
    """Opens the next window for every unit whose current one has ended. Idempotent."""
    rules = {rule.unit_kind: rule for rule in Loop3030Rule.objects.all()}
    latest = {}
    for batch in Batch3030.objects.filter(region__path__startswith=county.path).order_by("opened_on"):
        latest[(batch.unit_kind, batch.region_id, batch.department_id)] = batch
    opened = 0
    for kind, region, department in units(county):
        rule = rules.get(kind)
        last = latest.get((kind, region.pk, department.pk if department else None))
        if rule is None or (last is not None and last.closes_on >= today):
            continue
        # Windows follow one another; after a gap (a new unit, a pause) the next starts today.
        start = last.closes_on + timedelta(days=1) if last else today
        if start + timedelta(days=rule.window_days - 1) < today:
            start = today
        Batch3030.objects.create(
            unit_kind=kind,
            region=region,
            department=department,
            opened_on=start,
            closes_on=start + timedelta(days=rule.window_days - 1),
            target_count=rule.target_count,
        )
        opened += 1
    return opened


def progress(batches: list[Batch3030]) -> list[Progress]:
    """Found and closed major hazards in each window: three queries per distinct window span."""
    by_span = defaultdict(list)
    for batch in batches:
        by_span[(batch.opened_on, batch.closes_on)].append(batch)
    counts: dict[tuple, tuple[int, int]] = {}
    for (start, end), group in by_span.items():
        found_in_window = Hazard.objects.major().filter(found_on__range=(start, end))
        closed = Count("pk", filter=Q(closed_at__date__range=(start, end)))
        kinds = {b.unit_kind for b in group}
        if UnitKind.COUNTY in kinds:
            for row in found_in_window.values("township__parent").annotate(found=Count("pk"), closed=closed):
                counts[(start, UnitKind.COUNTY, row["township__parent"])] = (row["found"], row["closed"])
        if UnitKind.TOWNSHIP in kinds:
            for row in found_in_window.values("township").annotate(found=Count("pk"), closed=closed):
                counts[(start, UnitKind.TOWNSHIP, row["township"])] = (row["found"], row["closed"])
        if UnitKind.DEPARTMENT in kinds:
            for row in found_in_window.values("department").annotate(found=Count("pk"), closed=closed):
                counts[(start, UnitKind.DEPARTMENT, row["department"])] = (row["found"], row["closed"])
    result = []
    for batch in batches:
        key_id = batch.department_id if batch.unit_kind == UnitKind.DEPARTMENT else batch.region_id
        found, closed = counts.get((batch.opened_on, batch.unit_kind, key_id), (0, 0))
        result.append(Progress(batch=batch, found=found, closed=closed))
    return result
