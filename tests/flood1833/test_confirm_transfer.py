"""POST /api/v1/transfers/{id}/confirm/: the transfer closed loop, one confirmation at a time."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from flood1833 import services
from flood1833.models import Transfer, TransferStep
from org.models import User
from tests.conftest import api_as
from tests.factories import ShelterFactory, TransferPersonFactory, UserFactory, village

pytestmark = pytest.mark.django_db


def confirm(user, transfer, status, request_id=None, **extra):
    body = {"status": status, "request_id": request_id or str(uuid.uuid4()), **extra}
    return api_as(user).post(reverse("transfer-confirm", args=[transfer.pk]), body, format="json")


@pytest.fixture
def transfer(typhoon):
    person = TransferPersonFactory(name="陈阿婆", phone="13800000000")
    event = typhoon(stage=3)
    return Transfer.objects.get(event=event, person=person)


def test_a_cadre_moves_a_person_step_by_step_and_every_step_is_recorded(cadre, transfer):
    assert confirm(cadre, transfer, "notified").status_code == 200
    moved = confirm(cadre, transfer, "moved", location="村委会")
    assert moved.status_code == 200
    assert moved.json()["status_display"] == "已转移" and moved.json()["location"] == "村委会"
    assert moved.json()["next_statuses"] == ["sheltered", "with_relatives"]
    steps = list(TransferStep.objects.filter(transfer=transfer).values_list("from_status", "to_status", "actor"))
    assert steps == [("pending", "notified", cadre.pk), ("notified", "moved", cadre.pk)]


def test_a_retried_request_is_applied_once_and_answered_the_same(cadre, transfer):
    request_id = str(uuid.uuid4())
    first = confirm(cadre, transfer, "moved", request_id)
    again = confirm(cadre, transfer, "moved", request_id)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert TransferStep.objects.filter(transfer=transfer).count() == 1


def test_a_request_id_cannot_be_reused_for_another_person(cadre, transfer, typhoon):
    request_id = str(uuid.uuid4())
    confirm(cadre, transfer, "moved", request_id)
    other = Transfer.objects.create(
        event=transfer.event, person=TransferPersonFactory(), village=transfer.village, township=transfer.township
    )
    assert confirm(cadre, other, "moved", request_id).status_code == 409


def test_going_back_is_refused(cadre, transfer):
    confirm(cadre, transfer, "moved")
    response = confirm(cadre, transfer, "notified")
    assert response.status_code == 409
    assert "不能改为“已通知”" in response.json()["detail"]


def test_a_full_shelter_refuses_check_in_with_a_clear_message(cadre, transfer, county_admin):
    shelter = ShelterFactory(name="灵溪一小", capacity=1)
    first = confirm(cadre, transfer, "sheltered", shelter=shelter.pk)
    assert first.status_code == 200 and first.json()["shelter_name"] == "灵溪一小"
    other = Transfer.objects.create(
        event=transfer.event, person=TransferPersonFactory(), village=transfer.village, township=transfer.township
    )
    full = confirm(cadre, other, "sheltered", shelter=shelter.pk)
    assert full.status_code == 409
    assert "已满" in full.json()["detail"] and "容纳1人" in full.json()["detail"]
    assert Transfer.objects.get(pk=other.pk).status == "pending"
    # Checking out to relatives frees the place.
    assert confirm(cadre, transfer, "with_relatives").status_code == 200
    assert confirm(cadre, other, "sheltered", shelter=shelter.pk).status_code == 200


def test_check_in_needs_a_shelter(cadre, transfer):
    response = confirm(cadre, transfer, "sheltered")
    assert response.status_code == 400
    assert "请选择安置场所" in str(response.json())


def test_nobody_returns_before_the_response_is_lifted(cadre, county_admin, transfer):
    confirm(cadre, transfer, "moved")
    early = confirm(cadre, transfer, "returned")
    assert early.status_code == 409 and "尚未解除" in early.json()["detail"]
    api_as(county_admin).post(
        reverse("event-stage", args=[transfer.event_id]), {"stage": 6, "note": "测试"}, format="json"
    )
    assert confirm(cadre, transfer, "returned").status_code == 200


def test_a_cadre_of_another_village_gets_404(other_cadre, transfer):
    assert confirm(other_cadre, transfer, "moved").status_code == 404
    assert Transfer.objects.get(pk=transfer.pk).status == "pending"


def test_read_only_roles_cannot_confirm(transfer):
    from org.models import User
    from tests.factories import UserFactory, county

    viewer = UserFactory(username="leader", role=User.Role.COUNTY_VIEWER, region=county())
    assert confirm(viewer, transfer, "moved").status_code == 403


def test_the_transfer_list_is_limited_to_the_cadre_village(cadre, typhoon):
    TransferPersonFactory(name="本村人")
    TransferPersonFactory(name="邻村人", village=village("测试二村"))
    event = typhoon(stage=3)
    rows = api_as(cadre).get(reverse("transfer-list"), {"event": event.pk}).json()["results"]
    assert [row["person_name"] for row in rows] == ["本村人"]


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def statements(captured) -> list[str]:
    """The SQL a request sent, without the savepoints the test's own transaction adds."""
    return [q["sql"] for q in captured if "SAVEPOINT" not in q["sql"]]


def test_a_confirmation_costs_four_statements_and_a_retry_four(cadre, transfer):
    """The busiest request in a typhoon, on its one path (TransferViewSet.confirm →
    services.confirm_transfer): the token with its user and region, the transfer locked within the
    cadre's scope, the update and the step. A retry's move is refused under the lock; it then reads
    its request id and who made the step it repeats, and writes nothing."""
    client, request_id = token_client(cadre), str(uuid.uuid4())
    url = reverse("transfer-confirm", args=[transfer.pk])
    with CaptureQueriesContext(connection) as first:
        assert client.post(url, {"status": "moved", "request_id": request_id}, format="json").status_code == 200
    with CaptureQueriesContext(connection) as retry:
        again = client.post(url, {"status": "moved", "request_id": request_id}, format="json")
    assert again.status_code == 200 and again.json()["updated_by"] == cadre.username
    first, retry = statements(first), statements(retry)
    assert len(first) == 4, "\n".join(first)
    assert "authtoken_token" in first[0]
    assert "org_region" in first[1], "the scope is checked in the same statement as the lock"
    assert "FOR UPDATE" in first[1] or not connection.features.has_select_for_update
    assert first[2].startswith("UPDATE") and first[3].startswith("INSERT")
    assert len(retry) == 4, "\n".join(retry)
    assert "request_id" in retry[2]
    assert not any(sql.startswith(("UPDATE", "INSERT")) for sql in retry)


def test_a_retry_of_a_step_since_taken_back_is_answered_not_applied_again(cadre, transfer):
    """After a correction the retried move is allowed again: the request id stops it."""
    request_id = str(uuid.uuid4())
    assert confirm(cadre, transfer, "moved", request_id).status_code == 200
    services.correct_transfer(transfer=transfer, actor=cadre, reason="点错了")
    again = confirm(cadre, transfer, "moved", request_id)
    assert again.status_code == 200 and again.json()["status"] == "pending"
    assert TransferStep.objects.filter(request_id=request_id).count() == 1
    assert Transfer.objects.get(pk=transfer.pk).status == "pending"


def test_an_invalid_body_for_a_transfer_out_of_scope_is_still_a_404(transfer):
    outsider = UserFactory(username="t_cadre_far", role=User.Role.VILLAGE_CADRE, region=village("测试三村", "桥墩镇"))
    url = reverse("transfer-confirm", args=[transfer.pk])
    assert token_client(outsider).post(url, {"status": "flying"}, format="json").status_code == 404
    assert token_client(outsider).post(url, {"status": "moved", "request_id": "x"}, format="json").status_code == 404
    for odd in ("abc", "²", "99999999999999999999"):
        body = {"status": "moved", "request_id": str(uuid.uuid4())}
        assert api_as(outsider).post(f"/api/v1/transfers/{odd}/confirm/", body, format="json").status_code == 404


def test_a_token_of_a_deactivated_user_is_refused(cadre, transfer):
    client = token_client(cadre)
    cadre.is_active = False
    cadre.save(update_fields=["is_active"])
    response = client.post(reverse("transfer-confirm", args=[transfer.pk]), {"status": "moved"}, format="json")
    assert response.status_code == 401
    assert APIClient(HTTP_AUTHORIZATION="Token nope").get(reverse("transfer-list")).status_code == 401


def test_the_joined_form_of_the_scope_finds_the_same_transfers(cadre, lingxi_staff, county_admin, typhoon):
    """The confirmation's lock states the scope on the village row it joins (visible_to(user,
    joined=True)): for every kind of user it finds exactly the transfers the semi-join finds."""
    near, far = village("测试一村", "灵溪镇"), village("测试三村", "桥墩镇")
    for place in (near, near, far):
        TransferPersonFactory(village=place)
    typhoon(stage=3)
    roleless = UserFactory(username="t_roleless", role="", region=None)
    found = {}
    for user in (cadre, lingxi_staff, county_admin, roleless):
        semi_join = set(Transfer.objects.visible_to(user).values_list("pk", flat=True))
        assert set(Transfer.objects.visible_to(user, joined=True).values_list("pk", flat=True)) == semi_join
        found[user.username] = len(semi_join)
    assert found[roleless.username] == 0 < found[cadre.username] < found[county_admin.username]
