"""更正, not deletion: a cadre takes back their own last step within the window; township staff
correct any step in their area; every correction is a step of its own and the counts follow."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from flood1833 import live, services
from flood1833.models import Transfer, TransferStep
from org.errors import Conflict
from tests.conftest import api_as
from tests.factories import ShelterFactory, TransferPersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def transfer(typhoon):
    person = TransferPersonFactory(name="陈阿婆")
    return Transfer.objects.get(event=typhoon(stage=3), person=person)


def confirm(user, transfer, status, **kwargs):
    return services.confirm_transfer(
        transfer=transfer, actor=user, status=status, request_id=str(uuid.uuid4()), **kwargs
    )[0]


def correct(user, transfer, reason="点错了", request_id=None):
    return services.correct_transfer(
        transfer=transfer, actor=user, reason=reason, request_id=request_id or str(uuid.uuid4())
    )


def test_a_cadre_takes_back_their_last_step_and_the_history_keeps_both(cadre, transfer):
    confirm(cadre, transfer, "notified")
    wrong = confirm(cadre, transfer, "with_relatives")
    assert live.transfer_counts(event=wrong.event, user=cadre)["safe"] == 1
    corrected, replayed = correct(cadre, transfer, reason="点到了下一个人")
    assert not replayed and corrected.status == "notified"
    steps = list(TransferStep.objects.filter(transfer=transfer).order_by("id"))
    assert [(s.from_status, s.to_status) for s in steps] == [
        ("pending", "notified"),
        ("notified", "with_relatives"),
        ("with_relatives", "notified"),
    ]
    assert steps[2].corrects == steps[1] and steps[2].reason == "点到了下一个人" and steps[2].actor == cadre
    # The live view and the indicator read the corrected state.
    assert live.transfer_counts(event=wrong.event, user=cadre)["safe"] == 0
    # Forward again after the correction; a second correction walks back further.
    assert confirm(cadre, transfer, "moved").status == "moved"
    assert correct(cadre, transfer)[0].status == "notified"
    assert correct(cadre, transfer)[0].status == "pending"
    with pytest.raises(Conflict):
        correct(cadre, transfer)


def test_a_retried_correction_is_applied_once(cadre, transfer):
    confirm(cadre, transfer, "notified")
    confirm(cadre, transfer, "moved")
    request_id = str(uuid.uuid4())
    assert correct(cadre, transfer, request_id=request_id) == (Transfer.objects.get(pk=transfer.pk), False)
    again, replayed = correct(cadre, transfer, request_id=request_id)
    assert replayed and again.status == "notified"
    assert TransferStep.objects.filter(transfer=transfer, corrects__isnull=False).count() == 1


def test_a_reason_is_required(cadre, transfer):
    confirm(cadre, transfer, "moved")
    with pytest.raises(ValidationError):
        correct(cadre, transfer, reason="  ")


def test_a_cadre_cannot_correct_after_the_window_or_someone_else_s_step(
    cadre, other_cadre, lingxi_staff, transfer, settings
):
    confirm(lingxi_staff, transfer, "notified")
    with pytest.raises(PermissionDenied):
        correct(cadre, transfer)  # township staff's step
    confirm(cadre, transfer, "moved")
    settings.FLOOD_UNDO_MINUTES = 10
    TransferStep.objects.filter(transfer=transfer, to_status="moved").update(
        at=TransferStep.objects.get(transfer=transfer, to_status="moved").at - timedelta(minutes=11)
    )
    with pytest.raises(PermissionDenied):
        correct(cadre, transfer)
    # Township staff correct any step in their area, whenever.
    assert correct(lingxi_staff, transfer)[0].status == "notified"
    assert correct(lingxi_staff, transfer)[0].status == "pending"


def test_township_staff_of_another_township_get_a_404_on_the_api(fanshan_staff, cadre, transfer):
    confirm(cadre, transfer, "moved")
    url = reverse("transfer-correct", args=[transfer.pk])
    response = api_as(fanshan_staff).post(url, {"reason": "x", "request_id": str(uuid.uuid4())}, format="json")
    assert response.status_code == 404
    assert Transfer.objects.get(pk=transfer.pk).status == "moved"


def test_taking_back_a_check_in_frees_the_shelter_place(cadre, transfer):
    shelter = ShelterFactory(capacity=1)
    confirm(cadre, transfer, "moved")
    confirm(cadre, transfer, "sheltered", shelter=shelter)
    assert Transfer.objects.sheltered_at(shelter).count() == 1
    corrected, _ = correct(cadre, transfer)
    assert corrected.status == "moved" and corrected.shelter is None
    assert Transfer.objects.sheltered_at(shelter).count() == 0


def test_the_api_corrects_and_lists_the_correction_among_the_steps(cadre, transfer):
    confirm(cadre, transfer, "moved")
    api = api_as(cadre)
    url = reverse("transfer-correct", args=[transfer.pk])
    response = api.post(url, {"reason": "误触", "request_id": str(uuid.uuid4())}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "pending"
    assert api.post(url, {"request_id": str(uuid.uuid4())}, format="json").status_code == 400
    steps = api.get(reverse("transfer-steps", args=[transfer.pk])).json()
    assert [step["reason"] for step in steps] == ["", "误触"] and steps[1]["corrects"] == steps[0]["id"]
