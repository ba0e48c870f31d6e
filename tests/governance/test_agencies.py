from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance import services
from governance.models import Agency, ServiceLog
from org.errors import Conflict
from tests.conftest import api_as
from tests.factories import EnterpriseFactory
from tests.governance.factories import AgencyFactory

pytestmark = pytest.mark.django_db
DAY = date(2024, 5, 10)


def test_a_blacklisted_agency_receives_no_new_service_logs(county_admin):
    agency = AgencyFactory()
    enterprise = EnterpriseFactory()
    services.log_service(actor=county_admin, agency=agency, enterprise=enterprise, served_on=DAY, service="检查")
    services.blacklist_agency(actor=county_admin, agency=agency, reason="出具虚假报告", on=DAY)
    with pytest.raises(Conflict, match="黑名单"):
        services.log_service(actor=county_admin, agency=agency, enterprise=enterprise, served_on=DAY, service="检查")
    assert ServiceLog.objects.count() == 1


def test_an_exited_agency_is_final_and_receives_nothing(county_admin):
    agency = AgencyFactory()
    services.exit_agency(actor=county_admin, agency=agency, reason="主动退出", on=DAY)
    agency.refresh_from_db()
    assert agency.status == Agency.Status.EXITED and agency.exit_reason == "主动退出"
    with pytest.raises(Conflict):
        services.exit_agency(actor=county_admin, agency=agency, reason="再次", on=DAY)
    with pytest.raises(Conflict):
        services.blacklist_agency(actor=county_admin, agency=agency, reason="x", on=DAY)
    with pytest.raises(Conflict):
        services.assess_agency(actor=county_admin, agency=agency, year=2024, half=1, score=Decimal(80), assessed_on=DAY)
    with pytest.raises(Conflict):
        services.log_service(
            actor=county_admin, agency=agency, enterprise=EnterpriseFactory(), served_on=DAY, service="x"
        )


def test_a_blacklisted_agency_may_still_exit_and_history_keeps_both_steps(county_admin):
    agency = AgencyFactory()
    services.blacklist_agency(actor=county_admin, agency=agency, reason="违规", on=DAY)
    with pytest.raises(Conflict):
        services.blacklist_agency(actor=county_admin, agency=agency, reason="违规", on=DAY)
    with pytest.raises(ValidationError):
        services.exit_agency(actor=county_admin, agency=agency, reason="清退", on=date(2024, 5, 1))
    services.exit_agency(actor=county_admin, agency=agency, reason="清退", on=date(2024, 6, 1))
    statuses = list(agency.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == ["active", "blacklisted", "exited"]


def test_blacklisting_needs_a_reason_and_a_county_admin(county_admin, lingxi_staff):
    agency = AgencyFactory()
    with pytest.raises(ValidationError):
        services.blacklist_agency(actor=county_admin, agency=agency, reason="  ", on=DAY)
    with pytest.raises(PermissionDenied):
        services.blacklist_agency(actor=lingxi_staff, agency=agency, reason="违规", on=DAY)


def test_the_api_assesses_grades_blacklists_and_exits(county_admin):
    agency = AgencyFactory()
    client = api_as(county_admin)
    url = f"/api/v1/agencies/{agency.pk}/"
    assert client.post(url + "assess/", {"year": 2024, "half": 1, "score": "88.5"}, format="json").status_code == 200
    assert client.post(url + "assess/", {"year": 2024, "half": 1, "score": "101"}, format="json").status_code == 400
    assert client.post(url + "grade/", {"year": 2024, "grade": "B"}, format="json").status_code == 200
    response = client.post(url + "blacklist/", {"reason": "违规", "on": "2024-06-01"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "blacklisted"
    body = {"agency": agency.pk, "enterprise": EnterpriseFactory().pk, "served_on": "2024-06-02", "service": "检查"}
    refused = client.post("/api/v1/service-logs/", body, format="json")
    assert refused.status_code == 409 and "黑名单" in str(refused.json())
    assert (
        client.post(url + "exit/", {"reason": "清退", "on": "2024-06-03"}, format="json").json()["status"] == "exited"
    )
    detail = client.get(url).json()
    assert detail["assessments"][0]["score"] == "88.50" and detail["grades"][0]["grade"] == "B"


def test_a_wrong_credit_code_is_refused_in_chinese(county_admin):
    response = api_as(county_admin).post(
        "/api/v1/agencies/", {"name": "某机构", "credit_code": "91330300MA2001AB1X"}, format="json"
    )
    assert response.status_code == 400 and "校验位" in str(response.json())


def test_township_staff_cannot_register_agencies(lingxi_staff):
    response = api_as(lingxi_staff).post(
        "/api/v1/agencies/", {"name": "某机构", "credit_code": "91330300MA2001AB1H"}, format="json"
    )
    assert response.status_code == 403
