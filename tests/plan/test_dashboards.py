from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plan import snapshots
from plan.periods import Month
from plan.publication import publish_ranking
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
    assert 'data-target="F1.major"' in html and "light-met" in html and "light-no_data" in html
    assert "light-untracked" not in html  # every part of the plan has its module now
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


def publish(county_admin, *months):
    for month in months:
        publish_ranking(period=Month(2024, month), actor=county_admin)


def test_a_township_page_compares_with_the_county_and_shows_its_rank_history(
    client, lingxi_staff, county_admin, run_months
):
    HazardFactory(found_on=date(2024, 5, 2), deadline=date(2024, 5, 9))
    run_months(4, 5)
    client.force_login(lingxi_staff)
    url = reverse("plan:township", args=[township("灵溪镇").pk])
    draft = client.get(url).content.decode()
    assert '{"months": [], "ranks": []}' in draft  # drafts are not the township's yet
    publish(county_admin, 4, 5)
    html = client.get(url).content.decode()
    assert 'data-indicator="hazards.found_per_enterprise"' in html and "全县平均" in html
    assert 'id="rank-history-data"' in html and "2024-04" in html and "2024-05" in html
    few = queries(client, url)
    run_months(6, 7)
    publish(county_admin, 6, 7)
    assert queries(client, url) == few


def test_the_dashboard_shows_a_draft_ranking_to_county_admins_only_marked_as_such(
    client, county_admin, lingxi_staff, run_months
):
    HazardFactory(found_on=date(2024, 5, 2), deadline=date(2024, 5, 9))
    run_months(5)
    client.force_login(county_admin)
    html = client.get(reverse("plan:dashboard")).content.decode()
    assert html.count("data-rank=") == 18 and "草稿:该月排名尚未发布" in html and "得分相同时" in html
    assert "未报送" in html
    client.force_login(lingxi_staff)
    html = client.get(reverse("plan:dashboard")).content.decode()
    assert "data-rank=" not in html and "草稿" not in html
    publish(county_admin, 5)
    html = client.get(reverse("plan:dashboard")).content.decode()
    assert html.count("data-rank=") == 18 and "草稿" not in html
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


def _ranking_rows(client) -> list:
    """The dashboard's township ranking rows, parsed."""
    from lxml import html

    page = html.fromstring(client.get(reverse("plan:dashboard"), {"period": "2024-05"}).content)
    return page.xpath('(//table[contains(@class, "ranking")])[1]//tr[@data-rank]')


def _published(month: int) -> None:
    """The month's ranking is published (townships read published months only)."""
    from django.utils import timezone

    from plan.models import RankingPublication

    RankingPublication.objects.update_or_create(
        period=Month(2024, month).first_day, defaults={"published_at": timezone.now(), "withdrawn_at": None}
    )


def test_a_township_user_is_linked_to_their_own_township_only_and_sees_it_highlighted(client, lingxi_staff, run_months):
    run_months(5)
    _published(5)
    client.force_login(lingxi_staff)
    rows = _ranking_rows(client)
    assert len(rows) == 18
    links = [a.get("href") for row in rows for a in row.xpath(".//a")]
    assert links == [reverse("plan:township", args=[township("灵溪镇").pk])]
    assert client.get(links[0]).status_code == 200
    own = [row for row in rows if "own" in row.classes]
    assert len(own) == 1 and own[0].xpath(".//a")
    assert "灵溪镇" in own[0].text_content() and "本乡镇" in own[0].text_content()
    assert all(cell.get("data-label") for row in rows for cell in row.xpath("td")[:4])


def test_a_county_admin_is_linked_to_every_township_and_none_is_highlighted(client, county_admin, run_months):
    run_months(5)
    _published(5)
    client.force_login(county_admin)
    rows = _ranking_rows(client)
    assert sum(len(row.xpath(".//a")) for row in rows) == 18
    assert not [row for row in rows if "own" in row.classes]
