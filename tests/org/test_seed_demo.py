from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from flood1833.models import DangerZone, Depot, Shelter
from org.models import Region, User

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_demo_creates_one_user_per_role_and_prints_logins():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(User.Role.values)
    text = out.getvalue()
    assert "county_admin" in text and "lingxi_staff" in text and "密码:Yingji-365-demo" in text
    assert Region.objects.villages().filter(is_demo=True).count() == 18 * 3
    assert not Region.objects.exclude(level=Region.Level.VILLAGE).filter(is_demo=True).exists()
    admin = User.objects.get(username="county_admin")
    assert admin.is_staff and admin.has_perm("plan.change_target")
    assert User.objects.get(username="lingxi_cadre").region.parent.name == "灵溪镇"
    # The command map has something of each layer to show.
    assert DangerZone.objects.exists() and Shelter.objects.exists()
    assert set(Depot.objects.values_list("kind", flat=True)) == set(Depot.Kind.values)
    assert all(depot.items.count() == 4 for depot in Depot.objects.all())


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo", stdout=StringIO())
    first = row_counts()
    snapshot = list(User.objects.order_by("pk").values())
    call_command("seed_demo", stdout=StringIO())
    assert row_counts() == first
    assert list(User.objects.order_by("pk").values()) == snapshot
