import pytest
from django.core.exceptions import ValidationError

from org.models import Region
from org.seeding import TOWNSHIPS
from tests.factories import VillageFactory, county, township

pytestmark = pytest.mark.django_db


def test_cangnan_and_its_18_townships_are_seeded_under_wenzhou():
    cangnan = county()
    assert cangnan.code == "330327000000"
    assert cangnan.parent.name == "温州市" and cangnan.parent.parent.name == "浙江省"
    names = list(Region.objects.townships().filter(parent=cangnan).values_list("name", flat=True))
    assert names == TOWNSHIPS
    assert len(names) == 18


def test_a_village_lies_within_its_township_and_county():
    village = VillageFactory(parent=township("矾山镇"))
    assert village.is_within(township("矾山镇"))
    assert village.is_within(county())
    assert not village.is_within(township("灵溪镇"))
    assert set(Region.objects.within(township("矾山镇")).values_list("pk", flat=True)) == {
        township("矾山镇").pk,
        village.pk,
    }


def test_a_region_cannot_hang_under_a_lower_level():
    region = Region(name="错误", level=Region.Level.TOWNSHIP, parent=VillageFactory())
    with pytest.raises(ValidationError):
        region.full_clean()


def test_a_region_keeps_its_parent():
    village = VillageFactory()
    village.parent = township("矾山镇")
    with pytest.raises(ValidationError):
        village.full_clean()
