"""Issue 11, item 8: two saves of one ID number (or credit code) at once: the loser gets a 400
with the field's message, never an IntegrityError 500."""

import pytest
from django.db import models
from django.urls import reverse

from flood1833.models import TransferPerson
from org.models import Enterprise
from tests.conftest import api_as
from tests.factories import EnterpriseFactory, TransferPersonFactory, credit_code, id_number, village

pytestmark = pytest.mark.django_db


@pytest.fixture
def check_passes_once(monkeypatch):
    """The uniqueness check passes as it would before the other request committed its row."""
    real = models.Model.validate_unique
    calls = {"n": 0}

    def racing(self, exclude=None):
        calls["n"] += 1
        if calls["n"] > 1:
            real(self, exclude)

    monkeypatch.setattr(models.Model, "validate_unique", racing)
    return calls


def test_a_person_saved_twice_at_once_is_a_400_on_the_id_number(lingxi_staff, check_passes_once):
    TransferPersonFactory(id_number=id_number(9), village=village("测试一村"))
    body = {"name": "陈九", "id_number": id_number(9), "village": village("测试一村").pk}
    response = api_as(lingxi_staff).post(reverse("person-list"), body, format="json")
    assert response.status_code == 400 and "id_number" in response.json(), response.content
    assert TransferPerson.objects.count() == 1


def test_an_enterprise_saved_twice_at_once_is_a_400_on_the_credit_code(lingxi_staff, check_passes_once):
    EnterpriseFactory(credit_code=credit_code(9))
    body = {"name": "乙厂", "credit_code": credit_code(9), "township": "灵溪镇", "industry": "other"}
    response = api_as(lingxi_staff).post(reverse("enterprise-list"), body, format="json")
    assert response.status_code == 400 and "credit_code" in response.json(), response.content
    assert Enterprise.objects.count() == 1
