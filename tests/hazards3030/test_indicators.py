from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from plan.periods import Month
from plan.registry import registry
from tests.factories import (
    AccidentFactory,
    Batch3030Factory,
    DepartmentFactory,
    EnterpriseFactory,
    HazardFactory,
    county,
    credit_code,
    township,
)

pytestmark = pytest.mark.django_db
MAY = Month(2024, 5)


def measure(key, region=None, department=None, period=MAY):
    return registry.get(key).measure(period=period, region=region or county(), department=department)


def test_the_app_registers_its_indicators():
    for key in (
        "A1.coverage",
        "A1.spotcheck",
        "A1.chemicals",
        "A1.equipment",
        "F1.accidents",
        "F1.major",
        "M1.loop3030",
    ):
        assert registry.get(key).owner_app == "hazards3030"
    for key in (
        "hazards.found",
        "hazards.found_per_enterprise",
        "hazards.closed_on_time",
        "hazards.overdue",
        "hazards.major_closure",
        "hazards.listed_closure",
    ):
        assert key in registry


def test_coverage_keeps_numerator_and_denominator():
    for n, supervised in enumerate([True, True, True, False]):
        EnterpriseFactory(credit_code=credit_code(n), supervised=supervised)
    EnterpriseFactory(credit_code=credit_code(9), township=township("矾山镇"), supervised=False)
    value = measure("A1.coverage", period=Month.of(timezone.localdate()))
    assert (value.value, value.numerator, value.denominator) == (Decimal("60.00"), 3, 5)
    lingxi = measure("A1.coverage", region=township("灵溪镇"), period=Month.of(timezone.localdate()))
    assert (lingxi.numerator, lingxi.denominator) == (3, 4)


def test_a_ratio_with_nothing_to_count_has_no_value():
    assert measure("A1.chemicals").value is None


def test_chemicals_and_equipment():
    EnterpriseFactory(
        credit_code=credit_code(1),
        uses_hazardous_chemicals=True,
        supervised=True,
        industry="chemicals",
        old_equipment_evaluated=True,
    )
    EnterpriseFactory(credit_code=credit_code(2), uses_hazardous_chemicals=True, supervised=False, industry="fishing")
    assert measure("A1.chemicals").value == Decimal("50.00")
    assert (measure("A1.equipment").numerator, measure("A1.equipment").denominator) == (1, 1)


def test_double_decline_compares_the_same_span_of_last_year():
    AccidentFactory(occurred_on=date(2023, 3, 1), deaths=2)
    AccidentFactory(occurred_on=date(2023, 4, 1), deaths=1)
    AccidentFactory(occurred_on=date(2023, 8, 1), deaths=5)  # after May: outside the span
    AccidentFactory(occurred_on=date(2024, 2, 1), deaths=1)
    value = measure("F1.accidents")
    assert value.detail == {"count": 1, "count_last_year": 2, "deaths": 1, "deaths_last_year": 3}
    assert value.value == 1
    AccidentFactory(occurred_on=date(2024, 5, 2), deaths=2)
    assert measure("F1.accidents").value == 0  # deaths 3 vs 3: not both down


def test_larger_accidents_and_spot_checks_year_to_date():
    AccidentFactory(occurred_on=date(2024, 1, 5), level="larger", spot_checked=True)
    AccidentFactory(occurred_on=date(2024, 4, 5))
    AccidentFactory(occurred_on=date(2024, 4, 6))
    assert measure("F1.major").value == 1
    spot = measure("A1.spotcheck")
    assert (spot.numerator, spot.denominator) == (1, 3)


def test_per_township_hazard_indicators_for_the_ranking():
    lingxi = township("灵溪镇")
    aware = lambda d: timezone.make_aware(datetime(d.year, d.month, d.day, 9))  # noqa: E731
    HazardFactory(
        found_on=date(2024, 5, 2), deadline=date(2024, 5, 10), status="closed", closed_at=aware(date(2024, 5, 9))
    )
    HazardFactory(
        found_on=date(2024, 5, 2), deadline=date(2024, 5, 10), status="closed", closed_at=aware(date(2024, 5, 12))
    )
    HazardFactory(found_on=date(2024, 5, 3), deadline=date(2024, 5, 20))  # open past its deadline
    HazardFactory(found_on=date(2024, 5, 3), deadline=date(2024, 6, 20), level="major")
    HazardFactory(found_on=date(2024, 5, 4), deadline=date(2024, 5, 9), township=township("矾山镇"))
    assert measure("hazards.found", region=lingxi).value == 4
    on_time = measure("hazards.closed_on_time", region=lingxi)
    assert (on_time.numerator, on_time.denominator) == (1, 3)
    assert measure("hazards.overdue", region=lingxi).value == 1
    assert measure("hazards.overdue").value == 2
    major = measure("hazards.major_closure", region=lingxi)
    assert (major.numerator, major.denominator) == (0, 1)


def test_department_values_where_supported():
    department = DepartmentFactory(name="苍南县交通运输局")
    EnterpriseFactory(credit_code=credit_code(1), department=department, supervised=True)
    EnterpriseFactory(credit_code=credit_code(2), supervised=False)
    value = measure("A1.coverage", department=department, period=Month.of(timezone.localdate()))
    assert (value.numerator, value.denominator) == (1, 1)
    assert registry.get("A1.coverage").supports_departments and not registry.get("F1.major").supports_departments


def test_loop3030_share_of_windows_met():
    met = Batch3030Factory(opened_on=date(2024, 4, 20), closes_on=date(2024, 5, 19), target_count=1)
    Batch3030Factory(
        region=township("矾山镇"), opened_on=date(2024, 4, 20), closes_on=date(2024, 5, 19), target_count=1
    )
    HazardFactory(level="major", found_on=date(2024, 5, 1), deadline=date(2024, 5, 9), status="closed",
                  closed_at=timezone.make_aware(datetime(2024, 5, 5, 9)))  # fmt: skip
    assert met.pk
    county_value = measure("M1.loop3030")
    assert (county_value.numerator, county_value.denominator) == (1, 2)
    assert measure("M1.loop3030", region=township("灵溪镇")).value == Decimal("100.00")


def test_hazards_found_per_supervised_enterprise_for_each_unit_in_one_query(django_assert_num_queries):
    lingxi, fanshan, qianku = township("灵溪镇"), township("矾山镇"), township("钱库镇")
    for n, (place, supervised) in enumerate([(lingxi, True), (lingxi, True), (lingxi, False), (fanshan, True)]):
        EnterpriseFactory(credit_code=credit_code(20 + n), township=place, supervised=supervised)
    for day in (2, 3, 4):
        HazardFactory(found_on=date(2024, 5, day), deadline=date(2024, 5, 20))
    HazardFactory(found_on=date(2024, 4, 30), deadline=date(2024, 5, 20))  # April: not May's
    HazardFactory(found_on=date(2024, 5, 5), deadline=date(2024, 5, 20), township=qianku)  # no enterprise there
    indicator = registry.get("hazards.found_per_enterprise")
    assert indicator.owner_app == "hazards3030" and indicator.higher_is_better and not indicator.ratio
    with django_assert_num_queries(1):
        values = indicator.by_township(MAY, [lingxi, fanshan, qianku])
    assert (values[lingxi.pk].value, values[lingxi.pk].numerator, values[lingxi.pk].denominator) == (
        Decimal("1.50"),
        3,
        2,
    )
    assert (values[fanshan.pk].value, values[fanshan.pk].numerator) == (Decimal("0.00"), 0)  # files nothing
    assert values[qianku.pk].value is None  # nothing supervised: nothing to measure against
    whole = measure("hazards.found_per_enterprise")
    assert (whole.value, whole.numerator, whole.denominator) == (Decimal("1.33"), 4, 3)


def test_found_per_enterprise_by_department():
    department = DepartmentFactory(name="苍南县市场监督管理局")
    EnterpriseFactory(credit_code=credit_code(30), department=department, supervised=True)
    HazardFactory(found_on=date(2024, 5, 2), deadline=date(2024, 5, 20), department=department)
    HazardFactory(found_on=date(2024, 5, 2), deadline=date(2024, 5, 20), department=department)
    assert measure("hazards.found_per_enterprise", department=department).value == Decimal("2.00")


def test_listed_hazards_closed_counts_this_year_s_listings_taken_down_by_the_period_s_end(django_assert_num_queries):
    from hazards3030.models import Supervision

    lingxi, fanshan = township("灵溪镇"), township("矾山镇")

    def listed(listed_on, closed_on=None, **hazard):
        major = HazardFactory(level="major", found_on=date(2023, 11, 1), deadline=date(2024, 6, 30), **hazard)
        return Supervision.objects.create(
            hazard=major,
            issuing_body="苍南县安委办",
            listed_on=listed_on,
            acceptance_due=date(2024, 7, 10),
            closed_on=closed_on,
        )

    listed(date(2024, 2, 1), closed_on=date(2024, 5, 20))  # taken down in May
    listed(date(2024, 3, 1), closed_on=date(2024, 6, 2))  # still listed at the end of May
    listed(date(2023, 12, 1))  # listed last year, still open: counts this year
    listed(date(2023, 11, 1), closed_on=date(2023, 12, 20))  # done with last year: does not
    listed(date(2024, 6, 1))  # listed after May
    listed(date(2024, 4, 1), township=fanshan)
    indicator = registry.get("hazards.listed_closure")
    assert indicator.ratio and indicator.higher_is_better and indicator.supports_departments
    with django_assert_num_queries(1):
        values = indicator.by_township(MAY, [lingxi, fanshan])
    assert (values[lingxi.pk].numerator, values[lingxi.pk].denominator) == (1, 3)
    assert values[fanshan.pk].value == Decimal("0.00")
    assert measure("hazards.listed_closure", region=township("钱库镇")).value is None  # nothing listed
    whole = measure("hazards.listed_closure")
    assert (whole.numerator, whole.denominator) == (1, 4)
