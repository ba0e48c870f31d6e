"""The four A5 indicators, each computed from rows the test makes."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from campaigns.models import FiveInto
from org.models import Region
from plan.periods import Month
from plan.registry import registry
from tests.campaigns.factories import ActivityFactory, CoverageFactory, PlaceFactory, VideoFactory
from tests.factories import county, township

pytestmark = pytest.mark.django_db
MAY = Month(2024, 5)


def measure(key: str, region: Region, period: Month = MAY):
    return registry.get(key).measure(period=period, region=region)


def test_activities_count_the_year_to_the_month_s_end(db):
    ActivityFactory(held_on=date(2024, 1, 3))
    ActivityFactory(held_on=date(2024, 5, 31))
    ActivityFactory(held_on=date(2024, 6, 1))  # after May
    ActivityFactory(held_on=date(2023, 12, 31))  # last year
    ActivityFactory(held_on=date(2024, 2, 1), township=township("矾山镇"))
    assert measure("A5.activities", township("灵溪镇")).value == 2
    assert measure("A5.activities", county()).value == 3


def test_five_into_is_covered_cells_over_townships_times_five_with_the_missing_ones(db):
    for category in (FiveInto.ENTERPRISE, FiveInto.SCHOOL, FiveInto.SCHOOL):
        ActivityFactory(held_on=date(2024, 3, 1), category=category)
    ActivityFactory(held_on=date(2024, 7, 1), category=FiveInto.FAMILY)  # after May
    lingxi = measure("A5.five_into", township("灵溪镇"))
    assert (lingxi.numerator, lingxi.denominator, lingxi.value) == (2, 5, Decimal("40.00"))
    assert lingxi.detail["missing"] == ["进农村", "进社区", "进家庭"]
    whole = measure("A5.five_into", county())
    townships = Region.objects.townships().count()
    assert (whole.numerator, whole.denominator) == (2, townships * 5)
    assert whole.detail["missing"]["灵溪镇"] == ["进农村", "进社区", "进家庭"]
    assert len(whole.detail["missing"]["矾山镇"]) == 5


def test_a_township_with_every_category_reaches_100(db):
    for category in FiveInto.values:
        ActivityFactory(held_on=date(2024, 4, 1), category=category)
    assert measure("A5.five_into", township("灵溪镇")).value == 100
    assert measure("A5.five_into", township("灵溪镇")).detail["missing"] == []


def test_videos_count_those_published_this_year_including_the_county_s_own(db):
    VideoFactory(region=county(), published_on=date(2024, 2, 1))
    VideoFactory(region=township("灵溪镇"), published_on=date(2024, 5, 20))
    VideoFactory(region=township("灵溪镇"), published=False, published_on=None)
    VideoFactory(region=township("灵溪镇"), published_on=date(2023, 11, 1))
    VideoFactory(region=township("灵溪镇"), published_on=date(2024, 6, 2))  # after May
    assert measure("A5.videos", township("灵溪镇")).value == 1
    assert measure("A5.videos", county()).value == 2


def test_places_is_places_covered_this_year_over_places_registered(db):
    covered, stale, bare = PlaceFactory(), PlaceFactory(), PlaceFactory()
    CoverageFactory(place=covered, covered_on=date(2024, 4, 1))
    CoverageFactory(place=stale, covered_on=date(2023, 9, 1))  # last year's does not count
    late = PlaceFactory()  # registered after May: not yet in May's denominator
    type(late).objects.filter(pk=late.pk).update(created_at=timezone.make_aware(datetime(2024, 6, 3)))
    for place in (covered, stale, bare):
        type(place).objects.filter(pk=place.pk).update(created_at=timezone.make_aware(datetime(2024, 1, 2)))
    lingxi = measure("A5.places", township("灵溪镇"))
    assert (lingxi.numerator, lingxi.denominator) == (1, 3)
    assert lingxi.value == Decimal("33.33")
    assert measure("A5.places", county()).value == Decimal("33.33")


def test_a_township_without_places_has_no_value_rather_than_zero(db):
    assert measure("A5.places", township("灵溪镇")).value is None
