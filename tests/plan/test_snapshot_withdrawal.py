"""A county administrator withdraws a month's snapshot with a reason: its values, its ranking and
its 区域挂牌 notices go with it; the run stays on /snapshots/ with who, when and why."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from plan import snapshots
from plan.models import IndicatorValue, ListingNotice, RankingPublication, SnapshotRun
from plan.periods import Month
from plan.publication import publish_ranking
from tests.conftest import api_as
from tests.factories import HazardFactory, township

pytestmark = pytest.mark.django_db
MAY = Month(2024, 5)


@pytest.fixture
def published_may(county_admin, django_capture_on_commit_callbacks):
    """May computed and published: 矾山镇 leaves a hazard overdue and is listed (a notice)."""
    for day in (2, 3):
        HazardFactory(found_on=date(2024, 5, day), deadline=date(2024, 5, 10), status="closed",
                      closed_at=timezone.make_aware(datetime(2024, 5, 8, 10)))  # fmt: skip
    HazardFactory(township=township("矾山镇"), found_on=date(2024, 5, 3), deadline=date(2024, 5, 10))
    with django_capture_on_commit_callbacks(execute=True):
        run = snapshots.start_snapshot(period=MAY)
    with django_capture_on_commit_callbacks(execute=True):
        publish_ranking(period=MAY, actor=county_admin)
    return SnapshotRun.objects.get(pk=run.pk)


def test_withdrawing_a_snapshot_withdraws_its_ranking_and_notices(county_admin, published_may, lingxi_staff):
    assert ListingNotice.objects.filter(withdrawn_at__isnull=True).exists()
    client = api_as(county_admin)
    url = reverse("snapshot-withdraw", args=[published_may.pk])
    assert client.post(url, {"reason": "  "}, format="json").status_code == 400
    assert api_as(lingxi_staff).post(url, {"reason": "数据有误"}, format="json").status_code in (403, 404)

    response = client.post(url, {"reason": "矾山镇数据录入有误"}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "withdrawn" and body["withdraw_reason"] == "矾山镇数据录入有误"
    assert body["withdrawn_by"] and body["withdrawn_at"]

    publication = RankingPublication.objects.get(period=MAY.first_day)
    assert not publication.is_published and publication.withdraw_reason == "矾山镇数据录入有误"
    assert publication.history.filter(withdraw_reason="矾山镇数据录入有误").exists()  # kept in history
    assert not ListingNotice.objects.filter(withdrawn_at__isnull=True).exists()
    assert api_as(county_admin).get(reverse("ranking-list"), {"period": "2024-05"}).json()["count"] == 0
    assert not IndicatorValue.objects.filter(run__status=SnapshotRun.Status.COMPLETE, period=MAY.first_day).exists()
    # Twice is a conflict; the month can be computed again.
    assert client.post(url, {"reason": "再撤一次"}, format="json").status_code == 409
    assert snapshots.start_snapshot(period=MAY).status == SnapshotRun.Status.RUNNING


def test_the_snapshots_page_withdraws_with_a_reason(client, county_admin, published_may):
    client.force_login(county_admin)
    page = client.get(reverse("plan:snapshots")).content.decode()
    assert reverse("plan:snapshot-withdraw", args=[published_may.pk]) in page
    response = client.post(reverse("plan:snapshot-withdraw", args=[published_may.pk]), {"reason": "口径调整"})
    assert response.status_code == 302
    page = client.get(reverse("plan:snapshots")).content.decode()
    assert "已撤回" in page and "口径调整" in page
    assert SnapshotRun.objects.get(pk=published_may.pk).withdrawn_by == county_admin


def test_a_township_cannot_withdraw_a_snapshot_from_the_page(client, lingxi_staff, published_may):
    client.force_login(lingxi_staff)
    response = client.post(reverse("plan:snapshot-withdraw", args=[published_may.pk]), {"reason": "x"})
    assert response.status_code == 403
    assert SnapshotRun.objects.get(pk=published_may.pk).status == SnapshotRun.Status.COMPLETE
