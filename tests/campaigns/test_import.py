"""The township's activity ledger: imported as it is kept, all rows or none, errors by row and column."""

from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.importers import import_activities
from campaigns.models import Activity, FiveInto
from org.ledgers import ImportFailed
from tests.campaigns.conftest import SAMPLE_LEDGER
from tests.conftest import api_as

pytestmark = pytest.mark.django_db
HEADER = ["序号", "活动日期", "乡镇", "活动名称", "活动形式", "“五进”类别", "参与人数", "组织单位", "活动地点", "备注"]


def sample() -> SimpleUploadedFile:
    with open(SAMPLE_LEDGER, "rb") as handle:
        return SimpleUploadedFile("activity-ledger-sample.xlsx", handle.read())


def ledger(*rows, header=HEADER) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["灵溪镇安全宣传活动台账"])
    sheet.append(["填报单位:灵溪镇应急消防管理站"])
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("ledger.xlsx", buffer.getvalue())


GOOD = (1, "2024-05-03", "灵溪镇", "消防演练进厂区", "应急演练", "进企业", 80, "灵溪镇应急消防管理站", "工业园", "")


def test_the_sample_ledger_imports_as_it_is(lingxi_staff):
    result = import_activities(upload=sample(), actor=lingxi_staff)
    activities = Activity.objects.filter(township__name="灵溪镇")
    assert result.created == activities.count() == 30
    first = activities.get(title="灵溪镇安全宣讲活动1")
    assert (first.held_on.isoformat(), first.kind.name, first.category, first.participants) == (
        "2024-03-13",
        "安全宣讲",
        FiveInto.ENTERPRISE,
        111,
    )
    assert activities.get(title="灵溪镇知识抢答活动2").held_on.isoformat() == "2024-03-10"  # 2024年3月10日
    assert activities.get(title="灵溪镇体验活动活动4").held_on.isoformat() == "2024-06-15"  # 2024.6.15
    assert set(activities.values_list("category", flat=True)) == set(FiveInto.values)


def test_importing_the_same_ledger_again_updates_rather_than_duplicates(lingxi_staff):
    import_activities(upload=sample(), actor=lingxi_staff)
    result = import_activities(upload=sample(), actor=lingxi_staff)
    assert result.created == 0
    assert Activity.objects.count() == 30


def test_a_blank_cell_keeps_the_stored_value(lingxi_staff):
    import_activities(upload=ledger(GOOD), actor=lingxi_staff)
    again = (1, "2024.5.3", "灵溪镇", "消防演练进厂区", "", "", 95, "", "", "")
    import_activities(upload=ledger(again), actor=lingxi_staff)
    activity = Activity.objects.get()
    assert (activity.participants, activity.kind.name, activity.category, activity.place) == (
        95,
        "应急演练",
        FiveInto.ENTERPRISE,
        "工业园",
    )


@pytest.mark.parametrize(
    ("bad", "column", "words"),
    [
        ((2, "2024-13-45", "灵溪镇", "b", "应急演练", "进企业", 10, "", "", ""), "活动日期", "日期"),
        ((2, "2024-05-04", "灵溪镇", "b", "应急演练", "进医院", 10, "", "", ""), "“五进”类别", "进医院"),
        ((2, "2024-05-04", "灵溪镇", "b", "应急演练", "进学校", -5, "", "", ""), "参与人数", "负数"),
    ],
    ids=["bad date", "unknown category", "negative participants"],
)
def test_a_bad_row_is_reported_by_row_and_column_and_nothing_is_saved(lingxi_staff, bad, column, words):
    with pytest.raises(ImportFailed) as failure:
        import_activities(upload=ledger(GOOD, bad), actor=lingxi_staff)
    assert [(e.row, e.column) for e in failure.value.errors] == [(5, column)]
    assert words in failure.value.errors[0].message
    assert not Activity.objects.exists()


def test_every_bad_row_is_listed_at_once(lingxi_staff):
    rows = [(n, "2024-05-0x", "灵溪镇", f"a{n}", "应急演练", "进企业", 1, "", "", "") for n in range(3)]
    with pytest.raises(ImportFailed) as failure:
        import_activities(upload=ledger(*rows), actor=lingxi_staff)
    assert [e.row for e in failure.value.errors] == [4, 5, 6]


def test_a_new_activity_needs_its_form_and_category(lingxi_staff):
    row = (1, "2024-05-03", "灵溪镇", "没有类别的活动", "应急演练", "", 10, "", "", "")
    with pytest.raises(ImportFailed) as failure:
        import_activities(upload=ledger(row), actor=lingxi_staff)
    assert [(e.row, e.column) for e in failure.value.errors] == [(4, "“五进”类别")]


def test_a_township_cannot_import_another_township_s_activities(lingxi_staff):
    row = (1, "2024-05-03", "矾山镇", "别人的活动", "应急演练", "进企业", 10, "", "", "")
    with pytest.raises(ImportFailed) as failure:
        import_activities(upload=ledger(row), actor=lingxi_staff)
    assert failure.value.errors[0].column == "乡镇"
    assert not Activity.objects.exists()


def test_rows_without_a_township_are_the_clerk_s_own(lingxi_staff):
    header = [h for h in HEADER if h != "乡镇"]
    import_activities(upload=ledger((1, "2024-05-03", "无乡镇列", "知识抢答", "进学校", 10), header=header[:6]),
                      actor=lingxi_staff)  # fmt: skip
    assert Activity.objects.get().township == lingxi_staff.region


def test_the_api_imports_the_sample_and_reports_errors(lingxi_staff):
    client = api_as(lingxi_staff)
    response = client.post("/api/v1/activities/import/", {"file": sample()}, format="multipart")
    assert response.status_code == 200 and response.json()["created"] == 30
    bad = (2, "2024-05-04", "灵溪镇", "b", "应急演练", "进医院", 10, "", "", "")
    response = client.post("/api/v1/activities/import/", {"file": ledger(bad)}, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"][0]["column"] == "“五进”类别"
    assert Activity.objects.count() == 30


def test_the_import_page_shows_the_errors(client, lingxi_staff):
    client.force_login(lingxi_staff)
    bad = (2, "2024-05-04", "灵溪镇", "b", "应急演练", "进学校", -1, "", "", "")
    response = client.post("/campaigns/activities/import/", {"file": ledger(bad)})
    assert response.status_code == 200
    assert "参与人数" in response.content.decode() and "不能为负数" in response.content.decode()
    assert client.get("/campaigns/activities/import/template.xlsx").status_code == 200
