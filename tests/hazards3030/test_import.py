import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hazards3030.importers import ImportFailed, import_enterprises, import_hazards
from hazards3030.models import Enterprise, Hazard, HazardTransition
from tests.conftest import api_as
from tests.factories import EnterpriseFactory, credit_code, township

pytestmark = pytest.mark.django_db

SAMPLE = Path(settings.BASE_DIR).parent / "shared" / "data" / "hazard-ledger-sample.xlsx"
HEADER = ["序号", "乡镇", "企业名称", "统一社会信用代码", "隐患描述", "隐患等级", "隐患类别", "隐患来源",
          "发现日期", "整改期限", "整改责任人", "整改措施", "整改资金(万元)", "整改状态", "备注"]  # fmt: skip


def row(n, **overrides):
    values = {
        "序号": n, "乡镇": "灵溪镇", "企业名称": f"示例{n}厂", "统一社会信用代码": credit_code(n),
        "隐患描述": "消防通道被货物堵塞", "隐患等级": "一般", "隐患类别": "消防", "隐患来源": "检查",
        "发现日期": "2024.5.3", "整改期限": "2024年5月18日", "整改责任人": "张三", "整改措施": "立即清理",
        "整改资金(万元)": 1.5, "整改状态": "整改中", "备注": "",
    }  # fmt: skip
    values.update(overrides)
    return [values[h] for h in HEADER]


def ledger(rows, name="ledger.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["灵溪镇2024年安全生产事故隐患排查整改台账"])
    sheet.append(
        ["填报单位:灵溪镇应急消防管理站", None, None, None, None, None, None, None, None, None, None, "填报日期:"]
    )
    sheet.append(HEADER)
    for values in rows:
        sheet.append(values)
    sheet.append([])
    sheet.append(["合计", None, None, None, None, None, None, None, None, None, None, None, "=SUM(M4:M9)"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_the_townships_own_ledger_imports_as_it_is(lingxi_staff):
    if not SAMPLE.exists():
        pytest.skip("shared/data/hazard-ledger-sample.xlsx is not beside the repository")
    upload = SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes())
    result = import_hazards(upload=upload, actor=lingxi_staff)
    assert result.created == 20
    hazards = Hazard.objects.all()
    assert hazards.count() == 20 and set(hazards.values_list("township__name", flat=True)) == {"灵溪镇"}
    statuses = dict(
        (status, hazards.filter(status=status).count()) for status in ("assigned", "rectifying", "submitted", "closed")
    )
    assert statuses == {"assigned": 6, "rectifying": 10, "submitted": 4, "closed": 0}  # 2 majors lack a 预案
    first = Hazard.objects.get(enterprise__credit_code="91330327MA2001XYYY")
    assert (first.found_on, first.deadline, first.level, first.category) == (
        date(2024, 5, 11),
        date(2024, 6, 10),
        "major",
        "confined_space",
    )
    assert Hazard.objects.get(enterprise__credit_code="91330328MA2002XYYL").deadline == date(2024, 5, 18)
    assert Enterprise.objects.count() == 20
    steps = HazardTransition.objects.filter(from_status="", note="台账导入", actor=lingxi_staff)
    assert sorted(steps.values_list("to_status", flat=True)) == sorted(hazards.values_list("status", flat=True))
    # Every imported row has its first history entry: who, when, and that it came from a ledger.
    created = Hazard.history.filter(history_type="+", history_user=lingxi_staff, history_change_reason="台账导入")
    assert created.count() == 20 and created.filter(description="有限空间作业未落实审批").exists()
    assert Enterprise.history.filter(history_type="+").count() == 20
    assert any("五落实" in w.message for w in result.warnings)  # 已整改 major hazards without a 预案


def test_dates_in_every_township_spelling_are_read(lingxi_staff):
    rows = [
        row(1, 发现日期="2024-05-03"),
        row(2, 发现日期="2024年5月3日"),
        row(3, 发现日期=datetime(2024, 5, 3)),
        row(4, 发现日期="2024.5.3"),
    ]
    import_hazards(upload=ledger(rows), actor=lingxi_staff)
    assert set(Hazard.objects.values_list("found_on", flat=True)) == {date(2024, 5, 3)}


def test_three_bad_rows_save_nothing_and_are_all_reported(lingxi_staff):
    rows = [
        row(1),
        row(2, 发现日期="五月三日"),
        row(3, 隐患等级="特大"),
        row(4),
        row(5, 统一社会信用代码="91330327MA2001XYYA"),
    ]
    with pytest.raises(ImportFailed) as failure:
        import_hazards(upload=ledger(rows), actor=lingxi_staff)
    found = {(e.row, e.column) for e in failure.value.errors}
    assert found == {(5, "发现日期"), (6, "隐患等级"), (8, "统一社会信用代码")}
    assert all(e.message for e in failure.value.errors)
    assert not Hazard.objects.exists() and not Enterprise.objects.exists()


def test_township_staff_import_only_into_their_township(lingxi_staff):
    with pytest.raises(ImportFailed) as failure:
        import_hazards(upload=ledger([row(1), row(2, 乡镇="矾山镇")]), actor=lingxi_staff)
    assert [(e.row, e.column) for e in failure.value.errors] == [(5, "乡镇")]
    assert not Hazard.objects.exists()


def test_an_import_never_closes_a_hazard(lingxi_staff):
    with pytest.raises(ImportFailed) as failure:
        import_hazards(upload=ledger([row(1, 整改状态="已销号")]), actor=lingxi_staff)
    assert "销号" in failure.value.errors[0].message


def test_an_enterprise_is_matched_by_its_credit_code(lingxi_staff):
    known = EnterpriseFactory(credit_code=credit_code(1), name="已登记名称")
    import_hazards(upload=ledger([row(1), row(2)]), actor=lingxi_staff)
    assert Hazard.objects.filter(enterprise=known).count() == 1
    assert Enterprise.objects.count() == 2 and Enterprise.objects.get(pk=known.pk).name == "已登记名称"


def test_a_zip_bomb_is_refused_before_unpacking(lingxi_staff):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (200 * 1024 * 1024))
    bomb = SimpleUploadedFile("bomb.xlsx", buffer.getvalue())
    assert bomb.size < 1024 * 1024
    with pytest.raises(ImportFailed) as failure:
        import_hazards(upload=bomb, actor=lingxi_staff)
    assert "压缩炸弹" in failure.value.errors[0].message


def test_an_entity_bomb_is_refused(lingxi_staff):
    good = ledger([row(1)])
    source = zipfile.ZipFile(io.BytesIO(good.read()))
    buffer = io.BytesIO()
    entities = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = entities + data.split(b"?>", 1)[-1]
            archive.writestr(item, data)
    with pytest.raises(ImportFailed) as failure:
        import_hazards(upload=SimpleUploadedFile("entities.xlsx", buffer.getvalue()), actor=lingxi_staff)
    assert "不安全" in failure.value.errors[0].message
    assert not Hazard.objects.exists()


def test_not_a_workbook_is_a_clear_error(lingxi_staff):
    with pytest.raises(ImportFailed, match="导入失败") as failure:
        import_hazards(upload=SimpleUploadedFile("x.xlsx", b"hello"), actor=lingxi_staff)
    assert ".xlsx" in failure.value.errors[0].message


def test_the_api_reports_errors_by_row_and_column(lingxi_staff):
    client = api_as(lingxi_staff)
    bad = client.post(reverse("hazard-import-ledger"), {"file": ledger([row(1, 隐患描述="")])}, format="multipart")
    assert bad.status_code == 400
    assert bad.json()["errors"] == [{"row": 4, "column": "隐患描述", "message": "必填。"}]
    good = client.post(reverse("hazard-import-ledger"), {"file": ledger([row(1), row(2)])}, format="multipart")
    assert good.status_code == 200 and good.json()["created"] == 2


def test_the_page_shows_every_error(client, lingxi_staff):
    client.force_login(lingxi_staff)
    response = client.post(
        reverse("hazards3030:import"), {"file": ledger([row(1, 隐患等级="?"), row(2, 发现日期="x")])}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "导入失败" in html and "隐患等级" in html and "发现日期" in html
    assert not Hazard.objects.exists()


def test_the_template_downloads_with_chinese_headers(client, lingxi_staff):
    client.force_login(lingxi_staff)
    response = client.get(reverse("hazards3030:import-template"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[3]]
    assert headers[:4] == ["乡镇", "企业名称", "统一社会信用代码", "隐患描述"]
    assert sheet.freeze_panes == "A4"


def test_enterprises_import_all_or_nothing(lingxi_staff):
    def register(rows):
        workbook = openpyxl.Workbook()
        workbook.active.append(["单位名称", "统一社会信用代码", "行业", "风险等级", "是否纳管", "使用危险化学品"])
        for values in rows:
            workbook.active.append(values)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return SimpleUploadedFile("register.xlsx", buffer.getvalue())

    with pytest.raises(ImportFailed) as failure:
        import_enterprises(
            upload=register(
                [["甲厂", credit_code(1), "工贸", "红", "是", "否"], ["乙厂", "bad", "火星", "紫", "也许", "否"]]
            ),
            actor=lingxi_staff,
        )
    assert {e.column for e in failure.value.errors} == {"统一社会信用代码", "行业", "风险等级", "是否纳管"}
    assert not Enterprise.objects.exists()
    result = import_enterprises(
        upload=register([["甲厂", credit_code(1), "危化品", "红", "是", "是"]]), actor=lingxi_staff
    )
    enterprise = Enterprise.objects.get()
    assert result.created == 1 and enterprise.township == township("灵溪镇")
    assert (enterprise.industry, enterprise.risk_level, enterprise.supervised, enterprise.uses_hazardous_chemicals) == (
        "chemicals",
        "red",
        True,
        True,
    )
