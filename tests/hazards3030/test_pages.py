import io
from datetime import timedelta

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hazards3030.models import Hazard, HazardAttachment
from tests.conftest import api_as
from tests.factories import HazardFactory, HazardTransitionFactory, township
from tests.hazards3030.conftest import jpeg

pytestmark = pytest.mark.django_db


def count_queries(fetch) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = fetch()
    assert response.status_code == 200
    return len(queries)


def test_the_worklist_shows_days_left_and_overdue_in_red(client, lingxi_staff):
    today = timezone.localdate()
    HazardFactory(description="配电箱未接地", found_on=today - timedelta(days=9), deadline=today - timedelta(days=2))
    HazardFactory(description="灭火器过期", found_on=today, deadline=today + timedelta(days=6))
    HazardFactory(description="矾山的隐患", township=township("矾山镇"))
    client.force_login(lingxi_staff)
    html = client.get(reverse("hazards3030:hazards")).content.decode()
    assert "已逾期 2 天" in html and "剩余 6 天" in html
    assert html.count('class="overdue"') == 1
    assert "矾山的隐患" not in html


def test_the_worklist_and_the_api_list_make_the_same_number_of_queries_at_any_size(client, lingxi_staff):
    client.force_login(lingxi_staff)
    api = api_as(lingxi_staff)
    HazardFactory.create_batch(3)
    small_page = count_queries(lambda: client.get(reverse("hazards3030:hazards")))
    small_api = count_queries(lambda: api.get(reverse("hazard-list")))
    HazardFactory.create_batch(40)
    assert count_queries(lambda: client.get(reverse("hazards3030:hazards"))) == small_page
    assert count_queries(lambda: api.get(reverse("hazard-list"))) == small_api


def test_the_detail_page_offers_each_role_its_own_buttons(client, lingxi_staff, county_admin):
    hazard = HazardFactory(status=Hazard.Status.SUBMITTED)
    HazardTransitionFactory(hazard=hazard, to_status="reported", note="现场发现")
    client.force_login(lingxi_staff)
    html = client.get(hazard.get_absolute_url()).content.decode()
    assert "现场发现" in html and "action-accept" not in html
    client.force_login(county_admin)
    html = client.get(hazard.get_absolute_url()).content.decode()
    assert "action-accept" in html and "action-reject" in html


def test_filing_through_the_page_with_a_photo(client, lingxi_staff):
    client.force_login(lingxi_staff)
    today = timezone.localdate()
    response = client.post(
        reverse("hazards3030:hazard-new"),
        {
            "township": township("灵溪镇").pk,
            "level": "general",
            "source": "inspection",
            "category": "fire",
            "description": "安全出口上锁",
            "found_on": today.isoformat(),
            "deadline": (today + timedelta(days=7)).isoformat(),
            "files": [jpeg()],
        },
    )
    hazard = Hazard.objects.get()
    assert response.status_code == 302 and response["Location"] == hazard.get_absolute_url()
    assert HazardAttachment.objects.get().kind == "before"


def test_a_page_action_out_of_order_is_explained(client, county_admin):
    hazard = HazardFactory(status=Hazard.Status.REPORTED)
    client.force_login(county_admin)
    response = client.post(reverse("hazards3030:hazard-accept", args=[hazard.pk]), follow=True)
    assert "不能执行该操作" in response.content.decode()
    assert Hazard.objects.get(pk=hazard.pk).status == Hazard.Status.REPORTED


def test_village_cadres_cannot_file(client):
    from org.models import User
    from tests.factories import UserFactory, VillageFactory

    cadre = UserFactory(role=User.Role.VILLAGE_CADRE, region=VillageFactory())
    client.force_login(cadre)
    assert client.get(reverse("hazards3030:hazard-new")).status_code == 403


def test_the_open_statuses_behind_the_worklist_index_are_all_but_closed():
    from hazards3030.models import OPEN_STATUSES

    assert set(OPEN_STATUSES) == set(Hazard.Status.values) - {Hazard.Status.CLOSED}


def test_a_huge_worklist_shows_a_capped_total(client, lingxi_staff, monkeypatch):
    import org.pagination

    monkeypatch.setattr(org.pagination, "COUNT_CAP", 5)
    HazardFactory.create_batch(7)
    client.force_login(lingxi_staff)
    html = client.get(reverse("hazards3030:hazards")).content.decode()
    assert "超过 5 条,请用筛选缩小范围" in html and "共 7 条" not in html


def test_the_worklist_exports_every_hazard_its_filters_select(client, lingxi_staff):
    for n in range(55):
        HazardFactory(description=f"灵溪隐患{n}")
    HazardFactory(description="矾山隐患", township=township("矾山镇"))
    client.force_login(lingxi_staff)
    response = client.get(reverse("hazards3030:hazards"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))  # below the 台账 title, 填报单位 line and header
    assert rows[-1][0] == "合计"
    assert sorted(row[7] for row in rows[:-1]) == sorted(f"灵溪隐患{n}" for n in range(55))
