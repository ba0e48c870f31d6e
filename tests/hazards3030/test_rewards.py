"""内部报告奖励: who may record a reward and with which rules, its history, the register page with
its export, and the figures on the 3030 page computed from the rows."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from hazards3030.models import Hazard, InternalReportReward
from hazards3030.services import rewards
from tests.factories import EnterpriseFactory, HazardFactory, UserFactory, township
from tests.hazards3030.factories import RewardFactory

pytestmark = pytest.mark.django_db
TODAY = date.today()


def internal(**fields) -> Hazard:
    """An internal report found today (so the year's figures hold on 1 January too)."""
    return HazardFactory(source=Hazard.Source.INTERNAL_REPORT, **{"found_on": TODAY, **fields})


def test_the_township_records_a_reward_and_then_its_payment(lingxi_staff):
    hazard = internal()
    approved = TODAY - timedelta(days=3)
    reward = rewards.record_reward(
        actor=lingxi_staff, hazard=hazard, amount=Decimal("500"), approved_by="张厂长", approved_on=approved
    )
    assert (reward.amount, reward.paid_on, reward.recorded_by) == (Decimal("500"), None, lingxi_staff)
    rewards.record_reward(actor=lingxi_staff, hazard=hazard, paid_on=TODAY)
    reward = InternalReportReward.objects.get()
    assert (reward.amount, reward.approved_on, reward.paid_on) == (Decimal("500.00"), approved, TODAY)
    assert reward.history.count() == 2  # every change is kept


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"amount": Decimal("-1")}, "amount", "不能为负数"),
        ({"amount": Decimal("100001")}, "amount", "不能超过100000元"),
        ({"approved_by": "  "}, "approved_by", "请填写批准人"),
        ({"approved_by": "人" * 65}, "approved_by", "不能超过64个字"),
        ({"paid_on": TODAY - timedelta(days=10)}, "paid_on", "不能早于批准日期"),
        ({"approved_on": TODAY + timedelta(days=1)}, "approved_on", "不能晚于今天"),
        ({"note": "备" * 201}, "note", "不能超过200个字"),
    ],
)
def test_a_reward_out_of_bounds_is_refused_by_field_and_nothing_is_saved(lingxi_staff, fields, field, message):
    values = {"amount": Decimal("100"), "approved_by": "张厂长", "approved_on": TODAY - timedelta(days=3), **fields}
    with pytest.raises(ValidationError) as error:
        rewards.record_reward(actor=lingxi_staff, hazard=internal(), **values)
    assert message in " ".join(error.value.message_dict[field])
    assert not InternalReportReward.objects.exists()


def test_only_internal_reports_carry_a_reward(lingxi_staff):
    with pytest.raises(ValidationError, match="内部报告奖励"):
        rewards.record_reward(actor=lingxi_staff, hazard=HazardFactory(), amount=1, approved_by="甲", approved_on=TODAY)


def test_another_township_a_department_and_a_leader_may_not_record(fanshan_staff, county_admin):
    hazard = internal()
    values = {"amount": Decimal("100"), "approved_by": "张厂长", "approved_on": TODAY}
    leader = UserFactory(username="t_leader", role="county_viewer", region=county_admin.region)
    for actor in (fanshan_staff, leader):
        with pytest.raises(PermissionDenied):
            rewards.record_reward(actor=actor, hazard=hazard, **values)
    rewards.record_reward(actor=county_admin, hazard=hazard, **values)  # the county may, for every township
    assert InternalReportReward.objects.count() == 1


def test_the_reward_page_saves_through_the_service_and_shows_refusals(client, lingxi_staff, fanshan_staff):
    hazard = internal()
    url = reverse("hazards3030:hazard-reward", args=[hazard.pk])
    client.force_login(lingxi_staff)
    assert client.get(url).status_code == 200
    approved = (TODAY - timedelta(days=2)).isoformat()
    refused = client.post(
        url, {"amount": "50", "approved_by": "张厂长", "approved_on": approved, "paid_on": "2001-01-01"}
    )
    assert refused.status_code == 400 and "不能早于批准日期" in refused.content.decode()
    saved = client.post(url, {"amount": "50", "approved_by": "张厂长", "approved_on": approved, "paid_on": ""})
    assert saved.status_code == 302 and InternalReportReward.objects.get().amount == 50
    client.force_login(fanshan_staff)
    assert client.get(url).status_code == 404


def test_the_register_lists_internal_reports_with_totals_and_exports_them(client, lingxi_staff):
    enterprise = EnterpriseFactory(name="灵溪鞋业有限公司")
    paid = RewardFactory(hazard=internal(enterprise=enterprise), amount=300, approved_on=TODAY, paid_on=TODAY)
    internal(enterprise=enterprise, description="未登记奖励的内部报告")
    HazardFactory(description="检查发现的隐患")
    RewardFactory(hazard=internal(township=township("矾山镇"), description="矾山的内部报告"))
    client.force_login(lingxi_staff)
    page = client.get(reverse("hazards3030:rewards")).content.decode()
    assert paid.hazard.description in page and "未登记奖励的内部报告" in page
    assert "检查发现的隐患" not in page and "矾山的内部报告" not in page
    assert "300.00" in page  # the paid total of 灵溪鞋业
    assert "检查对象ID" not in page  # a unit is looked up by its name
    other = RewardFactory(
        hazard=internal(enterprise=EnterpriseFactory(name="灵溪电镀厂"), description="电镀厂的内部报告")
    )
    by_name = client.get(reverse("hazards3030:rewards"), {"enterprise_name": "鞋业"}).content.decode()
    assert paid.hazard.description in by_name and other.hazard.description not in by_name
    by_link = client.get(reverse("hazards3030:rewards"), {"enterprise": enterprise.pk}).content.decode()
    assert other.hazard.description not in by_link and f'value="{enterprise.pk}"' in by_link
    response = client.get(reverse("hazards3030:rewards"), {"enterprise": enterprise.pk, "export": "xlsx"})
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert paid.hazard.description in values and "未登记奖励的内部报告" in values
    assert "矾山的内部报告" not in values


def test_the_register_costs_the_same_with_3_rows_and_30(client, county_admin):
    townships = [township(name) for name in ("灵溪镇", "矾山镇", "钱库镇")]

    def add(start: int, count: int) -> None:
        for n in range(start, start + count):
            hazard = internal(township=townships[n % 3], enterprise=EnterpriseFactory(township=townships[n % 3]))
            if n % 2:
                RewardFactory(hazard=hazard, approved_on=TODAY, paid_on=TODAY)

    client.force_login(county_admin)
    url = reverse("hazards3030:rewards")
    add(0, 3)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(3, 27)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count("data-hazard=") == 30
    assert len(many) == len(few)


def test_the_3030_page_counts_this_years_internal_reports_and_paid_rewards(client, lingxi_staff):
    this_year = timezone.localdate().year
    RewardFactory(hazard=internal(), amount=200, approved_on=TODAY, paid_on=TODAY)
    RewardFactory(hazard=internal(), amount=100, approved_on=TODAY)  # approved, not yet paid
    internal()
    old = internal(found_on=date(this_year - 1, 3, 1), deadline=date(this_year - 1, 4, 1))
    RewardFactory(hazard=old, amount=999, approved_on=date(this_year - 1, 3, 5), paid_on=date(this_year - 1, 3, 9))
    RewardFactory(hazard=internal(township=township("矾山镇")), approved_on=TODAY, paid_on=TODAY)  # not 灵溪镇's
    figures = rewards.year_figures(user=lingxi_staff, year=this_year)
    assert (figures.reports, figures.rewarded, figures.paid, figures.paid_amount) == (3, 2, 1, Decimal("200"))
    client.force_login(lingxi_staff)
    page = client.get(reverse("hazards3030:overview3030")).content.decode()
    assert 'data-figure="reports">3<' in page and 'data-figure="paid">1(200.00' in page


def test_the_register_totals_count_reports_and_paid_rewards_per_township_and_enterprise(lingxi_staff):
    shoes, valves = EnterpriseFactory(name="灵溪鞋业有限公司"), EnterpriseFactory(name="灵溪阀门厂")
    RewardFactory(hazard=internal(enterprise=shoes), amount=300, approved_on=TODAY, paid_on=TODAY)
    RewardFactory(hazard=internal(enterprise=shoes), amount=200, approved_on=TODAY, paid_on=None)  # not yet paid
    internal(enterprise=shoes)
    RewardFactory(hazard=internal(enterprise=valves), amount=150, approved_on=TODAY, paid_on=TODAY)
    RewardFactory(hazard=internal(township=township("矾山镇")), amount=999, approved_on=TODAY, paid_on=TODAY)
    mine = Hazard.objects.visible_to(lingxi_staff).filter(source=Hazard.Source.INTERNAL_REPORT)
    totals = {row["enterprise__name"]: row for row in rewards.totals_by_unit(mine)}
    assert set(totals) == {"灵溪鞋业有限公司", "灵溪阀门厂"}
    assert (totals["灵溪鞋业有限公司"]["reports"], totals["灵溪鞋业有限公司"]["paid"]) == (3, 1)
    assert totals["灵溪鞋业有限公司"]["amount"] == Decimal(300)
    assert (totals["灵溪阀门厂"]["paid"], totals["灵溪阀门厂"]["amount"]) == (1, Decimal(150))
