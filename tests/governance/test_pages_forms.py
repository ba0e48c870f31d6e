"""登记 / 修改 pages: 督办事项, 约谈, service agencies, service logs and alliances go through the same
services as the API; refusals come back on the form, never as a 500; buttons show to those who may."""

from datetime import date

import pytest
from django.urls import reverse

from governance import services
from governance.models import Agency, Alliance, Committee, Interview, ServiceLog, SupervisionTask
from tests.factories import EnterpriseFactory, township
from tests.governance.factories import AgencyFactory, MeetingFactory, SupervisionTaskFactory, agency_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def root():
    return Committee.objects.get(kind=Committee.Kind.SAFETY_COMMITTEE, parent=None)


def test_a_county_admin_assigns_a_task_from_a_meeting(client, county_admin, root):
    client.force_login(county_admin)
    meeting = MeetingFactory(committee=root)
    page = client.get(reverse("governance:task-new"), {"committee": root.pk, "meeting": meeting.pk})
    assert page.status_code == 200 and page.context["form"].initial["meeting"] == str(meeting.pk)
    response = client.post(
        reverse("governance:task-new"),
        {
            "committee": root.pk, "meeting": meeting.pk, "title": "燃气安全专项整治", "assignee_kind": "township",
            "township": township("灵溪镇").pk, "assigned_on": "2024-05-06", "deadline": "2024-05-31",
        },
    )  # fmt: skip
    task = SupervisionTask.objects.get(title="燃气安全专项整治")
    assert response.status_code == 302 and response.url == task.get_absolute_url()
    assert task.region == township("灵溪镇") and task.meeting == meeting and task.created_by == county_admin


def test_a_task_without_its_township_is_refused_on_the_form(client, county_admin, root):
    client.force_login(county_admin)
    response = client.post(
        reverse("governance:task-new"),
        {"committee": root.pk, "title": "x", "assignee_kind": "township", "assigned_on": "2024-05-06",
         "deadline": "2024-05-01"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "请选择承办乡镇。" in response.context["form"].errors["township"]
    assert not SupervisionTask.objects.exists()


def test_editing_a_task_changes_its_deadline_and_a_completed_one_refuses(client, county_admin):
    client.force_login(county_admin)
    task = SupervisionTaskFactory()
    url = reverse("governance:task-edit", kwargs={"pk": task.pk})
    assert "assignee_kind" not in client.get(url).context["form"].fields  # the assignee stays
    client.post(url, {"title": task.title, "deadline": "2024-06-10"})
    task.refresh_from_db()
    assert task.deadline == date(2024, 6, 10)
    services.complete_task(actor=county_admin, task=task, completed_on=date(2024, 6, 1))
    response = client.post(url, {"title": "改名", "deadline": "2024-06-20"})
    assert response.status_code == 200 and "已办结" in str(response.context["form"].non_field_errors())


def test_township_staff_see_no_register_buttons_and_cannot_open_the_forms(client, lingxi_staff):
    client.force_login(lingxi_staff)
    assert reverse("governance:task-new") not in client.get(reverse("governance:tasks")).content.decode()
    assert reverse("governance:interview-new") not in client.get(reverse("governance:interviews")).content.decode()
    for name in ("task-new", "interview-new", "agency-new"):
        assert client.get(reverse(f"governance:{name}")).status_code == 403
    # They do record alliances and service logs.
    assert reverse("governance:alliance-new") in client.get(reverse("governance:alliances")).content.decode()
    assert reverse("governance:service-log-new") in client.get(reverse("governance:agencies")).content.decode()


def test_a_county_admin_sees_the_buttons(client, county_admin):
    client.force_login(county_admin)
    for page, button in (("tasks", "task-new"), ("interviews", "interview-new"), ("agencies", "agency-new"),
                         ("alliances", "alliance-new")):  # fmt: skip
        assert reverse(f"governance:{button}") in client.get(reverse(f"governance:{page}")).content.decode()


def test_a_county_admin_registers_an_interview_with_an_enterprise_and_edits_it(client, county_admin):
    client.force_login(county_admin)
    enterprise = EnterpriseFactory(township=township("钱库镇"), name="钱库某鞋业")
    response = client.post(
        reverse("governance:interview-new"),
        {
            "level": "department", "unit_kind": "enterprise", "enterprise": enterprise.pk, "reason": "accident",
            "held_on": "2024-05-06", "rectification": "全面排查", "rectification_due": "2024-06-06",
        },
    )  # fmt: skip
    interview = Interview.objects.get()
    assert response.status_code == 302 and interview.region == township("钱库镇")
    url = reverse("governance:interview-edit", kwargs={"pk": interview.pk})
    form = client.get(url).context["form"]
    assert "unit_kind" not in form.fields
    response = client.post(
        url,
        {"level": "department", "reason": "accident", "held_on": "2024-05-06", "rectification": "全面排查",
         "rectification_due": "2024-05-01"},
    )  # fmt: skip
    assert "整改期限不能早于约谈日期。" in response.context["form"].errors["rectification_due"]


def test_an_agency_with_a_wrong_check_digit_is_refused_by_field_and_a_good_one_is_registered(client, county_admin):
    client.force_login(county_admin)
    good = agency_code(77)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    fields = {"name": "苍南安信咨询", "category": "consulting", "engineers": 4, "enterprises_served": 12}
    response = client.post(reverse("governance:agency-new"), {**fields, "credit_code": wrong})
    assert response.status_code == 200 and response.context["form"].errors["credit_code"]
    assert not Agency.objects.exists()
    response = client.post(reverse("governance:agency-new"), {**fields, "credit_code": good.lower()})
    agency = Agency.objects.get()
    assert response.url == agency.get_absolute_url() and agency.credit_code == good
    client.post(
        reverse("governance:agency-edit", kwargs={"pk": agency.pk}), {**fields, "credit_code": good, "engineers": 6}
    )
    agency.refresh_from_db()
    assert agency.engineers == 6 and agency.history.count() == 2


def test_a_service_log_is_recorded_for_an_active_agency_only(client, lingxi_staff, county_admin):
    client.force_login(lingxi_staff)
    active, banned = AgencyFactory(), AgencyFactory()
    services.blacklist_agency(actor=county_admin, agency=banned, reason="违规", on=date(2024, 5, 1))
    enterprise = EnterpriseFactory(township=township("灵溪镇"))
    page = client.get(reverse("governance:service-log-new"), {"agency": active.pk})
    assert set(page.context["form"].fields["agency"].queryset) == {active}
    fields = {"enterprise": enterprise.pk, "served_on": "2024-05-08", "service": "安全检查", "hazards_reported": 2}
    response = client.post(reverse("governance:service-log-new"), {**fields, "agency": banned.pk})
    assert response.status_code == 200 and response.context["form"].errors["agency"]
    response = client.post(reverse("governance:service-log-new"), {**fields, "agency": active.pk})
    assert response.url == active.get_absolute_url()
    assert ServiceLog.objects.get().created_by == lingxi_staff


def test_a_service_log_for_another_township_s_enterprise_is_not_offered(client, lingxi_staff):
    client.force_login(lingxi_staff)
    outside = EnterpriseFactory(township=township("矾山镇"))
    fields = {"agency": AgencyFactory().pk, "enterprise": outside.pk, "served_on": "2024-05-08", "service": "检查"}
    response = client.post(reverse("governance:service-log-new"), {**fields, "hazards_reported": 0})
    assert response.status_code == 200 and response.context["form"].errors["enterprise"]
    assert not ServiceLog.objects.exists()


def test_township_staff_register_their_alliance_and_edit_it(client, lingxi_staff):
    client.force_login(lingxi_staff)
    lead, member = (EnterpriseFactory(township=township("灵溪镇")) for _ in range(2))
    fields = {
        "name": "灵溪镇互助联盟",
        "kind": "township",
        "township": township("灵溪镇").pk,
        "lead_enterprise": lead.pk,
    }
    response = client.post(reverse("governance:alliance-new"), {**fields, "members": [member.pk]})
    alliance = Alliance.objects.get()
    assert response.url == alliance.get_absolute_url()
    assert set(alliance.members.all()) == {lead, member}
    client.post(reverse("governance:alliance-edit", kwargs={"pk": alliance.pk}), {**fields, "notes": "每季度互查"})
    alliance.refresh_from_db()
    assert alliance.notes == "每季度互查"
