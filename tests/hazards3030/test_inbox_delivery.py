"""逾期督办 and 挂牌督办 reach the inboxes of the township's staff and the person responsible,
on commit and once."""

from datetime import date

import pytest

from hazards3030.models import Hazard, Supervision
from hazards3030.services import list_hazard, mark_overdue_hazards
from org.errors import Conflict
from org.models import InboxItem, User
from tests.factories import HazardFactory, UserFactory, village

pytestmark = pytest.mark.django_db
TODAY = date(2024, 6, 1)


def inbox_of(user) -> list[tuple[str, str]]:
    return list(InboxItem.objects.filter(recipient=user).values_list("kind", "url"))


@pytest.fixture
def cadre(db):
    """The person responsible for the rectification: a village cadre of 灵溪镇."""
    return UserFactory(username="t_cadre", role=User.Role.VILLAGE_CADRE, region=village("城东村"))


def test_an_overdue_hazard_reaches_the_township_and_the_responsible_person_once(
    committed, lingxi_staff, fanshan_staff, cadre
):
    late = HazardFactory(found_on=date(2024, 5, 1), deadline=date(2024, 5, 20), responsible_user=cadre)
    committed(mark_overdue_hazards, today=TODAY)
    committed(mark_overdue_hazards, today=TODAY)  # the job run twice
    committed(mark_overdue_hazards, today=date(2024, 6, 2))
    expected = [(InboxItem.Kind.OVERDUE, late.get_absolute_url())]
    assert inbox_of(lingxi_staff) == expected and inbox_of(cadre) == expected
    assert inbox_of(fanshan_staff) == []
    assert f"隐患#{late.pk}已超过整改期限" in InboxItem.objects.filter(recipient=cadre).get().title


def test_listing_reaches_the_township_once(committed, county_admin, lingxi_staff, cadre):
    hazard = HazardFactory(
        level=Hazard.Level.MAJOR, found_on=date(2024, 5, 11), deadline=date(2024, 6, 10), responsible_user=cadre
    )
    listing = {"hazard": hazard, "actor": county_admin, "level": Supervision.Level.COUNTY, "listed_on": TODAY}
    committed(list_hazard, issuing_body="苍南县安委办", **listing)
    with pytest.raises(Conflict):
        committed(list_hazard, issuing_body="苍南县安委办", **listing)
    item = InboxItem.objects.get(recipient=lingxi_staff)
    assert item.kind == InboxItem.Kind.LISTED and "苍南县安委办挂牌督办" in item.title
    assert inbox_of(cadre) == [(InboxItem.Kind.LISTED, hazard.get_absolute_url())]
    assert not InboxItem.objects.filter(recipient=county_admin).exists()


def test_a_new_tip_reaches_the_township_staff_once_on_commit(committed, lingxi_staff, fanshan_staff):
    from hazards3030.services.tips import submit_tip
    from tests.factories import township

    tip = committed(submit_tip, description="仓库门口堆放液化气瓶", township=township("灵溪镇"), place="城东路")
    assert inbox_of(lingxi_staff) == [(InboxItem.Kind.TIP, tip.get_absolute_url())]
    assert "仓库门口堆放液化气瓶" in InboxItem.objects.get(recipient=lingxi_staff).title
    assert inbox_of(fanshan_staff) == []
