"""A6 indicators computed from rows the tests make, and the workbook's 热点核查 and 林火 sheets read back."""

from datetime import datetime, timedelta

import openpyxl
import pytest
from django.utils import timezone

from forestfire import services
from forestfire.indicators import circle, hotspot, standardized
from org import assessments
from plan import workbooks
from plan.periods import Month
from plan.registry import registry
from tests.factories import township
from tests.forestfire.factories import ForestFireFactory, HotspotFactory, forest_assessment

pytestmark = pytest.mark.django_db
MAY = Month(2024, 5)


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(2024, 5, day, hour, minute))


def test_a6_hotspot_counts_verified_without_breach_over_the_month_s_hotspots(county_admin):
    lingxi, fanshan = township("灵溪镇"), township("矾山镇")
    for minutes in (20, 50, 75):
        services.receive_hotspot(actor=county_admin, code=f"T-{minutes}", received_at=at(3), lat=27.5, lng=120.4,
                                 township=lingxi, verified_at=at(3) + timedelta(minutes=minutes), result="other")  # fmt: skip
    HotspotFactory(township=fanshan, received_at=at(4))  # never verified (the job flags it)
    services.flag_overdue_hotspots(now=at(4, 12))
    HotspotFactory(township=lingxi, received_at=at(3) - timedelta(days=10), verified_at=at(3), result="other")  # April
    values = hotspot(MAY, [lingxi, fanshan])
    assert (values[lingxi.pk].numerator, values[lingxi.pk].denominator) == (2, 3)
    assert values[fanshan.pk].value == 0
    county = registry.get("A6.hotspot").measure(period=MAY, region=lingxi.parent)
    assert (county.numerator, county.denominator) == (2, 4)


def test_a6_circle_counts_fires_reached_within_the_hour(county_admin):
    lingxi = township("灵溪镇")
    ForestFireFactory(started_at=at(5), reported_at=at(5, 10, 10), first_arrived_at=at(5, 10, 55))
    ForestFireFactory(started_at=at(6), reported_at=at(6, 10, 10), first_arrived_at=at(6, 11, 30))
    ForestFireFactory(started_at=at(7), reported_at=at(7, 10, 10))
    value = circle(MAY, [lingxi])[lingxi.pk]
    assert (value.numerator, value.denominator) == (1, 3)


def test_a6_townships_counts_only_verified_passes_by_month_end(county_admin):
    lingxi, fanshan = township("灵溪镇"), township("矾山镇")
    for place, verify in ((lingxi, True), (fanshan, False)):
        assessment = forest_assessment(place)
        items = list(assessment.checklist.items.all())
        from django.core.files.uploadedfile import SimpleUploadedFile

        pdf = {item.pk: [SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")] for item in items if item.evidence}
        scores = {item.pk: (item.points, "") for item in items}
        assessments.save_self_assessment(actor=county_admin, assessment=assessment, scores=scores, files=pdf)
        assessments.submit_assessment(actor=county_admin, assessment=assessment)
        if verify:
            assessments.verify_assessment(actor=county_admin, assessment=assessment, scores=scores)
    this_month = Month.of(timezone.localdate())
    values = standardized(this_month, [lingxi, fanshan])
    assert values[lingxi.pk].value == 1 and values[fanshan.pk].value == 0
    assert standardized(Month(2020, 1), [lingxi])[lingxi.pk].value == 0  # not yet passed back then


def test_the_workbook_carries_the_month_s_hotspots_and_fires(county_admin, tmp_path):
    services.receive_hotspot(actor=county_admin, code="T-SHEET", received_at=at(8), lat=27.5, lng=120.4,
                             township=township("灵溪镇"), verified_at=at(8, 11, 30), result="forest_fire",
                             verifier="护林员甲")  # fmt: skip
    ForestFireFactory(place="测试山场甲", started_at=at(8), reported_at=at(8, 10, 5), first_arrived_at=at(8, 10, 50))
    path = tmp_path / "may.xlsx"
    workbooks.write(MAY, path)
    book = openpyxl.load_workbook(path)
    sheet = book["热点核查"]
    header = [cell.value for cell in sheet[3]]
    row = next(r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] == "T-SHEET")
    assert row[header.index("核查结果")] == "林火" and row[header.index("超时")] == "是"
    assert row[header.index("用时(分钟)")] == 90
    fires = book["林火"]
    header = [cell.value for cell in fires[3]]
    row = next(r for r in fires.iter_rows(min_row=4, values_only=True) if r[1] == "测试山场甲")
    assert row[header.index("到场用时(分钟)")] == 45
