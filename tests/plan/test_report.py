"""The month's 通报 (.docx), read back with python-docx, says what the month's data says."""

import io
from datetime import date, datetime, timedelta

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table

from hazards3030.models import Hazard, Supervision
from org.models import Enterprise
from plan import reports, snapshots
from plan.attainment import attainment, county_for
from plan.models import (
    Action,
    Focus,
    IndicatorValue,
    Mechanism,
    MonthlyWorkbook,
    RankingRow,
    Target,
    WorkPlan,
)
from plan.periods import Month
from plan.publication import publish_ranking, withdraw_ranking
from tests.conftest import api_as
from tests.factories import EnterpriseFactory, HazardFactory, township

pytestmark = pytest.mark.django_db
APRIL, MAY = Month(2024, 4), Month(2024, 5)


def listed(hazard: Hazard, *, on: date, closed_on: date | None = None) -> Supervision:
    due = hazard.deadline + timedelta(days=10)
    return Supervision.objects.create(
        hazard=hazard, issuing_body="苍南县安委办", listed_on=on, acceptance_due=due, closed_on=closed_on
    )


@pytest.fixture
def may_report(django_capture_on_commit_callbacks, county_admin):
    # 纳管率 (A1.coverage): 3 of 3 units in April, 3 of 4 in May.
    plant, *_ = EnterpriseFactory.create_batch(3, supervised=True)
    late = EnterpriseFactory(supervised=False)
    Enterprise.objects.update(created_at=timezone.make_aware(datetime(2024, 3, 1)))
    Enterprise.objects.filter(pk=late.pk).update(created_at=timezone.make_aware(datetime(2024, 5, 15)))
    HazardFactory(found_on=date(2024, 4, 8), deadline=date(2024, 4, 20))
    overdue = HazardFactory(
        found_on=date(2024, 4, 10),
        deadline=date(2024, 5, 9),
        level="major",
        description="储罐区未设防火堤",
        enterprise=plant,
    )
    listed(overdue, on=date(2024, 4, 12))
    not_due = HazardFactory(
        found_on=date(2024, 5, 10), deadline=date(2024, 6, 9), level="major", description="配电房积水"
    )
    listed(not_due, on=date(2024, 5, 12))
    closed = HazardFactory(
        found_on=date(2024, 4, 1), deadline=date(2024, 4, 25), level="major", status="closed",
        closed_at=timezone.make_aware(datetime(2024, 5, 5, 10)),
    )  # fmt: skip
    listed(closed, on=date(2024, 4, 2), closed_on=date(2024, 5, 5))
    HazardFactory(found_on=date(2024, 5, 2), deadline=date(2024, 5, 9), township=township("矾山镇"))
    HazardFactory(found_on=date(2024, 5, 3), deadline=date(2024, 5, 30), status="closed", closed_at=timezone.now())
    for month in (APRIL, MAY):
        with django_capture_on_commit_callbacks(execute=True):
            snapshots.start_snapshot(period=month)
        with django_capture_on_commit_callbacks(execute=True):
            publish_ranking(period=month, actor=county_admin)  # the workbook and its report are made again
    return MonthlyWorkbook.objects.filter(period=MAY.first_day).latest("pk")


def read(content: bytes):
    return docx.Document(io.BytesIO(content))


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def table_after(document, heading: str) -> list[list[str]]:
    """The rows of the first table after the heading that ends with ``heading``."""
    found = False
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            if found:
                return [[cell.text for cell in row.cells] for row in block.rows]
        elif block.style.name.startswith("Heading") and block.text.endswith(heading):
            found = True
    raise AssertionError(f"no table after {heading}")


def test_the_monthly_job_writes_the_report_with_a_section_per_part_of_the_plan(may_report):
    document = read(may_report.report.read())
    title = next(p.text for p in document.paragraphs if p.style.name == "Title")
    assert title == "苍南县应急管理局关于2024年5月“应急365工程”推进情况的通报"
    assert headings(document, 1)[:6] == [
        "一、总体情况",
        "二、3大重点",
        "三、6大行动",
        "四、5大机制",
        "五、综合评价月排名",
        "六、区域挂牌",
    ]
    plan = WorkPlan.objects.get(year=2024)
    parts = [f"{p.name}" for model in (Focus, Action, Mechanism) for p in model.objects.filter(plan=plan)]
    assert len(parts) == 14
    assert set(parts) <= {text.split(")", 1)[1] for text in headings(document, 2)}
    assert document.paragraphs[-1].text.startswith(f"{timezone.localdate().year}年")
    assert document.core_properties.content_status == "定稿"


def test_the_township_table_holds_the_month_s_ranking(may_report):
    table = table_after(read(may_report.report.read()), "乡镇月排名")
    assert table[0] == ["名次", "单位", "综合得分", "上月名次", "名次变化", "区域挂牌"]
    ranking = RankingRow.objects.filter(period=MAY.first_day, scheme__kind="township").order_by("rank", "id")
    assert len(table) - 1 == ranking.count() == 18
    assert [(row[0], row[1]) for row in table[1:]] == [(str(r.rank), r.region.name) for r in ranking]
    assert all(row[3] != "—" for row in table[1:])  # April was ranked too


def test_target_figures_are_the_month_s_county_values_and_the_change_from_april(may_report):
    document = read(may_report.report.read())
    plan = WorkPlan.objects.get(year=2024)
    county = IndicatorValue.objects.filter(region=county_for(plan), department__isnull=True, indicator="A1.coverage")
    assert [(v.period.month, v.value) for v in county.order_by("period")] == [(4, 100), (5, 75)]
    rows = {row[0]: row for row in table_after(document, "安全生产治本攻坚")[1:]}
    goal = Target.objects.get(plan=plan, code="A1.coverage").goal
    assert rows["A1.coverage"][2:] == [goal, "75%", "100%", "−25个百分点", "未达成"]
    statuses = {item.target.code: str(item.status.label) for item in attainment(plan, as_of=MAY.first_day)}
    assert {code: row[6] for code, row in rows.items()} == {code: statuses[code] for code in rows}
    assert statuses["F1.major"] == "达成" and table_after(document, "事故防控")[2][3:] == ["0起", "0起", "持平", "达成"]


def test_only_listed_hazards_past_their_deadline_at_month_end_are_reported(may_report):
    table = table_after(read(may_report.report.read()), "挂牌督办隐患逾期情况")
    assert table[0][:3] == ["乡镇", "检查对象", "隐患描述"]
    plant = Enterprise.objects.order_by("pk").first().name
    assert [row[:3] + row[5:] for row in table[1:]] == [["灵溪镇", plant, "储罐区未设防火堤", "2024-05-09", "22"]]


def test_fonts_follow_official_document_practice_by_name(may_report):
    document = read(may_report.report.read())
    expected = {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体", "Heading 2": "楷体_GB2312"}
    for style, font in expected.items():
        fonts = document.styles[style].element.rPr.rFonts
        assert (fonts.get(qn("w:eastAsia")), fonts.get(qn("w:ascii"))) == (font, font), style
        assert fonts.get(qn("w:eastAsiaTheme")) is None
    assert document.styles["Normal"].font.size == Pt(16) and document.styles["Title"].font.size == Pt(22)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4


def test_the_report_made_right_after_the_snapshot_is_a_draft_until_the_ranking_is_published(may_report):
    first, republished = MonthlyWorkbook.objects.filter(period=MAY.first_day).order_by("pk")
    draft = read(first.report.read())
    assert draft.core_properties.content_status == "草稿"
    assert draft.paragraphs[0].text == "草稿(本月排名尚未发布)"
    assert "本月排名尚未发布,以下为草稿,以县应急管理局发布为准。" in [p.text for p in draft.paragraphs]
    assert "根据综合评价月排名,以下3个单位拟予区域挂牌(排名发布后生效):" in [p.text for p in draft.paragraphs]
    assert read(republished.report.read()).paragraphs[0].text != draft.paragraphs[0].text


def test_an_unpublished_ranking_makes_the_report_a_draft(may_report, county_admin):
    withdraw_ranking(period=MAY, actor=county_admin, reason="复核")
    content = io.BytesIO()
    reports.write(MAY, content)
    document = read(content.getvalue())
    assert document.core_properties.content_status == "草稿"
    assert document.paragraphs[0].text.startswith("草稿")
    publish_ranking(period=MAY, actor=county_admin)
    content = io.BytesIO()
    reports.write(MAY, content)
    assert read(content.getvalue()).core_properties.content_status == "定稿"


def test_the_county_downloads_it_and_the_api_lists_it(client, county_admin, lingxi_staff, may_report):
    MonthlyWorkbook.objects.create(period=Month(2024, 6).first_day)
    results = api_as(county_admin).get(reverse("workbook-list")).json()["results"]
    links = {row["period"]: row["report"] for row in results}
    assert links == {
        "2024-06": None,
        "2024-05": "/exports/monthly/2024-05.docx",
        "2024-04": "/exports/monthly/2024-04.docx",
    }
    client.force_login(county_admin)
    response = client.get(links["2024-05"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "2024年5月" in read(b"".join(response.streaming_content)).paragraphs[0].text
    page = client.get(reverse("plan:workbooks")).content.decode()
    assert 'href="/exports/monthly/2024-05.docx"' in page
    assert client.get("/exports/monthly/2024-06.docx").status_code == 404
    client.force_login(lingxi_staff)
    assert client.get(links["2024-05"]).status_code == 404
    assert api_as(lingxi_staff).get(reverse("workbook-list")).status_code == 403


def test_the_report_costs_the_same_queries_with_more_listed_hazards():
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            reports.write(MAY, io.BytesIO())
        return len(captured)

    def overdue_listed() -> None:
        hazard = HazardFactory(found_on=date(2024, 4, 10), deadline=date(2024, 5, 9), level="major")
        listed(hazard, on=date(2024, 4, 12))

    overdue_listed()
    few = queries()
    for _ in range(5):
        overdue_listed()
    assert queries() == few
