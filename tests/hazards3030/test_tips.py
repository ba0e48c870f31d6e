"""码上报: a citizen's tip without an account, the township's check, the hazard it becomes and
the receipt page that shows only the status; the abuse limits; scope; query counts."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hazards3030 import services
from hazards3030.models import Hazard, HazardAttachment, Tip, TipPoint
from hazards3030.services import tips
from tests.conftest import api_as
from tests.factories import EnterpriseFactory, UserFactory, county, township
from tests.hazards3030.conftest import jpeg, png_bomb
from tests.hazards3030.factories import TipFactory, TipPointFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_limits")]


def send(client, url="/tip/", **fields):
    data = {"description": "楼道里堆满纸箱,堵住了消防通道", "place": "城东路12号", **fields}
    if "township" not in fields and url == "/tip/":
        data["township"] = township("灵溪镇").pk
    return client.post(url, data)


def stored_tip_files() -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "tips"
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def status_text(client, tip: Tip) -> str:
    response = client.get(f"/tip/status/{tip.receipt}/")
    assert response.status_code == 200
    return response.content.decode()


# --- The public form ------------------------------------------------------------------------


def test_the_tip_page_is_open_without_login_and_lists_every_township(client):
    response = client.get("/tip/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "码上报" in page and "灵溪镇" in page and "矾山镇" in page
    assert 'name="website"' in page  # the honeypot is there for robots
    assert "js/tip.js" in page and "<script>" not in page  # local script only, nothing inline


def test_an_anonymous_tip_gets_a_receipt_and_waits_in_the_township_queue(client):
    response = send(client, phone="138 0013 5678")
    tip = Tip.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tip/status/{tip.receipt}/?sent=1"
    assert tip.status == Tip.Status.PENDING and tip.township == township("灵溪镇")
    assert tip.phone_masked == "138****5678"
    assert len(tip.receipt) == tips.RECEIPT_LENGTH and set(tip.receipt) <= set(tips.RECEIPT_ALPHABET)
    assert "13800135678" not in str(list(Tip.history.values()))  # the whole number is kept nowhere
    page = client.get(response["Location"]).content.decode()
    assert tip.receipt in page and "待核实" in page and "请记下回执码" in page


def test_receipts_differ_and_are_read_back_however_they_are_typed(client):
    send(client)
    send(client)
    first, second = Tip.objects.order_by("pk")
    assert first.receipt != second.receipt
    typed = f"{first.receipt[:5].lower()}-{first.receipt[5:].lower()}"
    response = client.get("/tip/status/", {"receipt": typed})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_an_unknown_receipt_is_404(client):
    assert client.get("/tip/status/ABCDEFGHJK/").status_code == 404


def test_a_qr_point_prefills_the_township_place_and_enterprise(client):
    enterprise = EnterpriseFactory(name="灵溪鞋业有限公司")
    point = TipPointFactory(place="鞋业园区大门", enterprise=enterprise)
    page = client.get(f"/tip/{point.code}/").content.decode()
    assert "鞋业园区大门" in page and "灵溪鞋业有限公司" in page and 'name="township"' not in page
    response = client.post(
        f"/tip/{point.code}/", {"description": "车间里电线私拉乱接", "lat": "27.50123456", "lng": "120.4"}
    )
    assert response.status_code == 302
    tip = Tip.objects.get()
    assert (tip.point, tip.township, tip.enterprise, tip.place) == (point, point.township, enterprise, "鞋业园区大门")
    assert str(tip.lat) == "27.501235"


def test_an_unknown_code_is_404_and_a_retired_one_asks_for_the_township(client):
    assert client.get("/tip/nosuchcode/").status_code == 404
    point = TipPointFactory(active=False)
    page = client.get(f"/tip/{point.code}/").content.decode()
    assert "该二维码已停用" in page and 'name="township"' in page
    response = client.post(f"/tip/{point.code}/", {"description": "配电箱门敞开"})
    assert response.status_code == 400 and "请选择隐患所在的乡镇" in response.content.decode()
    assert not Tip.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"description": "有"}, "至少5个字"),
        ({"description": "隐" * 1001}, "不能超过1000个字"),
        ({"place": "路" * 101}, "地点不能超过100个字"),
        ({"phone": "12345"}, "请填写有效的手机号"),
        ({"lat": "31.2", "lng": "121.4"}, "苍南县范围"),
        ({"lat": "27.3"}, "须同时有纬度和经度"),
        ({"township": ""}, "请选择隐患所在的乡镇"),
        ({"township": "county"}, "选择一个有效的选项"),
        ({"lat": "north", "lng": "120.4"}, "输入一个数字"),
    ],
)
def test_a_refused_tip_says_why_in_chinese_and_saves_nothing(client, fields, message):
    if fields.get("township") == "county":  # a region that is not a township
        fields = {"township": county().pk}
    response = send(client, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Tip.objects.exists()


def test_a_filled_honeypot_is_refused_and_saves_nothing(client):
    response = send(client, website="http://spam.example")
    assert response.status_code == 400 and "提交未被受理" in response.content.decode()
    assert not Tip.objects.exists()


def test_a_photo_is_kept_and_shown_only_to_the_township(client, lingxi_staff, fanshan_staff):
    send(client, photo=jpeg())
    tip = Tip.objects.get()
    assert tip.photo_type == "image/jpeg" and len(stored_tip_files()) == 1
    url = reverse("hazards3030:tip-photo", args=[tip.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(lingxi_staff)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    client.force_login(fanshan_staff)
    assert client.get(url).status_code == 404


def test_a_photo_bomb_is_refused_as_every_upload_is_and_leaves_no_tip_and_no_file(client):
    response = send(client, photo=png_bomb())
    assert response.status_code == 400 and "尺寸过大" in response.content.decode()
    assert not Tip.objects.exists() and stored_tip_files() == []


def test_a_file_that_is_not_a_photo_is_refused(client):
    fake = SimpleUploadedFile("a.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = send(client, photo=fake)
    assert response.status_code == 400 and "不是允许的类型" in response.content.decode()
    assert not Tip.objects.exists() and stored_tip_files() == []


# --- Abuse limits ---------------------------------------------------------------------------


def test_page_requests_above_the_limit_are_429_with_a_chinese_page(client, settings):
    settings.TIPS_PAGE_RATE_PER_MINUTE = 3
    answers = [client.get("/tip/").status_code for _ in range(5)]
    assert answers == [200, 200, 200, 429, 429]
    refused = client.get("/tip/status/ABCDEFGHJK/")
    assert refused.status_code == 429 and "访问过于频繁" in refused.content.decode()
    assert refused["Retry-After"] == "60"
    assert client.get("/tip/", REMOTE_ADDR="10.0.0.9").status_code == 200  # another address


def test_tips_above_the_hourly_limit_per_address_are_429(client, settings):
    settings.TIPS_PER_ADDRESS_PER_HOUR = 2
    answers = [send(client).status_code for _ in range(3)]
    assert answers == [302, 302, 429]
    assert Tip.objects.count() == 2
    other = client.post(
        "/tip/", {"description": "另一处隐患情况", "township": township("灵溪镇").pk}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_tips_above_the_hourly_limit_per_code_are_429_from_any_address(client, settings):
    settings.TIPS_PER_CODE_PER_HOUR = 2
    point, other_point = TipPointFactory(), TipPointFactory()
    answers = [
        client.post(f"/tip/{point.code}/", {"description": "消防栓被圈占"}, REMOTE_ADDR=f"10.0.1.{n}").status_code
        for n in range(3)
    ]
    assert answers == [302, 302, 429]
    assert (
        client.post(f"/tip/{other_point.code}/", {"description": "消防栓被圈占"}, REMOTE_ADDR="10.0.2.1").status_code
        == 302
    )
    assert Tip.objects.count() == 3


# --- The township's decision ----------------------------------------------------------------


def test_the_township_verifies_a_tip_and_the_hazard_enters_the_loop(client, lingxi_staff, county_admin):
    send(client, photo=jpeg())
    tip = Tip.objects.get()
    staff = client.__class__()
    staff.force_login(lingxi_staff)
    assert tip.receipt in staff.get(reverse("hazards3030:tips")).content.decode()
    deadline = timezone.localdate() + timedelta(days=10)
    response = staff.post(
        reverse("hazards3030:tip-accept", args=[tip.pk]),
        {"deadline": deadline.isoformat(), "category": "fire", "level": "general", "note": "现场核实属实"},
    )
    tip.refresh_from_db()
    hazard = tip.hazard
    assert response.status_code == 302 and response["Location"] == hazard.get_absolute_url()
    assert tip.status == Tip.Status.ACCEPTED and tip.decided_by == lingxi_staff
    assert (hazard.source, hazard.status, hazard.township, hazard.deadline) == (
        Hazard.Source.TIP, Hazard.Status.REPORTED, township("灵溪镇"), deadline,
    )  # fmt: skip
    assert hazard.category == "fire" and "堵住了消防通道" in hazard.description
    photo = HazardAttachment.objects.get(hazard=hazard)
    assert photo.kind == "before" and photo.file.read()[:3] == b"\xff\xd8\xff"
    assert "已受理,进入整改:整改中" in status_text(client, tip)

    for step in (services.assign_hazard, services.start_rectification, services.submit_rectification):
        step(hazard=hazard, actor=lingxi_staff)
    assert "整改完成,待验收" in status_text(client, tip)
    services.accept_hazard(hazard=hazard, actor=county_admin)
    page = status_text(client, tip)
    assert "已销号" in page
    for internal in ("t_lingxi", "现场核实属实", "t_county_admin", f"#{hazard.pk}", "/hazards/"):
        assert internal not in page


def test_an_invalid_tip_is_closed_with_a_reason_the_tipster_reads(client, lingxi_staff):
    send(client)
    tip = Tip.objects.get()
    staff = client.__class__()
    staff.force_login(lingxi_staff)
    refused = staff.post(reverse("hazards3030:tip-reject", args=[tip.pk]), {"reason": "  "}, follow=True)
    assert "请填写不予受理的原因" in refused.content.decode()
    assert Tip.objects.get().status == Tip.Status.PENDING
    staff.post(reverse("hazards3030:tip-reject", args=[tip.pk]), {"reason": "经现场核查,纸箱已清理,通道畅通。"})
    tip.refresh_from_db()
    assert tip.status == Tip.Status.REJECTED and tip.hazard is None and not Hazard.objects.exists()
    page = status_text(client, tip)
    assert "不予受理" in page and "纸箱已清理" in page and "t_lingxi" not in page


def test_a_decided_tip_is_not_decided_again(lingxi_staff):
    tip = TipFactory()
    tips.reject_tip(tip=tip, actor=lingxi_staff, reason="重复举报")
    response = api_as(lingxi_staff).post(
        reverse("tip-accept", args=[tip.pk]), {"deadline": timezone.localdate().isoformat()}, format="json"
    )
    assert response.status_code == 409 and "已处理" in response.json()["detail"]
    assert not Hazard.objects.exists()


def test_a_reason_too_long_and_a_deadline_before_the_tip_are_refused(lingxi_staff):
    tip = TipFactory()
    client = api_as(lingxi_staff)
    response = client.post(reverse("tip-reject", args=[tip.pk]), {"reason": "长" * 201}, format="json")
    assert response.status_code == 400 and "不能超过200个字" in str(response.json())
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(reverse("tip-accept", args=[tip.pk]), {"deadline": yesterday}, format="json")
    assert response.status_code == 400 and "不早于举报日期" in str(response.json())
    assert Tip.objects.get().status == Tip.Status.PENDING and not Hazard.objects.exists()


def test_a_village_cadre_and_a_read_only_leader_cannot_decide(lingxi_staff):
    tip = TipFactory()
    cadre = UserFactory(username="t_cadre", role="village_cadre", region=township("灵溪镇"))
    response = api_as(cadre).post(reverse("tip-reject", args=[tip.pk]), {"reason": "不属实"}, format="json")
    assert response.status_code in (403, 404)
    assert Tip.objects.get().status == Tip.Status.PENDING


def test_the_api_queue_lists_and_decides_within_scope(lingxi_staff, fanshan_staff):
    mine, theirs = TipFactory(), TipFactory(township=township("矾山镇"))
    TipFactory(status=Tip.Status.REJECTED, reason="不属实")
    body = api_as(lingxi_staff).get(reverse("tip-list"), {"status": "pending"}).json()
    assert [row["receipt"] for row in body["results"]] == [mine.receipt]
    assert api_as(lingxi_staff).get(reverse("tip-detail", args=[theirs.pk])).status_code == 404
    assert api_as(lingxi_staff).post(reverse("tip-reject", args=[theirs.pk]), {"reason": "x"}).status_code == 404
    deadline = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = api_as(lingxi_staff).post(
        reverse("tip-accept", args=[mine.pk]), {"deadline": deadline, "level": "重大"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    hazard = Hazard.objects.get(pk=response.json()["hazard"])
    assert hazard.level == "major" and hazard.source == "tip"


def test_the_queue_page_hides_other_townships(client, lingxi_staff):
    theirs = TipFactory(township=township("矾山镇"), description="矾山的举报内容")
    client.force_login(lingxi_staff)
    assert "矾山的举报内容" not in client.get(reverse("hazards3030:tips")).content.decode()
    assert client.get(reverse("hazards3030:tip", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("hazards3030:tip-accept", args=[theirs.pk]), {}).status_code == 404
    assert Tip.objects.get().status == Tip.Status.PENDING


def test_the_queue_page_costs_the_same_with_3_tips_and_30(client, county_admin):
    townships = [township(name) for name in ("灵溪镇", "矾山镇", "钱库镇")]

    def add(start: int, count: int) -> None:
        for n in range(start, start + count):
            tip = TipFactory(township=townships[n % 3], enterprise=EnterpriseFactory(township=townships[n % 3]))
            if n % 2:
                tips.accept_tip(tip=tip, actor=county_admin, deadline=timezone.localdate() + timedelta(days=5))

    client.force_login(county_admin)
    url = reverse("hazards3030:tips") + "?status="
    add(0, 3)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(3, 27)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count("data-tip=") == 30
    assert len(many) == len(few)


# --- QR points ------------------------------------------------------------------------------


def test_township_staff_register_a_point_and_print_its_code(client, lingxi_staff):
    enterprise = EnterpriseFactory()
    client.force_login(lingxi_staff)
    response = client.post(
        reverse("hazards3030:tip-point-new"),
        {"township": township("灵溪镇").pk, "enterprise": enterprise.pk, "place": "厂区东门", "active": "on"},
    )
    assert response.status_code == 302
    point = TipPoint.objects.get()
    assert len(point.code) == tips.CODE_LENGTH
    png = client.get(reverse("hazards3030:tip-point-qr-png", args=[point.pk]))
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    svg = client.get(reverse("hazards3030:tip-point-qr-svg", args=[point.pk]))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    sheet = client.get(reverse("hazards3030:tip-point-sheet")).content.decode()
    assert "厂区东门" in sheet and reverse("hazards3030:tip-point-qr-svg", args=[point.pk]) in sheet


def test_a_point_for_an_enterprise_of_another_township_is_refused(lingxi_staff, county_admin):
    other = EnterpriseFactory(township=township("矾山镇"))
    with pytest.raises(ValidationError, match="不属于该乡镇"):
        tips.save_tip_point(actor=county_admin, township=township("灵溪镇"), enterprise=other, place="门口")
    with pytest.raises(PermissionDenied):
        tips.save_tip_point(actor=lingxi_staff, township=township("矾山镇"), enterprise=None, place="门口")


def test_the_login_page_shows_the_public_tip_link(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'href="/tip/"' in page


def test_behind_the_proxy_each_citizen_is_counted_by_the_address_the_proxy_saw(client, settings):
    """nginx appends the address it saw to X-Forwarded-For; what a client sends on the left is
    ignored, so it can neither borrow another's allowance nor escape its own."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TIPS_PER_ADDRESS_PER_HOUR = 1
    tip = {"description": "楼道里堆满纸箱,堵住了消防通道", "township": township("灵溪镇").pk}

    def sent_from(forwarded: str) -> int:  # every request reaches the portal from nginx
        return client.post("/tip/", tip, REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert sent_from("203.0.113.7") == 302
    assert sent_from("198.51.100.1, 203.0.113.7") == 429  # a forged left part changes nothing
    assert sent_from("203.0.113.8") == 302  # a neighbour has an allowance of their own
    assert Tip.objects.count() == 2


def test_page_two_of_the_queue_still_lists_only_tips_that_wait(client, lingxi_staff):
    """下一页 is ``?page=2``: a page number is no choice of rows, so the queue's 待核实 stays on."""
    for n in range(52):
        TipFactory(description=f"待核实举报{n:02d}")
    for n in range(5):
        TipFactory(description=f"已处理举报{n}", status=Tip.Status.REJECTED, reason="不属实")
    client.force_login(lingxi_staff)
    first = client.get(reverse("hazards3030:tips"))
    assert first.context["page_obj"].paginator.count == 52
    second = client.get(reverse("hazards3030:tips") + "?page=2").content.decode()
    assert "待核实举报51" in second and "待核实举报50" in second
    assert "已处理举报" not in second
