"""The hazard list (page and API): its default filter on every page, its order and indexes, the
capped count, reading a page by ids first, and its export as the 隐患台账 (page and API)."""

import io
import re
from datetime import timedelta
from decimal import Decimal
from html import unescape

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hazards3030.exports import HAZARD_LEDGER_COLUMNS
from hazards3030.models import OPEN_STATUSES, Hazard
from org.pagination import CappedPaginator
from org.spreadsheets import XLSX
from tests.conftest import api_as
from tests.factories import HazardFactory, township

pytestmark = pytest.mark.django_db

CLOSED = Hazard.Status.CLOSED
HEADERS = [column.header for column in HAZARD_LEDGER_COLUMNS]


def listed_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-hazard="(\d+)"', html)]


def next_link(html: str) -> str:
    match = re.search(r'<a href="([^"]*)">下一页</a>', html)
    assert match, "no 下一页 link"
    return unescape(match.group(1))


def open_and_closed(open_count: int, closed_count: int, **extra) -> tuple[set[int], set[int]]:
    """Hazards in 灵溪镇: the closed ones found later and due earlier, so any list mixing the two
    puts closed hazards on its first pages whichever order it uses."""
    today = timezone.localdate()
    opened = {
        HazardFactory(found_on=today - timedelta(days=40), deadline=today + timedelta(days=n % 9), **extra).pk
        for n in range(open_count)
    }
    closed = {
        HazardFactory(
            status=CLOSED, found_on=today - timedelta(days=n % 7), deadline=today - timedelta(days=n % 7), **extra
        ).pk
        for n in range(closed_count)
    }
    return opened, closed


# --- The default filter: open hazards, on every page and in the export ---------------------


def test_page_two_of_the_worklist_keeps_to_open_hazards(client, lingxi_staff):
    opened, _closed = open_and_closed(70, 60)
    client.force_login(lingxi_staff)
    first = client.get(reverse("hazards3030:hazards")).content.decode()
    assert set(listed_ids(first)) <= opened and len(listed_ids(first)) == 50
    second = client.get(reverse("hazards3030:hazards") + next_link(first)).content.decode()
    assert set(listed_ids(second)) == opened - set(listed_ids(first))  # the other 20 open, no closed one
    # The same page reached by its bare number, as bookmarked or typed.
    assert listed_ids(client.get(reverse("hazards3030:hazards"), {"page": 2}).content.decode()) == listed_ids(second)


def test_the_worklist_export_without_filters_is_the_open_hazards(client, lingxi_staff):
    opened, _closed = open_and_closed(3, 4)
    client.force_login(lingxi_staff)
    sheet = workbook(client.get(reverse("hazards3030:hazards"), {"export": "xlsx"}))
    assert {row[0] for row in data_rows(sheet)} == opened


def test_a_chosen_filter_replaces_the_default(client, lingxi_staff):
    opened, closed = open_and_closed(2, 3)
    client.force_login(lingxi_staff)
    html = client.get(reverse("hazards3030:hazards"), {"status": CLOSED}).content.decode()
    assert set(listed_ids(html)) == closed
    # The whole filter form sent with nothing chosen: every status.
    html = client.get(reverse("hazards3030:hazards"), {"q": "", "level": ""}).content.decode()
    assert set(listed_ids(html)) == opened | closed


# --- Order, pages read by ids first, capped count ------------------------------------------


def test_open_hazards_list_by_deadline_and_the_rest_newest_first(client, county_admin):
    today = timezone.localdate()
    late = HazardFactory(found_on=today - timedelta(days=30), deadline=today - timedelta(days=3))
    soon = HazardFactory(found_on=today - timedelta(days=2), deadline=today + timedelta(days=1))
    done = HazardFactory(status=CLOSED, found_on=today - timedelta(days=1), deadline=today + timedelta(days=20))
    client.force_login(county_admin)
    url = reverse("hazards3030:hazards")
    assert listed_ids(client.get(url).content.decode()) == [late.pk, soon.pk]
    assert listed_ids(client.get(url, {"overdue": "true"}).content.decode()) == [late.pk]
    assert listed_ids(client.get(url, {"q": ""}).content.decode()) == [done.pk, soon.pk, late.pk]


def test_every_page_read_by_ids_first_is_the_page_of_the_plain_list(client, county_admin):
    today = timezone.localdate()
    for n in range(120):
        found = today - timedelta(days=n % 11)
        HazardFactory(found_on=found, deadline=found + timedelta(days=n % 5), status=OPEN_STATUSES[n % 4])
    client.force_login(county_admin)
    expected = list(Hazard.objects.open().order_by("deadline", "id").values_list("pk", flat=True))
    seen = []
    for page in (1, 2, 3):
        seen += listed_ids(client.get(reverse("hazards3030:hazards"), {"page": page}).content.decode())
    assert seen == expected


def test_the_api_pages_through_every_hazard_once_newest_first(county_admin):
    opened, closed = open_and_closed(60, 45)
    api, url, seen = api_as(county_admin), reverse("hazard-list") + "?page_size=20", []
    while url:
        body = api.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert seen == sorted(opened | closed, reverse=True)
    rows = api.get(reverse("hazard-list"), {"status": CLOSED, "page_size": 500}).json()["results"]
    assert [row["id"] for row in rows] == sorted(closed, reverse=True)


def test_the_capped_count_reads_no_order():
    HazardFactory.create_batch(3)
    paginator = CappedPaginator(Hazard.objects.order_by("deadline", "id"), 2)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 3
    (count,) = [q["sql"] for q in queries.captured_queries]
    assert "ORDER BY" not in count.upper() and "LIMIT 1001" in count.upper()


SHAPES = {
    "worklist": ("lingxi_staff", {}, {"status": OPEN_STATUSES}),
    "closed": ("county_admin", {"status": CLOSED}, {"status": CLOSED}),
    "overdue": ("county_admin", {"overdue": "true"}, {"overdue": "true"}),
    "page 2": ("county_admin", {"page": 2, "q": ""}, {"page_size": 5}),
    "keyword": ("county_admin", {"q": "堵塞"}, {"q": "堵塞"}),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_each_list_makes_the_same_queries_small_and_large(client, request, shape):
    who, page_query, api_query = SHAPES[shape]
    user = request.getfixturevalue(who)
    client.force_login(user)
    api = api_as(user)

    def counts() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as page:
            assert client.get(reverse("hazards3030:hazards"), page_query).status_code == 200
        with CaptureQueriesContext(connection) as listed:
            assert api.get(reverse("hazard-list"), api_query).status_code == 200
        return len(page), len(listed)

    def add(count: int) -> None:
        today, lingxi = timezone.localdate(), township("灵溪镇")
        found, deadline = today - timedelta(days=20), today - timedelta(days=2)
        statuses = [CLOSED, Hazard.Status.ASSIGNED, Hazard.Status.RECTIFYING]
        Hazard.objects.bulk_create(
            Hazard(township=lingxi, description=f"消防通道堵塞{n}", found_on=found, deadline=deadline, status=status)
            for n, status in zip(range(count), statuses * count, strict=False)
        )

    add(60 if shape == "page 2" else 3)  # page 2 needs a page 1
    small = counts()
    add(400)
    assert counts() == small


# --- Indexes each list walks in order (PostgreSQL) -------------------------------------------


def ids_plan(rows, window=slice(0, 50)) -> str:
    """The plan of a page's id subquery, with sorting and scanning the whole table priced out of
    reach: whatever index serves its filters and order is then walked, else a Sort shows."""
    sql, params = rows.values("pk")[window].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE hazards3030_hazard")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("query plans are checked on PostgreSQL (CI sets DATABASE_URL)")


@pytest.mark.parametrize(
    ("shape", "index"),
    [
        ("worklist of a township", "hazard_open_township"),
        ("open hazards of the county", "hazard_open_by_deadline"),
        ("overdue", "hazard_open_by_deadline"),
        ("closed", "Index"),  # hazard_status_found, or on a near-empty table hazard_found_on
        ("all, newest first", "hazard_found_on"),
    ],
)
def test_each_list_shape_walks_an_index_in_its_order(on_postgresql, lingxi_staff, county_admin, shape, index):
    from hazards3030.filtersets import HazardFilterSet

    HazardFactory.create_batch(3)
    user, data = {
        "worklist of a township": (lingxi_staff, {"status": OPEN_STATUSES}),
        "open hazards of the county": (county_admin, {"status": OPEN_STATUSES}),
        "overdue": (county_admin, {"overdue": "true"}),
        "closed": (county_admin, {"status": CLOSED}),
        "all, newest first": (county_admin, {}),
    }[shape]
    rows = HazardFilterSet(data, queryset=Hazard.objects.visible_to(user)).qs
    if shape == "worklist of a township":
        rows = rows.filter(township=township("灵溪镇"))  # the planner's view once it knows the township
    plan = ids_plan(rows)
    assert index in plan and "Sort" not in plan, plan


def test_keyword_search_reads_the_trigram_index(on_postgresql):
    HazardFactory.create_batch(3)
    rows = Hazard.objects.filter(description__icontains="消防通道")  # the filter HazardFilterSet.q makes
    sql, params = rows.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        # Only an index that can test the LIKE can answer a bitmap scan: the trigram one, or nothing.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "hazard_description_trgm" in plan, plan


# --- Export: the 隐患台账, page and API --------------------------------------------------------


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]


def data_rows(sheet) -> list[tuple]:
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[2]) == HEADERS  # title, 填报单位 line, then the header
    body = rows[3:]
    return [row for row in body if row[0] != "合计"]


def test_the_county_list_exports_its_filtered_rows_as_the_ledger(client, county_admin):
    today = timezone.localdate()
    kept = HazardFactory(
        status=CLOSED,
        description="配电箱未接地",
        township=township("矾山镇"),
        funds=Decimal("1.50"),
        closed_at=timezone.now(),
    )
    other = HazardFactory(status=CLOSED, description="灭火器过期", funds=Decimal("2.00"), closed_at=timezone.now())
    HazardFactory(description="配电箱门未关", funds=Decimal("9"))  # open: not in ?status=closed
    client.force_login(county_admin)
    sheet = workbook(client.get(reverse("hazards3030:hazards"), {"status": CLOSED, "q": "配电箱", "export": "xlsx"}))
    rows = data_rows(sheet)
    assert [row[0] for row in rows] == [kept.pk] and other.pk not in [row[0] for row in rows]
    (row,) = rows
    assert row[1] == "矾山镇" and row[7] == "配电箱未接地" and row[10] == "验收销号" and row[11] is None
    assert row[14].date() == timezone.localdate(kept.closed_at)
    assert "隐患台账" in sheet.cell(1, 1).value and str(today) in sheet.cell(2, 1).value
    assert [row for row in sheet.iter_rows(values_only=True)][-1][13] == 1.5  # 合计 of 整改资金


def test_the_worklist_export_counts_overdue_days_as_the_page_shows_them(client, lingxi_staff):
    today = timezone.localdate()
    late = HazardFactory(found_on=today - timedelta(days=9), deadline=today - timedelta(days=2))
    due_today = HazardFactory(found_on=today - timedelta(days=9), deadline=today)
    client.force_login(lingxi_staff)
    html = client.get(reverse("hazards3030:hazards")).content.decode()
    assert "已逾期 2 天" in html
    rows = {row[0]: row for row in data_rows(workbook(client.get(reverse("hazards3030:hazards"), {"export": "xlsx"})))}
    assert rows[late.pk][11] == 2 and rows[due_today.pk][11] is None


def test_the_api_export_is_the_same_workbook_within_the_callers_scope(client, lingxi_staff, county_admin):
    mine = HazardFactory(description="灵溪的隐患")
    closed_here = HazardFactory(description="灵溪已销号", status=CLOSED)
    theirs = HazardFactory(description="矾山的隐患", township=township("矾山镇"))
    response = api_as(lingxi_staff).get(reverse("hazard-export"))
    assert response["Content-Disposition"].startswith("attachment")
    assert {row[0] for row in data_rows(workbook(response))} == {mine.pk, closed_here.pk}
    filtered = api_as(lingxi_staff).get(reverse("hazard-export"), {"status": CLOSED})
    assert [row[0] for row in data_rows(workbook(filtered))] == [closed_here.pk]
    everything = data_rows(workbook(api_as(county_admin).get(reverse("hazard-export"), {"township": "矾山镇"})))
    assert [row[0] for row in everything] == [theirs.pk]
    # The page's export of the same filter is the same table.
    client.force_login(lingxi_staff)
    page = workbook(client.get(reverse("hazards3030:hazards"), {"status": CLOSED, "export": "xlsx"}))
    assert data_rows(page) == data_rows(
        workbook(api_as(lingxi_staff).get(reverse("hazard-export"), {"status": CLOSED}))
    )


def test_a_bad_filter_on_the_api_export_is_a_400(lingxi_staff):
    assert api_as(lingxi_staff).get(reverse("hazard-export"), {"found_on_after": "昨天"}).status_code == 400
    assert api_as(lingxi_staff).get(reverse("hazard-export"), {"township": "没有这个镇"}).status_code == 400


def test_the_monthly_sheet_and_the_list_export_share_one_column_list():
    from plan.exports import sheets

    (hazard_sheet,) = [sheet for sheet in sheets if sheet.key == "hazards"]
    assert hazard_sheet.columns is HAZARD_LEDGER_COLUMNS
