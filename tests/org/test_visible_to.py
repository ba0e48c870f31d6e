import pytest

from org.models import Department, Region, User
from org.scoping import scope_q
from tests.factories import DepartmentFactory, UserFactory, VillageFactory, county, township

pytestmark = pytest.mark.django_db


def test_township_staff_see_their_township_and_its_villages_only(lingxi_staff):
    own = VillageFactory(parent=township("灵溪镇"))
    other = VillageFactory(parent=township("矾山镇"))
    visible = Region.objects.visible_to(lingxi_staff)
    assert own in visible and township("灵溪镇") in visible
    assert other not in visible and township("矾山镇") not in visible and county() not in visible


def test_a_village_cadre_sees_only_their_village():
    village = VillageFactory()
    cadre = UserFactory(role=User.Role.VILLAGE_CADRE, region=village)
    assert list(Region.objects.visible_to(cadre)) == [village]


def test_county_roles_see_the_whole_county(county_admin):
    viewer = UserFactory(role=User.Role.COUNTY_VIEWER, region=county())
    village = VillageFactory(parent=township("矾山镇"))
    for user in (county_admin, viewer):
        visible = Region.objects.visible_to(user)
        assert village in visible and township("灵溪镇") in visible
        assert not visible.filter(level=Region.Level.CITY).exists()


def test_department_staff_are_narrowed_to_their_department_where_a_model_has_one():
    mine = DepartmentFactory(name="苍南县应急管理局")
    other = DepartmentFactory(name="苍南县水利局")
    staff = UserFactory(role=User.Role.DEPARTMENT_STAFF, region=county(), department=mine)
    # Department rows themselves are scoped by region: staff see the county's departments.
    assert {mine, other} <= set(Department.objects.visible_to(staff))

    class DepartmentOwned:
        scope_region_field = "township"
        scope_department_field = "department"

    q = scope_q(DepartmentOwned, staff)
    assert ("department", mine.pk) in q.children
    assert "township__in" in dict(q.children)
    township_staff = UserFactory(role=User.Role.TOWNSHIP_STAFF, region=township("灵溪镇"))
    assert "department" not in str(scope_q(DepartmentOwned, township_staff))


def test_anonymous_inactive_and_roleless_users_see_nothing(lingxi_staff):
    from django.contrib.auth.models import AnonymousUser

    roleless = UserFactory(role="", region=None)
    lingxi_staff.is_active = False
    for user in (AnonymousUser(), roleless, lingxi_staff):
        assert not Region.objects.visible_to(user).exists()


def test_role_and_region_level_must_match():
    from django.core.exceptions import ValidationError

    user = User(username="x", role=User.Role.TOWNSHIP_STAFF, region=county())
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert "region" in error.value.message_dict
