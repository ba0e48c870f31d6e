"""The demo's forest fires name their first teams from the stations' register, and its hotspots
include one verified late and one on time."""

from io import StringIO

import pytest
from django.core.management import call_command

from forestfire.models import ForestFire, Hotspot

pytestmark = pytest.mark.django_db


def test_the_demo_fires_are_reached_by_registered_teams_of_their_township():
    call_command("seed_demo", "--force", stdout=StringIO())
    fires = list(ForestFire.objects.prefetch_related("teams"))
    assert fires
    assert all(fire.teams.all() or fire.first_teams for fire in fires)
    with_teams = [fire for fire in fires if fire.teams.all()]
    assert with_teams and all(team.region_id == fire.township_id for fire in with_teams for team in fire.teams.all())
    assert Hotspot.objects.breached().exists()
    assert Hotspot.objects.verified().filter(breached_at__isnull=True).exists()
