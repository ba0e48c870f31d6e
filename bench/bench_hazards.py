"""The 3030 ledger at scale: list page and API at 1M vs 10k hazards; import vs openpyxl alone.

Prints ratios measured in one run (see bench/README.md). Works on its own databases only: the two
sizes live in two databases, each served by its own process, and their samples are taken in turn
(10k, 1M, 1M, 10k, …), so a change in the machine's load weighs on both sides alike.
"""

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def database_urls() -> tuple[str, str]:
    """(small, large): BENCH_DATABASE_URL names the large one, the small one is its name + _10k;
    both are dropped and created anew. Unset: two SQLite files under var/."""
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url:
        paths = [ROOT / "var" / "bench-small.sqlite3", ROOT / "var" / "bench.sqlite3"]
        for path in paths:
            path.unlink(missing_ok=True)
        return tuple(f"sqlite:///{path}" for path in paths)
    import psycopg2
    from dj_database_url import parse

    db = parse(url)
    base = url.rsplit("/", 1)[0]
    names = [f"{db['NAME']}_10k", db["NAME"]]
    admin = psycopg2.connect(dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432)
    admin.autocommit = True
    with admin.cursor() as cursor:
        for name in names:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return tuple(f"{base}/{name}" for name in names)


def use_database(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cangnan_yingji.settings")
    import django

    django.setup()


# gen_scale's descriptions: about 0.5 % of hazards mention 液化气瓶, about 18 % 灭火器.
RARE_KEYWORD, COMMON_KEYWORD = "液化气瓶", "灭火器"
OPEN = ["reported", "assigned", "rectifying", "submitted"]
# The matrix: each row a list as people use it, as (who, page query, API query). The township
# clerk's worklist is the page's default (open hazards by deadline); the county reads the rest.
ROWS = {
    "worklist": ("township", {}, {"status": OPEN}),
    "closed": ("county", {"status": "closed"}, {"status": "closed"}),
    "overdue": ("county", {"overdue": "true"}, {"overdue": "true"}),
    "page 20": ("county", {"page": 20}, {"page": 20}),
    "keyword, common": ("county", {"q": COMMON_KEYWORD}, {"q": COMMON_KEYWORD}),
    "keyword, rare": ("county", {"q": RARE_KEYWORD}, {"q": RARE_KEYWORD}),
}
COLUMNS = ("page", "API")


def api_page(api, query: dict) -> str:
    """The API's URL for ``query``; its cursor paging reaches page N by following ``next``."""
    from urllib.parse import urlencode

    url = "/api/v1/hazards/?" + urlencode({k: v for k, v in query.items() if k != "page"}, doseq=True)
    for _ in range(int(query.get("page", 1)) - 1):
        url = api.get(url).json()["next"]
    return url


# --- One database: prepared, then served to the parent one request at a time ----------------


def prepare(hazards: int, townships: int) -> None:
    """Migrates, adds the two users and ``hazards`` hazards, then VACUUM ANALYZE: what autovacuum
    does for a live table after a bulk load (statistics, and the visibility map that lets a list
    read its ids from an index alone)."""
    from django.core.management import call_command
    from django.db import connection

    from org.models import Region, User
    from org.services import create_portal_user

    call_command("migrate", verbosity=0)
    county = Region.objects.get(level=Region.Level.COUNTY)
    lingxi = Region.objects.get(name="灵溪镇")
    create_portal_user(username="bench_admin", password="bench-only", role=User.Role.COUNTY_ADMIN, region=county)
    create_portal_user(username="bench_lingxi", password="bench-only", role=User.Role.TOWNSHIP_STAFF, region=lingxi)
    # Two calls, as a ledger grows: the first 10,000 hazards, then the rest.
    first = min(hazards, 10_000)
    call_command("gen_scale", hazards=first, townships=townships, stdout=io.StringIO())
    if hazards > first:
        call_command("gen_scale", hazards=hazards - first, townships=townships, seed=2, stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def serve() -> None:
    """Answers the parent's requests, one JSON line each: time one cell once, count its queries,
    or measure the import."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from org.models import User

    users = {"county": User.objects.get(username="bench_admin"), "township": User.objects.get(username="bench_lingxi")}
    fetchers = {}
    for name, (who, page_query, api_query) in ROWS.items():
        page, api = Client(), APIClient()
        page.force_login(users[who])
        api.force_authenticate(users[who])
        url = api_page(api, api_query)
        fetchers[name, "page"] = lambda page=page, q=page_query: page.get("/hazards/", q)
        fetchers[name, "API"] = lambda api=api, url=url: api.get(url)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if request["do"] == "import":
            answer = measure_import(request["rows"], users["township"])
        else:
            fetch = fetchers[request["row"], request["column"]]
            if request["do"] == "queries":
                with CaptureQueriesContext(connection) as queries:
                    fetch()
                answer = len(queries)
            else:
                start = time.perf_counter()
                response = fetch()
                answer = time.perf_counter() - start
                assert response.status_code == 200, (request, response.status_code)
        print(json.dumps({"answer": answer}), flush=True)


class Side:
    """One size: a process serving its database."""

    def __init__(self, url: str) -> None:
        env = {**os.environ, "BENCH_SERVE": url}
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )
        assert json.loads(self.process.stdout.readline())["ready"]

    def ask(self, **request):
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())["answer"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def measure_lists(small: Side, large: Side, repeat: int) -> dict:
    """Per cell: two warm-ups each, then ``repeat`` samples per side taken in turn, the order
    swapped every round; the median of each side and the queries one request makes."""
    results = {}
    for name in ROWS:
        for column in COLUMNS:
            cell = {"row": name, "column": column}
            for side in (small, large, small, large):
                side.ask(do="time", **cell)
            samples = {small: [], large: []}
            for round_ in range(repeat):
                for side in (small, large) if round_ % 2 == 0 else (large, small):
                    samples[side].append(side.ask(do="time", **cell))
            results[name, column] = [
                (statistics.median(samples[side]), side.ask(do="queries", **cell)) for side in (small, large)
            ]
    return results


def ledger_bytes(rows: int) -> bytes:
    import openpyxl

    from hazards3030.validators import CREDIT_CODE_CHARS, credit_code_check_char

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("隐患台账")
    sheet.append(["灵溪镇安全生产事故隐患排查整改台账"])
    sheet.append(["序号", "乡镇", "企业名称", "统一社会信用代码", "隐患描述", "隐患等级", "隐患类别", "隐患来源",
                  "发现日期", "整改期限", "整改责任人", "整改措施", "整改资金(万元)", "整改状态"])  # fmt: skip
    for n in range(rows):
        body = f"9133032{n:010d}"[:17].replace("I", "1")
        body = "".join(c if c in CREDIT_CODE_CHARS else "0" for c in body)
        sheet.append([n + 1, "灵溪镇", f"台账企业{n % 500}", body + credit_code_check_char(body), "消防通道被货物堵塞",
                      "一般", "消防", "检查", "2024.5.3", "2024-05-18", "张三", "立即清理", 1.5, "整改中"])  # fmt: skip
    sheet.append(["合计"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def measure_import(rows: int, staff) -> tuple[float, float]:
    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from hazards3030.importers import import_hazards

    data = ledger_bytes(rows)
    start = time.perf_counter()
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    assert sum(1 for _ in sheet.iter_rows(values_only=True)) == rows + 3
    read_alone = time.perf_counter() - start

    start = time.perf_counter()
    with transaction.atomic():
        result = import_hazards(upload=SimpleUploadedFile("ledger.xlsx", data), actor=staff)
        transaction.set_rollback(True)  # measure, then leave the data as it was
    full_import = time.perf_counter() - start
    assert result.created == rows
    return full_import, read_alone


def print_matrix(results: dict, args) -> None:
    print(f"\nHazard lists over {args.townships} townships, {args.large:,} ÷ {args.small:,} hazards "
          f"(goal ≤ 1.5, same query count); each side the median of {args.repeat} runs, taken in turn")  # fmt: skip
    print(f"  {'':<16}" + "".join(f"{column:^40}" for column in COLUMNS))
    worst = 0.0
    for name in ROWS:
        cells = []
        for column in COLUMNS:
            (t_small, q_small), (t_large, q_large) = results[name, column]
            ratio = t_large / t_small
            worst = max(worst, ratio)
            same = "=" if q_large == q_small else "≠"
            cells.append(f"{ratio:5.2f}  {t_large * 1000:6.1f}÷{t_small * 1000:5.1f} ms  q {q_large}{same}{q_small}")
        print(f"  {name:<16}" + "".join(f"{cell:<40}" for cell in cells))
    print(f"  worst cell: {worst:.2f}")


def main() -> None:
    if "--serve" in sys.argv:
        use_database(os.environ["BENCH_SERVE"])
        serve()
        return
    if "--prepare" in sys.argv:
        use_database(os.environ["BENCH_SERVE"])
        prepare(int(sys.argv[2]), int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--townships", type=int, default=180)
    parser.add_argument("--repeat", type=int, default=11, help="timed runs per cell and size (the median is kept)")
    parser.add_argument("--import-rows", type=int, default=10_000)
    args = parser.parse_args()

    urls = database_urls()
    print(f"databases: {urls[0].split('@')[-1]} ({args.small:,}), {urls[1].split('@')[-1]} ({args.large:,})")
    for url, hazards in zip(urls, (args.small, args.large), strict=True):
        env = {**os.environ, "BENCH_SERVE": url}
        subprocess.run([sys.executable, __file__, "--prepare", str(hazards), str(args.townships)], env=env, check=True)
    small, large = Side(urls[0]), Side(urls[1])
    try:
        print_matrix(measure_lists(small, large, args.repeat), args)
        full, alone = large.ask(do="import", rows=args.import_rows)
    finally:
        small.close()
        large.close()
    print(f"\nImport of a {args.import_rows:,}-row ledger ÷ openpyxl reading it alone (goal ≤ 3)")
    print(f"  {full:.2f} s ÷ {alone:.2f} s = {full / alone:.2f}")


if __name__ == "__main__":
    main()
