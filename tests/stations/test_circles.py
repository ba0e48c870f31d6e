"""Travel time = straight-line distance × road factor ÷ speed, against distances computed by hand;
a measured time overrides it; coverage counts villages and seats against the configured minutes."""

import math
from decimal import Decimal

import pytest

from org.models import Region
from plan.models import RescueCircle
from stations import circles
from stations.models import MeasuredTravelTime, RescueTeam, Station
from tests.factories import VillageFactory, township

pytestmark = pytest.mark.django_db

# One degree of latitude on a sphere of radius 6371.0088 km: 2πR/360.
KM_PER_DEGREE = 2 * math.pi * 6371.0088 / 360  # 111.195 km


def test_a_degree_of_latitude_is_its_arc_on_the_earth():
    assert circles.distance_km(27.0, 120.0, 28.0, 120.0) == pytest.approx(111.195, abs=0.001)


def test_a_hundredth_of_a_degree_of_longitude_shrinks_with_the_cosine_of_the_latitude():
    # At 27.5°N: 0.01° × 111.195 km × cos(27.5°) = 0.98631 km
    assert circles.distance_km(27.5, 120.40, 27.5, 120.41) == pytest.approx(0.98631, abs=0.0001)


def test_travel_minutes_are_distance_times_road_factor_over_speed(settings):
    # 10 km × 1.4 ÷ 40 km/h = 0.35 h = 21 minutes
    assert circles.travel_minutes(10) == pytest.approx(21.0)
    settings.STATIONS_ROAD_FACTOR, settings.STATIONS_SPEED_KMH = 1.2, 60
    # 10 km × 1.2 ÷ 60 km/h = 0.2 h = 12 minutes
    assert circles.travel_minutes(10) == pytest.approx(12.0)


def _station(name="灵溪镇", lat="27.500000", lng="120.400000"):
    return Station.objects.create(
        township=township(name), name=f"{name}站", status=Station.Status.BUILT, built_on="2023-03-01",
        lat=Decimal(lat), lng=Decimal(lng),
    )  # fmt: skip


def test_villages_are_reached_from_the_nearest_point_within_the_configured_minutes():
    lingxi = township("灵溪镇")
    Region.objects.filter(pk=lingxi.pk).update(lat=Decimal("27.500000"), lng=Decimal("120.400000"))
    _station()
    # 0.05° north: 5.5598 km straight, × 1.4 ÷ 40 × 60 = 11.68 minutes: inside 15
    near = VillageFactory(name="近村", lat=Decimal("27.550000"), lng=Decimal("120.400000"))
    # 0.07° north: 7.7837 km, 16.35 minutes: outside 15
    far = VillageFactory(name="远村", lat=Decimal("27.570000"), lng=Decimal("120.400000"))
    unknown = VillageFactory(name="无坐标村")
    reaches = {r.place.name: r for r in circles.coverage([township("灵溪镇")])[lingxi.pk]}
    assert reaches[near.name].minutes == pytest.approx(0.05 * KM_PER_DEGREE * 1.4 / 40 * 60, abs=0.01)
    assert reaches[near.name].minutes == pytest.approx(11.68, abs=0.01) and reaches[near.name].within
    assert reaches[far.name].minutes == pytest.approx(16.35, abs=0.01) and not reaches[far.name].within
    assert reaches[unknown.name].minutes is None and not reaches[unknown.name].within
    seat = reaches["灵溪镇"]
    assert seat.is_seat and seat.minutes == pytest.approx(0) and seat.limit == 3 and seat.within
    # The bureau widens the village circle to 20 minutes: the far village is now inside.
    RescueCircle.objects.filter(area="village").update(arrival_minutes=20)
    reaches = {r.place.name: r for r in circles.coverage([township("灵溪镇")])[lingxi.pk]}
    assert reaches[far.name].within


def test_a_measured_travel_time_overrides_the_estimate():
    _station()
    far = VillageFactory(name="远村", lat=Decimal("27.570000"), lng=Decimal("120.400000"))
    MeasuredTravelTime.objects.create(region=far, minutes=Decimal("14.0"), source="路网")
    reach = next(r for r in circles.coverage([township("灵溪镇")])[township("灵溪镇").pk] if r.place == far)
    assert (reach.minutes, reach.measured, reach.within) == (14.0, True, True)


def test_a_team_in_the_next_township_can_be_the_nearest_point_and_forest_teams_do_not_count():
    _station(lat="27.300000")
    village = VillageFactory(name="边界村", lat=Decimal("27.550000"), lng=Decimal("120.400000"))
    RescueTeam.objects.create(
        name="森林队", kind=RescueTeam.Kind.TOWNSHIP_FOREST, region=township("宜山镇"),
        lat=Decimal("27.550000"), lng=Decimal("120.400000"),
    )  # fmt: skip
    reach = next(r for r in circles.coverage([township("灵溪镇")])[township("灵溪镇").pk] if r.place == village)
    assert not reach.within  # 0.25° from the station; the forest team is not a circle's rescue point
    RescueTeam.objects.create(
        name="宜山综合队", kind=RescueTeam.Kind.TOWNSHIP_RESCUE, region=township("宜山镇"),
        lat=Decimal("27.560000"), lng=Decimal("120.400000"),
    )  # fmt: skip
    reach = next(r for r in circles.coverage([township("灵溪镇")])[township("灵溪镇").pk] if r.place == village)
    assert reach.nearest == "宜山综合队" and reach.minutes == pytest.approx(0.01 * KM_PER_DEGREE * 1.4 / 40 * 60)


def test_a_station_not_yet_built_is_no_rescue_point():
    station = _station()
    Station.objects.filter(pk=station.pk).update(status=Station.Status.BUILDING, built_on=None)
    VillageFactory(name="近村", lat=Decimal("27.510000"), lng=Decimal("120.400000"))
    assert circles.rescue_points() == []
