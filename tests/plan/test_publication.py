"""A month's ranking is a draft after its snapshot; county administrators review it, publish it,
withdraw it with a reason and publish it again. Townships and API clients see published months
only, and the 区域挂牌 notices go out at publication, once."""

import io
from datetime import date, datetime

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from org.models import User
from plan import snapshots
from plan.models import IndicatorValue, ListingNotice, MonthlyWorkbook, RankingComponent, RankingPublication
from plan.periods import Month
from plan.publication import publish_ranking, withdraw_ranking
from tests.conftest import api_as
from tests.factories import HazardFactory, UserFactory, county, township

pytestmark = pytest.mark.django_db
MAY = Month(2024, 5)
RANKING = "/api/v1/rankings/"


@pytest.fixture
def may(django_capture_on_commit_callbacks):
    """May computed: 灵溪镇 closes its hazards on time, 矾山镇 leaves one overdue (listed last)."""
    for day in (2, 3):
        HazardFactory(
            found_on=date(2024, 5, day),
            deadline=date(2024, 5, 10),
            status="closed",
            closed_at=timezone.make_aware(datetime(2024, 5, 8, 10)),
        )
    HazardFactory(township=township("矾山镇"), found_on=date(2024, 5, 3), deadline=date(2024, 5, 10))
    with django_capture_on_commit_callbacks(execute=True):
        snapshots.start_snapshot(period=MAY)


@pytest.fixture
def lingxi_client(db):
    return UserFactory(username="lingxi_api", role=User.Role.API_CLIENT, region=township("灵溪镇"))


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Runs a step and what it queues on commit (the workbook made again)."""

    def run(step, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return step(*args, **kwargs)

    return run


def ranked(user, period="2024-05") -> int:
    return api_as(user).get(RANKING, {"period": period, "kind": "township"}).json()["count"]


def township_sees_ranking(client, user) -> bool:
    client.force_login(user)
    dashboard = client.get(reverse("plan:dashboard"), {"period": "2024-05"}).content.decode()
    page = client.get(reverse("plan:township", args=[township("灵溪镇").pk])).content.decode()
    history = '"months": ["2024-05"]' in page
    assert ("data-rank=" in dashboard) == history
    return history


def published_column(workbook: MonthlyWorkbook) -> set:
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.file.read()))["乡镇月排名"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    column = list(rows[0]).index("发布状态")
    return {row[column] for row in rows[1:] if row[0] != "合计"}


def m1_ranking() -> int:
    return IndicatorValue.objects.get(
        indicator="M1.ranking", period=MAY.first_day, region=county(), department__isnull=True
    ).value


def test_draft_publish_withdraw_publish(
    client, may, county_admin, lingxi_staff, fanshan_staff, lingxi_client, on_commit
):
    # The draft: the county administrator reviews it; nobody else sees it; nobody is listed yet.
    assert ranked(county_admin) == 18 and ranked(lingxi_staff) == 0 and ranked(lingxi_client) == 0
    assert api_as(county_admin).get(RANKING, {"period": "2024-05"}).json()["results"][0]["published"] is False
    assert not township_sees_ranking(client, lingxi_staff)
    assert not ListingNotice.objects.exists() and m1_ranking() == 0
    assert published_column(MonthlyWorkbook.objects.latest("pk")) == {"草稿"}
    client.force_login(county_admin)
    review = client.get(reverse("plan:ranking-review"), {"period": "2024-05"}).content.decode()
    assert review.count("data-rank=") == 18 and 'data-state="draft"' in review and "未报送" in review
    assert "得分相同时" in review and "审核通过,发布" in review
    etag = api_as(lingxi_client).get(RANKING)["ETag"]

    # Published from the review page: who and when; everyone sees it; the bottom three are listed.
    response = on_commit(client.post, reverse("plan:ranking-publish"), {"period": "2024-05"})
    assert response.status_code == 302 and response["Location"].endswith("?period=2024-05")
    publication = RankingPublication.objects.get(period=MAY.first_day)
    assert publication.is_published and publication.published_by == county_admin
    assert ranked(lingxi_staff) == ranked(lingxi_client) == 18 and township_sees_ranking(client, lingxi_staff)
    assert api_as(lingxi_client).get(RANKING, HTTP_IF_NONE_MATCH=etag).status_code == 200
    notices = set(ListingNotice.objects.values_list("pk", flat=True))
    assert len(notices) == 3
    assert ListingNotice.objects.visible_to(fanshan_staff).get().message.startswith("2024-05 综合评价月排名:矾山镇")
    assert m1_ranking() == 1 and published_column(MonthlyWorkbook.objects.latest("pk")) == {"已发布"}

    # Withdrawn through the API with a reason: back to a draft; the notices are withdrawn, not deleted.
    answer = on_commit(
        api_as(county_admin).post, f"{RANKING}withdraw/", {"period": "2024-05", "reason": "钱库镇数据有误"}
    )
    assert answer.status_code == 200 and answer.json()["published"] is False
    assert (
        answer.json()["withdraw_reason"] == "钱库镇数据有误" and answer.json()["withdrawn_by"] == county_admin.username
    )
    assert ranked(county_admin) == 18 and ranked(lingxi_staff) == 0 and ranked(lingxi_client) == 0
    assert not township_sees_ranking(client, lingxi_staff)
    assert not ListingNotice.objects.visible_to(fanshan_staff).exists()
    assert ListingNotice.objects.filter(withdrawn_at__isnull=False).count() == 3 and m1_ranking() == 0

    # Published again through the API: the same notices come back, none is sent twice.
    again = on_commit(api_as(county_admin).post, f"{RANKING}publish/", {"period": "2024-05"}, format="json")
    assert again.status_code == 200 and again.json()["published"] is True
    assert set(ListingNotice.objects.visible_to(county_admin).values_list("pk", flat=True)) == notices
    assert ranked(lingxi_client) == 18 and township_sees_ranking(client, lingxi_staff)
    steps = [(h.published_at is not None, h.withdraw_reason) for h in publication.history.order_by("history_id")]
    assert steps == [
        (False, ""),
        (True, ""),
        (True, "钱库镇数据有误"),
        (True, ""),
    ]  # draft, published, withdrawn, published
    client.force_login(county_admin)
    review = client.get(reverse("plan:ranking-review"), {"period": "2024-05"}).content.decode()
    assert 'data-state="published"' in review and review.count("撤回(原因:钱库镇数据有误)") == 1


def test_only_county_administrators_review_publish_and_withdraw(client, may, lingxi_staff, lingxi_client):
    viewer = UserFactory(username="leader", role=User.Role.COUNTY_VIEWER, region=county())
    for user in (lingxi_staff, lingxi_client, viewer):
        refused = api_as(user).post(f"{RANKING}publish/", {"period": "2024-05"}, format="json")
        assert refused.status_code == 403 and refused.json()["detail"]
        assert user is not lingxi_staff or "只有县级管理员" in refused.json()["detail"]
        assert api_as(user).post(f"{RANKING}withdraw/", {"period": "2024-05", "reason": "x"}).status_code == 403
    assert ranked(viewer) == 0  # a county leader reads published months, as everyone else
    client.force_login(lingxi_staff)
    assert client.get(reverse("plan:ranking-review")).status_code == 403
    client.post(reverse("plan:ranking-publish"), {"period": "2024-05"})
    assert not RankingPublication.objects.published().exists()
    assert 'href="/rankings/review/"' not in client.get(reverse("plan:dashboard")).content.decode()


def test_what_cannot_be_published_or_withdrawn_is_refused_in_chinese(may, county_admin):
    admin = api_as(county_admin)
    assert admin.post(f"{RANKING}publish/", {"period": "2024-04"}).status_code == 409  # nothing computed
    assert admin.post(f"{RANKING}withdraw/", {"period": "2024-05", "reason": "x"}).status_code == 409  # a draft
    assert admin.post(f"{RANKING}publish/", {"period": "May"}).status_code == 400
    assert admin.post(f"{RANKING}publish/", {"period": "2024-05"}).status_code == 200
    twice = admin.post(f"{RANKING}publish/", {"period": "2024-05"})
    assert twice.status_code == 409 and "已发布" in str(twice.json())
    blank = admin.post(f"{RANKING}withdraw/", {"period": "2024-05", "reason": "  "})
    assert blank.status_code == 400 and "撤回原因" in str(blank.json())
    assert admin.post(f"{RANKING}withdraw/", {"period": "2024-05", "reason": "长" * 201}).status_code == 400
    assert admin.post(reverse("snapshot-list"), {"period": "2024-05"}).status_code == 409  # withdraw first
    withdraw_ranking(period=MAY, actor=county_admin, reason="重算")
    assert admin.post(reverse("snapshot-list"), {"period": "2024-05"}).status_code == 202


def test_a_month_still_being_computed_is_not_published(may, county_admin):
    from org.errors import Conflict
    from plan.models import SnapshotRun

    SnapshotRun.objects.create(period=MAY.first_day)
    with pytest.raises(Conflict):
        publish_ranking(period=MAY, actor=county_admin)


def test_the_review_page_costs_the_same_with_more_components(client, county_admin, django_capture_on_commit_callbacks):
    def cost() -> int:
        with django_capture_on_commit_callbacks(execute=True):
            snapshots.start_snapshot(period=MAY)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("plan:ranking-review"), {"period": "2024-05"})
        assert response.status_code == 200 and response.content.decode().count("data-rank=") == 18
        return len(captured), response.content.decode().count('<th data-indicator="')

    HazardFactory(found_on=date(2024, 5, 2), deadline=date(2024, 5, 9))
    client.force_login(county_admin)
    few, columns = cost()
    scheme = RankingComponent.objects.filter(scheme__kind="township").first().scheme
    for order, key in enumerate(("hazards.found", "hazards.major_closure", "A1.coverage"), start=10):
        RankingComponent.objects.create(scheme=scheme, indicator=key, weight="0.1", order=order)
    assert cost() == (few, columns + 3)
