from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plan import snapshots
from plan.periods import Month
from tests.factories import HazardFactory, township

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_months(django_capture_on_commit_callbacks):
    def run(*months):
        for month in months:
            with django_capture_on_commit_callbacks(execute=True):
                snapshots.start_snapshot(period=Month(2024, month))

    return run


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_county_overview_shows_lights_ranking_and_trend(client, county_admin, run_months):
    HazardFactory(found_on=date(2024, 5, 2), deadline=date(2024, 5, 9))
    run_months(4, 5)
    client.force_login(county_admin)
    html = client.get(reverse("plan:dashboard")).content.decode()
    assert "数据月份:2024-05" in html
    assert html.count('class="light light-') == 28
    assert 'data-target="F1.major"' in html and "light-met" in html and "light-untracked" in html
    assert html.count("data-rank=") == 18 + 10 * 0  # 18 townships (no departments in this test)
    assert 'id="trend-data"' in html and "2024-04" in html
    assert "/static/vendor/echarts/echarts.min.js" in html


def test_the_overview_makes_the_same_number_of_queries_as_data_grows(client, county_admin, run_months):
    client.force_login(county_admin)
    url = reverse("plan:dashboard")
    run_months(3)
    few = queries(client, url)
    for n in range(30):
        HazardFactory(found_on=date(2024, 5, 1 + n % 28), deadline=date(2024, 5, 28))
    run_months(4, 5, 6)
    assert queries(client, url) == few


def test_a_township_page_compares_with_the_county_and_shows_its_rank_history(client, lingxi_staff, run_months):
    HazardFactory(found_on=date(2024, 5, 2), deadline=date(2024, 5, 9))
    run_months(4, 5)
    client.force_login(lingxi_staff)
    url = reverse("plan:township", args=[township("灵溪镇").pk])
    html = client.get(url).content.decode()
    assert 'data-indicator="hazards.found"' in html and "全县平均" in html
    assert 'id="rank-history-data"' in html and "2024-04" in html and "2024-05" in html
    few = queries(client, url)
    run_months(6, 7)
    assert queries(client, url) == few
    assert client.get(reverse("plan:township", args=[township("矾山镇").pk])).status_code == 404


def test_snapshot_and_workbook_pages_are_for_the_county(client, county_admin, lingxi_staff):
    client.force_login(lingxi_staff)
    assert client.get(reverse("plan:snapshots")).status_code == 403
    assert client.get(reverse("plan:workbooks")).status_code == 403
    assert f'href="{reverse("plan:snapshots")}"' not in client.get(reverse("plan:dashboard")).content.decode()
    client.force_login(county_admin)
    response = client.post(reverse("plan:snapshots"), {"period": "2024-05"}, follow=True)
    assert "已开始计算" in response.content.decode()


def test_a_township_user_reads_the_same_figures_on_the_dashboard_and_through_the_api(client, lingxi_staff, run_months):
    """Both read through the scope; the county's own figures are portal-wide, another township's
    are not (org.scoping.UnitFiguresQuerySet)."""
    import re

    from plan.models import IndicatorValue
    from tests.conftest import api_as

    HazardFactory(found_on=date(2024, 5, 2), deadline=date(2024, 5, 9))
    run_months(5)
    client.force_login(lingxi_staff)
    html = client.get(reverse("plan:dashboard"), {"period": "2024-05"}).content.decode()
    on_page = {code: status for status, code in re.findall(r'class="light light-(\w+)" data-target="([^"]+)"', html)}
    rows = api_as(lingxi_staff).get("/api/v1/attainment/", {"year": 2024}).json()["results"]
    assert {row["code"]: row["status"] for row in rows} == on_page
    assert "met" in on_page.values() or "unmet" in on_page.values()
    readable = IndicatorValue.objects.visible_to(lingxi_staff)
    assert not readable.filter(region=township("矾山镇")).exists()
    assert readable.filter(region__name="苍南县", department__isnull=True).exists()
