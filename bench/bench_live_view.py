"""A province-sized typhoon: the county live view's JSON (/flood/live.json) for an event of
500,000 transfers against one of 5,000, on PostgreSQL, through Django's request cycle as the
county administrator. Prints the median time at each size, their ratio (goal ≤ 1.5) and the
number of queries at each size (must be equal).

The data is written the way a bulk import would be, in SQL (INSERT … SELECT over
generate_series), through the table's trigger that keeps TransferTally, so the counts the live
view reads are the ones the database maintained, not a copy made for the bench.

Needs PostgreSQL and works on its own database only (BENCH_DATABASE_URL, dropped and created
anew), like bench/bench_transfers.py.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_transfers import VILLAGES_PER_TOWNSHIP, configure_database

STATUSES = ["pending", "notified", "moved", "sheltered", "with_relatives", "moved"]


def create_events(small: int, large: int):
    """Villages in every township, ``large`` people, and two open events (a second on purpose)
    at III级 with their 633 tasks: one with a transfer for the first ``small`` people, one with
    a transfer for everyone; statuses spread over the loop."""
    from django.db import connection

    from flood1833 import services
    from flood1833.models import ResponseEvent, ZoneKind
    from org.models import Region, User
    from org.services import create_portal_user
    from plan.models import ResponseStage

    county = Region.objects.get(level=Region.Level.COUNTY)
    admin = create_portal_user(
        username="bench_admin", password="bench-only", role=User.Role.COUNTY_ADMIN, region=county
    )
    villages = []
    for township in Region.objects.townships().order_by("sort_order", "pk"):
        for number in range(1, VILLAGES_PER_TOWNSHIP + 1):
            villages.append(
                Region.objects.create(
                    parent=township, name=f"{township.name[:2]}压测{number}村", level=Region.Level.VILLAGE, is_demo=True
                ).pk
            )
    stage = ResponseStage.objects.get(order=3)
    events = []
    for name, second in (("小台风", False), ("特大台风", True)):
        event = services.create_event(actor=admin, name=name, second=second)
        ResponseEvent.objects.filter(pk=event.pk).update(stage=stage)
        event.refresh_from_db()
        services.open_matrix_tasks(event=event, stage=stage, actor=admin)
        events.append(event)
    kinds = [*ZoneKind.values, ""]
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO flood1833_transferperson
                 (name, id_number, phone, village_id, zone_id, elderly, child, disabled, sick_or_pregnant, responsible_id)
               SELECT '压测' || g, lpad(g::text, 18, '0'), '', (%s::bigint[])[1 + g %% %s], NULL,
                      g %% 3 = 0, g %% 11 = 0, false, false, NULL
               FROM generate_series(1, %s) AS g""",
            [villages, len(villages), large],
        )
        for event, count in ((events[0], small), (events[1], large)):
            cursor.execute(
                """INSERT INTO flood1833_transfer
                     (event_id, person_id, village_id, township_id, zone_kind, status, shelter_id, location,
                      updated_at, updated_by_id)
                   SELECT %s, p.id, p.village_id, v.parent_id, (%s::text[])[1 + p.id %% %s],
                          (%s::text[])[1 + (p.id * 7) %% %s], NULL, '', now(), NULL
                   FROM (SELECT id, village_id FROM flood1833_transferperson ORDER BY id LIMIT %s) AS p
                   JOIN org_region AS v ON v.id = p.village_id""",
                [event.pk, kinds, len(kinds), STATUSES, len(STATUSES), count],
            )
        cursor.execute("VACUUM ANALYZE")
    return admin, events


def measure(client, url: str, rounds: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - began)
        assert response.status_code == 200, response.status_code
    return statistics.median(times), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=5_000)
    parser.add_argument("--large", type=int, default=500_000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()

    _url, where = configure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from flood1833.models import Transfer, TransferTally

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    admin, events = create_events(args.small, args.large)
    setup = time.perf_counter() - began
    sizes = [Transfer.objects.filter(event=event).count() for event in events]
    tallied = [sum(TransferTally.objects.filter(event=event).values_list("n", flat=True)) for event in events]
    assert sizes == tallied == [args.small, args.large], (sizes, tallied)

    client = Client()
    client.force_login(admin)
    urls = [f"/flood/live.json?event={event.pk}" for event in events]
    for url in urls:  # connections, caches, plans
        measure(client, url, 3)
    (small_time, small_queries), (large_time, large_queries) = (measure(client, url, args.rounds) for url in urls)
    ratio = large_time / small_time
    load = os.getloadavg()
    print(f"database: {where}; setup {setup:.0f} s (people and transfers written in SQL through the tally trigger)")
    print(f"live view JSON, median of {args.rounds}: {sizes[0]:,} transfers {small_time * 1000:.1f} ms, "
          f"{sizes[1]:,} transfers {large_time * 1000:.1f} ms")  # fmt: skip
    print(f"ratio {ratio:.2f} (goal ≤ 1.5) — {'met' if ratio <= 1.5 else 'NOT met'}")
    print(f"queries: {small_queries} at {sizes[0]:,}, {large_queries} at {sizes[1]:,} — "
          f"{'the same' if small_queries == large_queries else 'NOT the same'}")  # fmt: skip
    print(f"machine load (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
