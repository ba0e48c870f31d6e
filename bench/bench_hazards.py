"""The 3030 ledger at scale: list page and API at 1M vs 10k hazards; import vs openpyxl alone.

Prints ratios measured in one run (see bench/README.md). Works on its own database only.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure_database() -> str:
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if url:
        import psycopg2
        from dj_database_url import parse

        db = parse(url)
        admin = psycopg2.connect(dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}"')
            cursor.execute(f'CREATE DATABASE "{db["NAME"]}"')
        admin.close()
    else:
        path = ROOT / "var" / "bench.sqlite3"
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = url
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cangnan_yingji.settings")
    return url.split("@")[-1]


def timed(fetch, repeat: int) -> tuple[float, int]:
    """Median seconds of ``repeat`` calls after two warm-ups, and the queries one call makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        fetch()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = fetch()
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        fetch()
    return statistics.median(samples), len(queries)


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
    "keyword": ("county", {"q": RARE_KEYWORD}, {"q": RARE_KEYWORD}),
    "keyword, common": ("county", {"q": COMMON_KEYWORD}, {"q": COMMON_KEYWORD}),
}


def api_page(api, query: dict) -> str:
    """The API's URL for ``query``; its cursor paging reaches page N by following ``next``."""
    from urllib.parse import urlencode

    url = "/api/v1/hazards/?" + urlencode({k: v for k, v in query.items() if k != "page"}, doseq=True)
    for _ in range(int(query.get("page", 1)) - 1):
        url = api.get(url).json()["next"]
    return url


def measure_lists(users: dict, repeat: int) -> dict:
    from django.test import Client
    from rest_framework.test import APIClient

    results = {}
    for name, (who, page_query, api_query) in ROWS.items():
        page, api = Client(), APIClient()
        page.force_login(users[who])
        api.force_authenticate(users[who])
        url = api_page(api, api_query)
        results[name] = {
            "page": timed(lambda page=page, q=page_query: page.get("/hazards/", q), repeat),
            "API": timed(lambda api=api, url=url: api.get(url), repeat),
        }
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


def refresh_statistics() -> None:
    """What autovacuum does for a live database after a bulk load."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def print_matrix(small: dict, large: dict, args) -> None:
    print(f"\nHazard lists over {args.townships} townships, {args.large:,} ÷ {args.small:,} hazards "
          f"(goal ≤ 1.5, same query count); each side the median of {args.repeat} runs")  # fmt: skip
    print(f"  {'':<16}" + "".join(f"{column:^40}" for column in ("page", "API")))
    worst = 0.0
    for name in small:
        cells = []
        for column in ("page", "API"):
            (t_small, q_small), (t_large, q_large) = small[name][column], large[name][column]
            ratio = t_large / t_small
            worst = max(worst, ratio)
            same = "=" if q_large == q_small else "≠"
            cells.append(f"{ratio:5.2f}  {t_large * 1000:6.1f}÷{t_small * 1000:5.1f} ms  q {q_large}{same}{q_small}")
        print(f"  {name:<16}" + "".join(f"{cell:<40}" for cell in cells))
    print(f"  worst cell: {worst:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--townships", type=int, default=180)
    parser.add_argument("--repeat", type=int, default=11, help="timed runs per cell and size (the median is kept)")
    parser.add_argument("--import-rows", type=int, default=10_000)
    args = parser.parse_args()

    where = configure_database()
    import django

    django.setup()
    from django.core.management import call_command

    from org.models import Region, User
    from org.services import create_portal_user

    call_command("migrate", verbosity=0)
    county = Region.objects.get(level=Region.Level.COUNTY)
    lingxi = Region.objects.get(name="灵溪镇")
    admin = create_portal_user(
        username="bench_admin", password="bench-only", role=User.Role.COUNTY_ADMIN, region=county
    )
    staff = create_portal_user(
        username="bench_lingxi", password="bench-only", role=User.Role.TOWNSHIP_STAFF, region=lingxi
    )
    print(f"database: {where}")

    users = {"county": admin, "township": staff}
    call_command("gen_scale", hazards=args.small, townships=args.townships, stdout=io.StringIO())
    refresh_statistics()
    small = measure_lists(users, args.repeat)
    call_command("gen_scale", hazards=args.large - args.small, townships=args.townships, seed=2, stdout=io.StringIO())
    refresh_statistics()
    large = measure_lists(users, args.repeat)
    print_matrix(small, large, args)

    full, alone = measure_import(args.import_rows, staff)
    print(f"\nImport of a {args.import_rows:,}-row ledger ÷ openpyxl reading it alone (goal ≤ 3)")
    print(f"  {full:.2f} s ÷ {alone:.2f} s = {full / alone:.2f}")


if __name__ == "__main__":
    main()
