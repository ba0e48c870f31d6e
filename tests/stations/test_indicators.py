"""Each of the eight indicators computed from rows the test makes."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from org.models import Region
from plan.periods import Month
from plan.registry import registry
from stations.models import EntrustedCase, Grid, LinkageAgreement, RescueTeam, Station, TeamEvaluation
from tests.factories import VillageFactory, county, township

pytestmark = pytest.mark.django_db

PERIOD = Month(2024, 6)


def county_value(key: str, period: Month = PERIOD):
    return registry.get(key).measure(period=period, region=county())


def built(name: str, on: str = "2024-03-01", **fields) -> Station:
    return Station.objects.create(
        township=township(name), name=f"{name}站", status=Station.Status.BUILT, built_on=on, **fields
    )


def test_f2_counts_townships_whose_station_was_built_by_the_months_end():
    built("灵溪镇")
    built("矾山镇", on="2024-07-02")  # after June
    Station.objects.create(township=township("钱库镇"), name="钱库站", status=Station.Status.BUILDING)
    measured = county_value("F2.stations")
    assert (measured.numerator, measured.denominator, measured.value) == (1, 18, Decimal("5.56"))
    assert registry.get("F2.stations").measure(period=PERIOD, region=township("灵溪镇")).value == 100
    assert county_value("F2.stations", Month(2024, 7)).numerator == 2


def test_a3_grid_counts_villages_whose_grids_together_cover_all_three_duties():
    together = VillageFactory(name="协同村")
    Grid.objects.create(village=together, name="一格", covers_safety=True, covers_fire=True)
    Grid.objects.create(village=together, name="二格", covers_disaster=True)
    partial = VillageFactory(name="缺项村")
    Grid.objects.create(village=partial, name="一格", covers_safety=True, covers_fire=True)
    VillageFactory(name="无网格村")
    VillageFactory(name="矾山村", parent=township("矾山镇"))
    lingxi = registry.get("A3.grid").measure(period=PERIOD, region=township("灵溪镇"))
    assert (lingxi.numerator, lingxi.denominator) == (1, 3)
    assert (county_value("A3.grid").numerator, county_value("A3.grid").denominator) == (1, 4)


def test_a3_circles_counts_villages_and_seats_within_their_minutes():
    lingxi = township("灵溪镇")
    Region.objects.filter(pk=lingxi.pk).update(lat=Decimal("27.5"), lng=Decimal("120.4"))
    built("灵溪镇", lat=Decimal("27.5"), lng=Decimal("120.4"))
    VillageFactory(name="近村", lat=Decimal("27.55"), lng=Decimal("120.4"))  # 11.7 minutes
    VillageFactory(name="远村", lat=Decimal("27.57"), lng=Decimal("120.4"))  # 16.3 minutes
    measured = registry.get("A3.circles").measure(period=PERIOD, region=township("灵溪镇"))
    assert (measured.numerator, measured.denominator) == (2, 3)
    assert measured.detail == {"villages_within": 1, "villages": 2, "seats_within": 1, "seats": 1}
    # before the station was built nothing reached them
    early = registry.get("A3.circles").measure(period=Month(2024, 2), region=township("灵溪镇"))
    assert early.numerator == 0


def _case(name, day, entrusted):
    return EntrustedCase.objects.create(
        township=township(name), decided_on=day, case_type="安全生产", entrusted=entrusted
    )


def test_a3_entrusted_is_the_share_this_year_to_date_with_last_years_in_the_detail():
    _case("灵溪镇", date(2024, 2, 1), True)
    _case("灵溪镇", date(2024, 5, 1), False)
    _case("矾山镇", date(2024, 6, 30), True)
    _case("矾山镇", date(2024, 7, 1), True)  # after the period
    _case("灵溪镇", date(2023, 3, 1), False)
    _case("灵溪镇", date(2023, 4, 1), True)
    _case("灵溪镇", date(2023, 8, 1), True)  # last year, after the same day
    measured = county_value("A3.entrusted")
    assert (measured.numerator, measured.denominator, measured.value) == (2, 3, Decimal("66.67"))
    assert measured.detail == {"entrusted_last_year": 1, "cases_last_year": 2, "share_last_year": "50.00"}


def _team(name, kind, region, **fields):
    return RescueTeam.objects.create(name=name, kind=kind, region=region, **fields)


def test_a4_social_teams_counts_county_social_teams_with_an_evaluation_valid_at_months_end():
    valid = _team("一队", RescueTeam.Kind.SOCIAL, county())
    TeamEvaluation.objects.create(
        team=valid, specialty="water", level=2, assessed_on="2024-01-10", valid_until="2027-01-10"
    )
    expired = _team("二队", RescueTeam.Kind.SOCIAL, county())
    TeamEvaluation.objects.create(
        team=expired, specialty="water", level=3, assessed_on="2021-01-10", valid_until="2024-05-31"
    )
    later = _team("三队", RescueTeam.Kind.SOCIAL, county())
    TeamEvaluation.objects.create(team=later, specialty="medical", level=1, assessed_on="2024-07-01")
    _team("四队", RescueTeam.Kind.SOCIAL, county())
    measured = county_value("A4.social_teams")
    assert measured.value == 1 and measured.detail == {"teams": 4, "evaluated": 1}
    assert county_value("A4.social_teams", Month(2024, 7)).value == 2


def test_a4_linkage_is_done_once_an_agreement_is_signed():
    agreement = LinkageAgreement.objects.create(region=county(), partner="福鼎市", title="协议")
    assert county_value("A4.linkage").value == 0
    LinkageAgreement.objects.filter(pk=agreement.pk).update(signed_on="2024-06-12")
    assert county_value("A4.linkage").value == 1 and county_value("A4.linkage").detail == {"partners": ["福鼎市"]}
    assert county_value("A4.linkage", Month(2024, 5)).value == 0


def test_a6_teams_counts_county_forest_teams_with_township_teams_in_the_detail():
    for n in range(2):
        _team(f"县森林{n}", RescueTeam.Kind.COUNTY_FOREST, county())
    for n, name in enumerate(["灵溪镇", "灵溪镇", "矾山镇"]):
        _team(f"乡森林{n}", RescueTeam.Kind.TOWNSHIP_FOREST, township(name))
    _team("社会", RescueTeam.Kind.SOCIAL, county())
    measured = county_value("A6.teams")
    assert measured.value == 2 and measured.detail == {"county": 2, "township": 3}
    assert registry.get("A6.teams").measure(period=PERIOD, region=township("灵溪镇")).value == 2


def test_a3_accredited_counts_only_built_stations_with_a_verified_pass(county_admin, lingxi_staff):
    from tests.stations.test_accreditation import passed_assessment

    built("灵溪镇")
    built("矾山镇")
    period = Month.of(timezone.localdate())
    assert registry.get("A3.accredited").measure(period=period, region=county()).numerator == 0
    passed_assessment(township("灵溪镇"), county_admin, lingxi_staff)
    measured = registry.get("A3.accredited").measure(period=period, region=county())
    assert (measured.numerator, measured.denominator) == (1, 2)
    # a month that ended before the verification does not count it
    earlier = Month.of(timezone.localdate().replace(day=1) - timedelta(days=1))
    assert registry.get("A3.accredited").measure(period=earlier, region=county()).numerator == 0
