"""The plan in force for a month is the plan of that month's year; a year without one says so."""

import re
from datetime import date

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from org.models import Region
from plan import snapshots
from plan.attainment import attainment
from plan.models import Target, WorkPlan
from plan.periods import Month
from plan.services import copy_work_plan
from tests.factories import IndicatorValueFactory, SnapshotRunFactory, county

pytestmark = pytest.mark.django_db

TODAY = date(2030, 3, 15)  # a year no test makes a plan for, unless it copies one


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def plan_2026() -> WorkPlan:
    """2026's plan, copied from 2024's, with one target worded differently to tell them apart."""
    plan = copy_work_plan(plan=WorkPlan.objects.get(year=2024), year=2026)
    Target.objects.filter(plan=plan, code="F1.major").update(text="2026年不发生较大及以上生产安全事故")
    return plan


@pytest.fixture
def run_month(django_capture_on_commit_callbacks):
    def run(year: int, month: int) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            snapshots.start_snapshot(period=Month(year, month))

    return run


def page(client, name: str, **params) -> str:
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_month_is_read_against_the_plan_of_its_own_year(client, county_admin, plan_2026, run_month):
    run_month(2024, 5)
    run_month(2026, 3)
    client.force_login(county_admin)
    in_2026 = page(client, "plan:dashboard", period="2026-03")
    assert "2026年不发生较大及以上生产安全事故" in in_2026 and "2026年度" in in_2026
    in_2024 = page(client, "plan:dashboard", period="2024-05")
    assert "不发生较大及以上生产安全事故" in in_2024 and "2026年不发生" not in in_2024
    assert "数据月份:2024-05" in in_2024


def test_the_county_a_plan_reads_is_its_own(plan_2026):
    """Another county's plan reads that county's figures, not those of the first county."""
    other = Region.objects.create(name="测试县", level=Region.Level.COUNTY, parent=county().parent)
    plan = WorkPlan.objects.create(county=other, year=2026, title="测试县计划")
    Target.objects.create(
        plan=plan,
        code="F1.major",
        text="不发生较大事故",
        kind="count_at_most",
        threshold=0,
        indicator_key="F1.major",
        focus=plan_2026.focus_set.get(code="F1"),
    )
    run = SnapshotRunFactory(period=date(2026, 3, 1))
    IndicatorValueFactory(run=run, indicator="F1.major", region=other, value=0)
    IndicatorValueFactory(run=run, indicator="F1.major", region=county(), value=2)
    [theirs] = attainment(plan)
    ours = next(item for item in attainment(plan_2026) if item.target.code == "F1.major")
    assert (theirs.status.code, theirs.latest.value) == ("met", 0)
    assert (ours.status.code, ours.latest.value) == ("unmet", 2)


def test_the_dashboard_switches_between_the_years_that_have_a_plan(client, lingxi_staff, plan_2026, run_month):
    run_month(2024, 4)
    run_month(2024, 5)
    run_month(2026, 2)
    client.force_login(lingxi_staff)
    html = page(client, "plan:dashboard", year="2024")
    assert "综合看板 · 2024年度" in html and "数据月份:2024-05" in html
    links = lxml.html.fromstring(html).xpath('//nav[contains(@class, "years")]//a')
    assert [(a.get("href"), a.get("aria-current")) for a in links] == [
        ("/dashboard/?year=2026", None),
        ("/dashboard/?year=2024", "page"),
    ]
    assert "数据月份:2026-02" in page(client, "plan:dashboard", year="2026")
    assert client.get(reverse("plan:dashboard"), {"year": "20x6"}).status_code == 404


def test_the_plan_page_names_its_year_and_links_the_other_years(client, lingxi_staff, plan_2026):
    client.force_login(lingxi_staff)
    html = client.get(reverse("plan:plan", kwargs={"year": 2026})).content.decode()
    assert "2026年应急管理工作计划" in html and "苍南县" in html
    assert 'href="/plan/2024/"' in html and 'aria-current="page">2026年度' in html


def test_the_dashboard_counts_the_targets_with_no_data_yet(client, county_admin, run_month):
    run_month(2024, 5)
    client.force_login(county_admin)
    html = page(client, "plan:dashboard", period="2024-05")
    lights = re.findall(r'class="light light-(\w+)"', html)
    for code, label in (("met", "达成"), ("unmet", "未达成"), ("no_data", "暂无数据"), ("untracked", "未接入")):
        assert f'status-{code}">{label} {lights.count(code)}</span>' in html
    assert lights.count("no_data") > 0  # 2024-05 has no accidents, windows or transfers to measure


def test_a_month_whose_year_has_no_plan_says_so_and_offers_the_copy_to_a_county_admin(client, county_admin):
    client.force_login(county_admin)
    html = page(client, "plan:dashboard", period="2025-03")
    assert "2025年度尚未录入工作计划" in html and "暂无数据" not in html
    assert 'action="/plan/copy/"' in html and 'name="year" value="2025"' in html
    assert "以2024年度计划为基础,复制为2025年度计划" in html


def test_others_are_told_there_is_no_plan_but_offered_no_copy(client, lingxi_staff):
    client.force_login(lingxi_staff)
    html = page(client, "plan:dashboard", period="2025-03")
    assert "2025年度尚未录入工作计划" in html
    assert 'action="/plan/copy/"' not in html and "请县应急管理局管理员复制上一年度计划" in html
    response = client.post(reverse("plan:copy"), {"year": "2025"})
    assert response.status_code == 403
    assert not WorkPlan.objects.filter(year=2025).exists()


def test_the_copy_makes_the_plan_and_goes_back_to_the_month(client, county_admin, run_month):
    run_month(2025, 3)
    client.force_login(county_admin)
    response = client.post(reverse("plan:copy"), {"year": "2025", "next": "/dashboard/?period=2025-03"}, follow=True)
    assert response.redirect_chain == [("/dashboard/?period=2025-03", 302)]
    html = response.content.decode()
    assert "已将苍南县2024年度工作计划复制为2025年度工作计划" in html
    assert "综合看板 · 2025年度" in html and html.count('class="light light-') == 28
    assert Target.objects.filter(plan__year=2025, plan__county=county()).count() == 28


def test_a_refused_copy_is_a_message_never_an_error_page(client, county_admin):
    client.force_login(county_admin)
    response = client.post(reverse("plan:copy"), {"year": "2024", "next": "https://elsewhere.example/"}, follow=True)
    assert response.redirect_chain == [("/", 302), ("/plan/2024/", 302)]
    assert "苍南县2024年度工作计划已存在,未复制。" in response.content.decode()
    assert WorkPlan.objects.filter(year=2024).count() == 1


def test_the_plan_page_of_a_year_without_a_plan_says_so(client, county_admin):
    client.force_login(county_admin)
    response = client.get(reverse("plan:plan", kwargs={"year": 2027}))
    assert response.status_code == 404
    html = response.content.decode()
    assert "2027年度尚未录入工作计划" in html and 'name="year" value="2027"' in html
    assert 'href="/plan/2024/"' in html


def test_this_year_without_a_plan_is_said_on_the_pages_of_other_years(client, county_admin, lingxi_staff):
    client.force_login(county_admin)
    html = client.get(reverse("plan:plan", kwargs={"year": 2024})).content.decode()
    assert 'data-missing-year="2030"' in html and 'name="year" value="2030"' in html
    client.force_login(lingxi_staff)
    html = page(client, "plan:dashboard")
    assert 'data-missing-year="2030"' in html and 'action="/plan/copy/"' not in html


def test_the_portal_opens_on_this_years_plan_once_it_has_one(client, county_admin, django_capture_on_commit_callbacks):
    client.force_login(county_admin)
    assert client.get(reverse("plan:home"))["Location"] == "/plan/2024/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("plan:copy"), {"year": "2030"})
    assert client.get(reverse("plan:home"))["Location"] == "/plan/2030/"
    assert f'href="{reverse("plan:part", kwargs={"year": 2030, "code": "A1"})}"' in page(client, "plan:dashboard")
