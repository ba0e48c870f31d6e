import pytest
from django.urls import reverse

from plan.models import Action, Target
from plan.registry import Indicator, registry

pytestmark = pytest.mark.django_db


def test_the_plan_page_lists_every_target_with_its_status(client, lingxi_staff):
    client.force_login(lingxi_staff)
    response = client.get(reverse("plan:plan", kwargs={"year": 2024}))
    html = response.content.decode()
    assert response.status_code == 200
    for target in Target.objects.all():
        assert f'data-target="{target.code}"' in html
        assert target.text in html
    tracked = [t for t in Target.objects.all() if t.indicator_key in registry]
    assert {t.code for t in tracked} >= {"A1.coverage", "F1.accidents", "M1.loop3030"}
    # A target no app measures yet says so, never shows an invented number.
    assert html.count("status-untracked") == 28 - len(tracked)


def test_a_target_with_a_registered_indicator_is_no_longer_untracked(client, lingxi_staff):
    Target.objects.filter(code="A5.videos").update(indicator_key="tests.videos")
    registry.register(
        Indicator(
            key="tests.videos",
            label="警示教育视频",
            unit="部",
            owner_app="tests",
            kind="count_at_least",
            by_township=lambda period, units: {},
        )
    )
    try:
        client.force_login(lingxi_staff)
        html = client.get(reverse("plan:part", kwargs={"year": 2024, "code": "A5"})).content.decode()
    finally:
        registry.unregister("tests.videos")
    assert html.count("status-untracked") == 3
    assert html.count("status-no_data") == 1


def test_a_part_page_says_plainly_when_its_module_is_not_built(client, lingxi_staff):
    # Every part's module is installed today: a part handed to a module still to come reads so.
    Action.objects.filter(plan__year=2024, code="A6").update(owner_app="notyetbuilt")
    client.force_login(lingxi_staff)
    html = client.get(reverse("plan:part", kwargs={"year": 2024, "code": "A6"})).content.decode()
    assert "尚在建设中" in html


def test_an_unknown_year_or_part_is_404(client, lingxi_staff):
    client.force_login(lingxi_staff)
    assert client.get(reverse("plan:plan", kwargs={"year": 1999})).status_code == 404
    assert client.get(reverse("plan:part", kwargs={"year": 2024, "code": "Z9"})).status_code == 404


def test_pages_need_a_login(client):
    response = client.get(reverse("plan:plan", kwargs={"year": 2024}))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_plan_page_makes_the_same_number_of_queries_however_many_snapshots(client, lingxi_staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plan import snapshots
    from plan.periods import Month

    client.force_login(lingxi_staff)
    url = reverse("plan:plan", kwargs={"year": 2024})

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries()
    for month in (3, 4, 5):
        snapshots.start_snapshot(period=Month(2024, month))
    assert queries() == before
