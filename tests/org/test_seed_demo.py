from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from flood1833.models import DangerZone, Depot, Shelter
from org.models import Region, User
from plan.models import Target, WorkPlan

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_demo_creates_one_user_per_role_and_prints_logins():
    out = StringIO()
    call_command("seed_demo", "--force", stdout=out)
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
    call_command("seed_demo", "--force", stdout=StringIO())
    first = row_counts()
    snapshot = list(User.objects.order_by("pk").values())
    call_command("seed_demo", "--force", stdout=StringIO())
    assert row_counts() == first
    assert list(User.objects.order_by("pk").values()) == snapshot


def test_seed_demo_makes_this_years_plan_from_the_latest_one():
    from plan.selectors import plan_of_year

    call_command("seed_demo", "--force", stdout=StringIO())
    plan = plan_of_year(timezone.localdate().year)
    assert plan is not None and plan.county.name == "苍南县"
    assert list(plan.targets.values_list("code", flat=True)) == list(
        Target.objects.filter(plan__year=2024).values_list("code", flat=True)
    )
    call_command("seed_demo", "--force", stdout=StringIO())
    assert WorkPlan.objects.filter(year=plan.year).count() == 1


def test_after_seed_demo_last_months_snapshot_measures_every_target_that_has_an_indicator(
    django_capture_on_commit_callbacks,
):
    """The demo records are spread over the months of last month's year, so none of the tracked
    targets reads 暂无数据 for last month (the browser journey checks the same on the dashboard)."""
    from plan import snapshots
    from plan.attainment import attainment
    from plan.periods import Month
    from plan.selectors import plan_of_year

    call_command("seed_demo", "--force", stdout=StringIO())
    month = Month.of(timezone.localdate()).previous()
    with django_capture_on_commit_callbacks(execute=True):
        snapshots.start_snapshot(period=month)
    items = attainment(plan_of_year(month.year), as_of=month.first_day)
    tracked = {item.target.code: item for item in items if item.status.code != "untracked"}
    assert len(tracked) >= 12
    assert {code: item.status.code for code, item in tracked.items() if item.status.code not in ("met", "unmet")} == {}
    assert all(item.latest.period == month.first_day for item in tracked.values())
    assert {item.status.code for item in tracked.values()} == {"met", "unmet"}
