"""Transfer confirmations under load: 50 clients over loopback against gunicorn + PostgreSQL.

Each transfer is confirmed twice along the loop (待转移 → 已通知 → 已转移), every confirmation
with a fresh request id, and every tenth request re-sends an earlier one exactly (same transfer,
status and request id), as a phone does when an answer is lost. Afterwards the database must
show nothing lost, nothing applied twice and exact final counts. The same clients also hit two
minimal endpoints doing one UPDATE per request on the same table, and the throughputs are
compared: the portal's own (bench/minimal_django.py: a Django view served like the portal, with
its settings and middleware, but no DRF, authentication, scope or rules) and, below Django, a bare
WSGI app (bench/minimal_update_app.py).

Prints ratios measured in one run (see bench/README.md). Needs PostgreSQL and works on its own
database only (BENCH_DATABASE_URL, dropped and created anew).

The portal is served as in production: ``gunicorn cangnan_yingji.wsgi``, DJANGO_DEBUG=0 with a
throwaway secret key, DJANGO_SECURE_SSL_REDIRECT=0 (plain HTTP on loopback; HSTS is only sent
over HTTPS), tasks in-process (no REDIS_URL). Clients authenticate with an API token.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, deque
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RETRY_EVERY = 10  # every tenth request re-sends an earlier one
STEPS = ("notified", "moved")  # 已通知, then 已转移: two confirmations per transfer
VILLAGES_PER_TOWNSHIP = 10
TIMEOUT = 60


def configure_database() -> tuple[str, str]:
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("BENCH_DATABASE_URL must name a PostgreSQL database for this benchmark (see bench/README.md).")
    import psycopg2
    from dj_database_url import parse

    db = parse(url)
    portal = os.environ.get("DATABASE_URL", "")
    if portal and parse(portal)["NAME"] == db["NAME"]:
        sys.exit(f"Refusing to drop {db['NAME']}: it is the portal's database (DATABASE_URL).")
    admin = psycopg2.connect(dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}"')
        cursor.execute(f'CREATE DATABASE "{db["NAME"]}"')
    admin.close()
    os.environ["DATABASE_URL"] = url
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cangnan_yingji.settings")
    return url, url.split("@")[-1]


# --- Data: what the import and the stage change would create --------------------------------


def person_id_number(serial: int) -> str:
    """Made-up numbers with a valid check digit and birth year 1900, like the demo data."""
    from flood1833.validators import id_check_char

    body = f"3303271900{serial:07d}"
    return body + id_check_char(body)


def create_data(people: int):
    """A county admin with a token, villages with a danger zone each, ``people`` people (half of
    them in a zone), and a typhoon raised to III级, which opens one 待转移 transfer per person."""
    from rest_framework.authtoken.models import Token

    from flood1833 import services
    from flood1833.importers import IMPORT_NOTE
    from flood1833.models import DangerZone, Transfer, TransferPerson, ZoneKind
    from flood1833.services.events import BULK
    from org.history import record_creations
    from org.models import Region, User
    from org.services import create_portal_user

    county = Region.objects.get(level=Region.Level.COUNTY)
    admin = create_portal_user(
        username="bench_admin", password="bench-only", role=User.Role.COUNTY_ADMIN, region=county
    )
    token = Token.objects.get_or_create(user=admin)[0].key
    villages = []
    for township in Region.objects.townships().order_by("sort_order", "pk"):
        for number in range(1, VILLAGES_PER_TOWNSHIP + 1):
            name = f"{township.name[:2]}压测{number}村"
            villages.append(
                Region.objects.create(
                    parent=township, name=name, level=Region.Level.VILLAGE, is_demo=True, sort_order=number
                )
            )
    kinds = list(ZoneKind.values)
    zones = DangerZone.objects.bulk_create(
        DangerZone(kind=kinds[n % len(kinds)], name=f"{village.name}风险点", village=village)
        for n, village in enumerate(villages)
    )
    record_creations(DangerZone, [zone.pk for zone in zones], user=admin, reason=IMPORT_NOTE)

    rng = random.Random(1833)
    surnames, given = "陈林黄王李张吴郑刘杨", ["国强", "秀英", "建华", "美玲", "志明", "小红", "德福", "丽娟"]
    created = TransferPerson.objects.bulk_create(
        (
            TransferPerson(
                name=rng.choice(surnames) + rng.choice(given),
                id_number=person_id_number(serial),
                village=zones[serial % len(zones)].village,
                zone=zones[serial % len(zones)] if serial % 2 else None,
                elderly=rng.random() < 0.3,
            )
            for serial in range(people)
        ),
        batch_size=BULK,
    )
    record_creations(TransferPerson, [person.pk for person in created], user=admin, reason=IMPORT_NOTE)

    event = services.create_event(actor=admin, name="压测台风过程")
    services.change_stage(event=event, actor=admin, stage_order=3, note="压测")
    transfers = list(Transfer.objects.filter(event=event).order_by("pk").values_list("pk", flat=True))
    assert len(transfers) == people, (len(transfers), people)
    return event, token, transfers


def refresh_statistics(vacuum: bool = False) -> None:
    """What autovacuum does for a live database after a bulk load."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


# --- Servers --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(app: str, *, env: dict, workers: int, log: Path, pythonpath: str = ""):
    """Starts gunicorn on a free loopback port, waits for an answer, and always stops it."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--no-control-socket"]
    if pythonpath:
        command += ["--pythonpath", pythonpath]
    with log.open("ab") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"{app} exited with {server.returncode}:\n{tail(log)}")
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                probe.request("GET", "/")
                probe.getresponse().read()
                probe.close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{app} did not answer within 60 s:\n{tail(log)}") from None
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def warm_up(port: int, path: str, headers: dict, count: int, clients: int) -> None:
    """Every worker answers a few GETs (imports, database connection) before the clock starts."""

    def fetch(_n):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        return response.status

    with ThreadPoolExecutor(clients) as pool:
        codes = Counter(pool.map(fetch, range(count)))
    if set(codes) != {200}:
        raise RuntimeError(f"warm-up GET {path} answered {dict(codes)}")


# --- Clients --------------------------------------------------------------------------------


@dataclass
class Tally:
    """What one client saw."""

    latencies: list = field(default_factory=list)
    codes: Counter = field(default_factory=Counter)
    intended: dict = field(default_factory=dict)  # fresh request id -> (transfer, status)
    acknowledged: set = field(default_factory=set)  # request ids answered 2xx (first time or retried)
    retries: int = 0
    resent: int = 0  # sent again after a connection error, same request
    wrong_answers: int = 0  # a fresh confirmation answered with another status


def run_clients(port: int, token: str, transfers: list, clients: int, *, check_answers: bool):
    """Each client confirms its share of the transfers, step by step; every tenth request re-sends a
    request sent shortly before by any client (possibly still in flight). Returns tallies and seconds."""
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json", "Accept": "application/json"}
    recent = deque(maxlen=clients * 4)
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    tallies = [Tally() for _ in range(clients)]

    def client(index: int) -> None:
        tally, rng = tallies[index], random.Random(index)
        mine = transfers[index::clients]
        work = [(pk, status) for status in STEPS for pk in mine]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        start.wait()
        sent = 0
        while work:
            sent += 1
            if sent % RETRY_EVERY == 0:
                with lock:
                    path, body, request_id, status = rng.choice(recent)
                tally.retries += 1
                fresh = False
            else:
                pk, status = work.pop(0)
                request_id = str(uuid.uuid4())
                path = f"/api/v1/transfers/{pk}/confirm/"
                body = json.dumps({"status": status, "request_id": request_id}).encode()
                tally.intended[request_id] = (pk, status)
                fresh = True
            began = time.perf_counter()
            for attempt in range(5):
                try:
                    conn.request("POST", path, body, headers)
                    if fresh and attempt == 0:
                        with lock:
                            recent.append((path, body, request_id, status))
                    response = conn.getresponse()
                    data = response.read()
                    break
                except (OSError, http.client.HTTPException):
                    conn.close()
                    tally.resent += 1
                    time.sleep(0.05 * (attempt + 1))
            else:
                tally.codes["no answer"] += 1
                continue
            tally.latencies.append(time.perf_counter() - began)
            tally.codes[response.status] += 1
            if 200 <= response.status < 300:
                tally.acknowledged.add(request_id)
                if check_answers and fresh and json.loads(data).get("status") != status:
                    tally.wrong_answers += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return tallies, time.perf_counter() - began


def merged(tallies: list) -> Tally:
    total = Tally()
    for tally in tallies:
        total.latencies += tally.latencies
        total.codes.update(tally.codes)
        total.intended.update(tally.intended)
        total.acknowledged |= tally.acknowledged
        total.retries += tally.retries
        total.resent += tally.resent
        total.wrong_answers += tally.wrong_answers
    return total


def percentile(values: list, q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else (values or [0])[0]


# --- Checking the database ------------------------------------------------------------------


def verify(event, tally: Tally) -> dict:
    """Lost, applied twice and final counts, from the database against what the clients were told."""
    from django.db.models import Count

    from flood1833.models import Transfer, TransferStep

    steps = TransferStep.objects.filter(transfer__event=event)
    recorded = {rid: (pk, to) for rid, pk, to in steps.values_list("request_id", "transfer_id", "to_status")}
    acknowledged = {rid for rid in tally.acknowledged if rid in tally.intended}
    lost = [rid for rid in acknowledged if rid not in recorded]
    different = [rid for rid in acknowledged if rid in recorded and recorded[rid] != tally.intended[rid]]
    twice_by_id = steps.values("request_id").annotate(n=Count("id")).filter(n__gt=1).count()
    twice_by_step = steps.values("transfer_id", "to_status").annotate(n=Count("id")).filter(n__gt=1).count()
    unexpected = [rid for rid in recorded if rid not in tally.intended]

    # Final status each transfer should have: the furthest step the server acknowledged.
    furthest = {}
    for rid in acknowledged:
        pk, status = tally.intended[rid]
        if STEPS.index(status) >= STEPS.index(furthest.get(pk, STEPS[0])):
            furthest[pk] = status
    expected = Counter(furthest.values())
    expected["pending"] = Transfer.objects.filter(event=event).count() - len(furthest)
    actual = Counter(dict(Transfer.objects.filter(event=event).values_list("status").annotate(n=Count("id"))))
    return {
        "lost": len(lost),
        "different": len(different),
        "twice_by_id": twice_by_id,
        "twice_by_step": twice_by_step,
        "unexpected": len(unexpected),
        "expected": expected,
        "actual": actual,
        "steps": len(recorded),
        "acknowledged": len(acknowledged),
    }


def server_errors(log: Path) -> list[str]:
    text = log.read_text(errors="replace") if log.exists() else ""
    return [line for line in text.splitlines() if "Traceback" in line or "[ERROR]" in line or "[CRITICAL]" in line]


# --- Report ---------------------------------------------------------------------------------


def print_load(title: str, tally: Tally, seconds: float) -> float:
    requests = sum(tally.codes.values())
    ok = sum(n for code, n in tally.codes.items() if isinstance(code, int) and 200 <= code < 300)
    other = {code: n for code, n in tally.codes.items() if not (isinstance(code, int) and 200 <= code < 300)}
    throughput = requests / seconds
    print(f"\n{title}")
    print(f"  requests               {requests:,} ({len(tally.intended):,} confirmations + {tally.retries:,} retries)")
    print(f"  answers                2xx {ok:,}, other {other or 0}, re-sent after a connection error {tally.resent}")
    print(f"  throughput             {throughput:,.0f} requests/s in {seconds:.1f} s")
    print(
        f"  latency                p50 {percentile(tally.latencies, 50) * 1000:.1f} ms, "
        f"p95 {percentile(tally.latencies, 95) * 1000:.1f} ms, max {max(tally.latencies, default=0) * 1000:.0f} ms"
    )
    return throughput


def print_checks(checks: dict, tally: Tally, errors: list[str], confirmations: int) -> None:
    expected, actual = checks["expected"], checks["actual"]
    statuses = ["pending", *STEPS, *sorted((set(expected) | set(actual)) - {"pending", *STEPS})]
    exact = all(expected[s] == actual[s] for s in statuses) and checks["steps"] == checks["acknowledged"]
    counts = ", ".join(f"{s} {actual[s]:,} of {expected[s]:,}" for s in statuses)
    print(f"  lost                   {checks['lost']}  (answered 2xx, no step recorded with that request id)")
    print(
        f"  applied twice          {checks['twice_by_id'] + checks['twice_by_step']}  "
        f"(request ids with more than one step {checks['twice_by_id']}, transfers with a step repeated "
        f"{checks['twice_by_step']})"
    )
    print(
        f"  final counts exact     {'yes' if exact else 'NO'}: {counts}; steps {checks['steps']:,} "
        f"for {checks['acknowledged']:,} acknowledged of {confirmations:,} confirmations"
    )
    if checks["different"] or checks["unexpected"] or tally.wrong_answers:
        print(
            f"  also                   {checks['different']} recorded on another transfer or status, "
            f"{checks['unexpected']} steps nobody sent, {tally.wrong_answers} answers showing another status"
        )
    if errors:
        print(f"  server errors logged   {len(errors)}, first: {errors[0][:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--confirmations", type=int, default=50_000, help="distinct confirmations (two per transfer)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers, for both servers")
    args = parser.parse_args()
    people = max(args.confirmations // len(STEPS), args.clients)
    confirmations = people * len(STEPS)

    url, where = configure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from flood1833.models import Transfer

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    event, token, transfers = create_data(people)
    refresh_statistics()
    connection.close()
    print(f"database: {where}")
    print(
        f"setup: {people:,} people and transfers in {time.perf_counter() - began:.1f} s; "
        f"{args.clients} clients, gunicorn with {args.workers} sync workers; {os.cpu_count()} CPUs"
    )

    with tempfile.TemporaryDirectory(prefix="bench_transfers_") as scratch:
        scratch = Path(scratch)
        (scratch / "static").mkdir()
        base_env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
        minimal_env = base_env | {"BENCH_MINIMAL_DSN": url, "BENCH_MINIMAL_TABLE": Transfer._meta.db_table}
        portal_env = base_env | {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "cangnan_yingji.settings",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "CANGNAN_VAR_DIR": str(scratch),
            "LOG_LEVEL": "WARNING",
        }
        auth = {"Authorization": f"Token {token}", "Accept": "application/json"}
        warm = args.clients * 4

        # The minimal endpoint first, on the freshly loaded table; then what autovacuum would do.
        minimal_log = scratch / "minimal.log"
        with gunicorn("minimal_update_app:application", env=minimal_env, workers=args.workers,
                      log=minimal_log, pythonpath=str(ROOT / "bench")) as port:  # fmt: skip
            warm_up(port, "/", {}, warm, args.clients)
            baseline, baseline_seconds = run_clients(port, token, transfers, args.clients, check_answers=False)
        refresh_statistics(vacuum=True)
        connection.close()

        # The same through Django's request cycle with the portal's settings (no DRF, auth, scope).
        django_log = scratch / "minimal_django.log"
        django_env = portal_env | {"DJANGO_SETTINGS_MODULE": "minimal_django"}
        with gunicorn("cangnan_yingji.wsgi", env=django_env, workers=args.workers, log=django_log,
                      pythonpath=str(ROOT / "bench")) as port:  # fmt: skip
            warm_up(port, "/", {}, warm, args.clients)
            django_floor, django_seconds = run_clients(port, token, transfers, args.clients, check_answers=False)
        refresh_statistics(vacuum=True)
        connection.close()

        portal_log = scratch / "portal.log"
        with gunicorn("cangnan_yingji.wsgi", env=portal_env, workers=args.workers, log=portal_log) as port:
            warm_up(port, f"/api/v1/transfers/{transfers[0]}/", auth, warm, args.clients)
            tallies, seconds = run_clients(port, token, transfers, args.clients, check_answers=True)
        errors = server_errors(portal_log)

    portal = merged(tallies)
    checks = verify(event, portal)
    ours = print_load(
        f"Confirm transfers: POST /api/v1/transfers/{{id}}/confirm/, {args.clients} clients, every "
        f"{RETRY_EVERY}th request a retry",
        portal,
        seconds,
    )
    print_checks(checks, portal, errors, confirmations)
    floor = print_load(
        "Minimal endpoint of the portal: one UPDATE per request through gunicorn and Django with the portal's "
        "settings and middleware (no DRF, authentication, scope or rules), same clients",
        merged(django_floor),
        django_seconds,
    )
    minimal = print_load(
        "Minimal endpoint without Django: a bare WSGI app, one UPDATE per request, same clients",
        merged(baseline),
        baseline_seconds,
    )
    print("\nThroughput ÷ a minimal endpoint's doing one UPDATE per request")
    print(f"  the portal's own endpoint     {ours:,.0f} ÷ {floor:,.0f} requests/s = {ours / floor:.2f} (goal ≥ 0.4)")
    print(f"  the bare WSGI app             {ours:,.0f} ÷ {minimal:,.0f} requests/s = {ours / minimal:.2f}")
    print(f"  (the portal's own endpoint ÷ the bare WSGI app = {floor / minimal:.2f}: Django's request cycle)")


if __name__ == "__main__":
    main()
