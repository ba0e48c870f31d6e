"""The field page measured like a phone: Debian's chromium through Playwright at 375×812, with
Chrome DevTools throttling at slow 3G (400 ms latency, 50 KB/s down, 25 KB/s up), against
gunicorn + PostgreSQL serving the portal as in production, over a village of 300 people.

Prints:
- cold load: seconds from navigation to the first usable tap (the page's script has taken the
  buttons over) and the kilobytes that crossed the wire (compressed, headers included);
- 50 people × two taps (已通知, then 已转移) at one tap per second: seconds from the first tap
  until the last answer is in (goal < 120 s), and the wrong steps recorded (goal 0): a step on
  anyone else, a status other than the one tapped, a step missing or applied twice.

Needs PostgreSQL and works on its own database only (BENCH_DATABASE_URL, dropped and created
anew), like bench/bench_transfers.py.
"""

import argparse
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_transfers import configure_database, gunicorn, person_id_number

SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 50 * 1024, "uploadThroughput": 25 * 1024}
PHONE = {"width": 375, "height": 812}
PASSWORD = secrets.token_urlsafe(16)


def create_village(people: int):
    """One village of ``people`` (names shared, as in a real village), in two danger zones with a
    shelter each, its cadre, and a typhoon raised to III级."""
    from flood1833 import services
    from flood1833.models import DangerZone, Shelter, Transfer, TransferPerson, ZoneKind
    from org.models import Region, User
    from org.services import create_portal_user

    county = Region.objects.get(level=Region.Level.COUNTY)
    township = Region.objects.townships().order_by("sort_order", "pk").first()
    village = Region.objects.create(parent=township, name="压测村", level=Region.Level.VILLAGE, is_demo=True)
    admin = create_portal_user(username="bench_admin", password=PASSWORD, role=User.Role.COUNTY_ADMIN, region=county)
    create_portal_user(username="bench_cadre", password=PASSWORD, role=User.Role.VILLAGE_CADRE, region=village)
    shelters = [
        Shelter.objects.create(name=f"压测安置点{n}", township=township, village=village, capacity=400) for n in (1, 2)
    ]
    zones = [
        DangerZone.objects.create(kind=kind, name=f"压测{label}", village=village, shelter=shelter)
        for kind, label, shelter in (
            (ZoneKind.LANDSLIDE, "后山地灾点", shelters[0]),
            (ZoneKind.LOW_LYING, "河边低洼地", shelters[1]),
        )
    ]
    rng = random.Random(1833)
    surnames, given = "陈林黄王李张吴郑刘杨", ["国强", "秀英", "建华", "美玲", "志明", "小红", "德福"]
    TransferPerson.objects.bulk_create(
        TransferPerson(
            name=rng.choice(surnames) + rng.choice(given),
            id_number=person_id_number(serial),
            phone=f"138{serial:08d}",
            village=village,
            zone=zones[serial % 2],
            elderly=rng.random() < 0.3,
            child=rng.random() < 0.1,
        )
        for serial in range(people)
    )
    event = services.create_event(actor=admin, name="压测台风")
    services.change_stage(event=event, actor=admin, stage_order=3, note="压测")
    assert Transfer.objects.filter(event=event).count() == people
    return event


def wrong_steps(event, tapped: list[int]) -> dict:
    """Every step that is not exactly what was tapped: 已通知 then 已转移 on each tapped person."""
    from flood1833.models import TransferStep

    steps = list(
        TransferStep.objects.filter(transfer__event=event).order_by("id").values_list("transfer_id", "to_status")
    )
    expected = {(pk, status) for pk in tapped for status in ("notified", "moved")}
    recorded = {}
    for step in steps:
        recorded[step] = recorded.get(step, 0) + 1
    return {
        "on someone else or another status": sum(n for step, n in recorded.items() if step not in expected),
        "applied twice": sum(n - 1 for n in recorded.values() if n > 1),
        "missing": len(expected - set(recorded)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--tapped", type=int, default=50)
    parser.add_argument("--seconds-per-tap", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    url, where = configure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    event = create_village(args.people)
    connection.close()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench_field_phone_") as scratch:
        scratch = Path(scratch)
        env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"} | {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "cangnan_yingji.settings",
            "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "CANGNAN_VAR_DIR": str(scratch),
            "LOG_LEVEL": "WARNING",
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        with gunicorn("cangnan_yingji.wsgi", env=env, workers=args.workers, log=scratch / "portal.log") as port:
            base = f"http://localhost:{port}"
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox", "--disable-gpu"]
                )
                # A first visit: no service worker has kept anything yet (it is blocked here).
                context = browser.new_context(
                    locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block"
                )
                page = context.new_page()
                page.set_default_timeout(120_000)
                page.on("pageerror", lambda error: print(f"page error: {error}", file=sys.stderr))
                page.goto(f"{base}/accounts/login/")
                page.fill("#id_username", "bench_cadre")
                page.fill("#id_password", PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_url("**/flood/field/")

                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.clearBrowserCache")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                cdp.send("Network.emulateNetworkConditions", SLOW_3G)
                received = []
                cdp.on("Network.loadingFinished", lambda e: received.append(e["encodedDataLength"]))

                began = time.perf_counter()
                page.goto(f"{base}/flood/field/", wait_until="commit")
                page.wait_for_selector('#flood-field[data-ready="1"]')
                cold = time.perf_counter() - began
                cold_kb = sum(received) / 1024
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})

                cards = page.locator("[data-transfer]")
                tapped = [int(cards.nth(i).get_attribute("data-transfer")) for i in range(args.tapped)]
                began = time.perf_counter()
                for pk in tapped:
                    for status in ("notified", "moved"):
                        page.locator(f'[data-transfer="{pk}"] button.tap[data-status="{status}"]').tap()
                        time.sleep(args.seconds_per_tap)
                page.wait_for_function("() => (JSON.parse(localStorage.getItem('flood1833.queue')) || []).length === 0")
                taps_seconds = time.perf_counter() - began
                browser.close()

    django.db.connections.close_all()
    wrong = wrong_steps(event, tapped)
    load = os.getloadavg()
    print(f"database: {where}; gunicorn with {args.workers} sync workers; {os.cpu_count()} CPUs")
    print(f"phone: chromium 375×812, slow 3G (400 ms, 50 KB/s down, 25 KB/s up); village of {args.people} people")
    print(f"cold load to the first usable tap: {cold:.1f} s, {cold_kb:.1f} KB over the wire")
    print(
        f"{args.tapped} people × 2 taps at {args.seconds_per_tap:g} s per tap: {taps_seconds:.1f} s "
        f"(goal < 120 s) — {'met' if taps_seconds < 120 else 'NOT met'}"
    )
    print(f"wrong steps: {sum(wrong.values())} (goal 0) — {wrong}")
    print(f"machine load (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
