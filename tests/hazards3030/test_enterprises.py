import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hazards3030.models import Enterprise
from hazards3030.validators import validate_credit_code
from tests.conftest import api_as
from tests.factories import EnterpriseFactory, credit_code, township

pytestmark = pytest.mark.django_db

SAMPLE_CODES = ["91330327MA2001XYYY", "91330328MA2002XYYL", "91330328MA2004XYY3"]


@pytest.mark.parametrize("code", SAMPLE_CODES)
def test_real_shaped_codes_pass_the_check_digit(code):
    validate_credit_code(code)


@pytest.mark.parametrize(
    ("code", "reason"),
    [("91330327MA2001XYYA", "check_digit"), ("91330327MA2001XYY", "length"), ("91330327MA2001XYIY", "chars")],
)
def test_bad_codes_are_refused(code, reason):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    assert error.value.code == reason


def payload(**overrides):
    return {
        "name": "苍南县示例印刷有限公司",
        "credit_code": "91330327MA2001XYYY",
        "industry": "工贸",
        "township": "灵溪镇",
        "risk_level": "橙",
        "supervised": True,
        **overrides,
    }


def test_township_staff_register_an_enterprise_in_their_township(lingxi_staff):
    response = api_as(lingxi_staff).post(reverse("enterprise-list"), payload(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["township_name"] == "灵溪镇" and body["risk_level"] == "orange" and body["industry"] == "trade"
    enterprise = Enterprise.objects.get(credit_code="91330327MA2001XYYY")
    assert enterprise.history.count() == 1


def test_a_bad_credit_code_is_a_400_naming_the_field_in_chinese(lingxi_staff):
    response = api_as(lingxi_staff).post(
        reverse("enterprise-list"), payload(credit_code="91330327MA2001XYYA"), format="json"
    )
    assert response.status_code == 400
    assert "校验位" in response.json()["credit_code"][0]
    assert not Enterprise.objects.exists()


def test_a_duplicate_credit_code_is_refused(lingxi_staff):
    EnterpriseFactory(credit_code="91330327MA2001XYYY")
    response = api_as(lingxi_staff).post(reverse("enterprise-list"), payload(), format="json")
    assert response.status_code == 400
    assert "credit_code" in response.json()


def test_township_staff_cannot_register_in_another_township(lingxi_staff):
    response = api_as(lingxi_staff).post(reverse("enterprise-list"), payload(township="矾山镇"), format="json")
    assert response.status_code == 400
    assert "township" in response.json()


def test_a_county_admin_registers_anywhere_and_can_correct(county_admin):
    client = api_as(county_admin)
    created = client.post(reverse("enterprise-list"), payload(township="矾山镇"), format="json").json()
    response = client.patch(reverse("enterprise-detail", args=[created["id"]]), {"supervised": False}, format="json")
    assert response.status_code == 200 and response.json()["supervised"] is False


def test_the_list_is_scoped_and_filterable(lingxi_staff):
    own = EnterpriseFactory(name="灵溪甲厂")
    EnterpriseFactory(name="矾山乙厂", township=township("矾山镇"), credit_code=credit_code(999))
    body = api_as(lingxi_staff).get(reverse("enterprise-list"), {"name": "甲"}).json()
    assert [row["id"] for row in body["results"]] == [own.pk]
    assert api_as(lingxi_staff).get(reverse("enterprise-list")).json()["count"] == 1
