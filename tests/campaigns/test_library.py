"""The QR library: codes that decode to the public page, the public page itself, its limit and its scans."""

from datetime import date
from io import BytesIO

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from campaigns import services
from campaigns.models import Resource, ResourceScan
from tests.campaigns.conftest import mp4_upload, png_upload
from tests.campaigns.factories import ResourceFactory
from tests.conftest import api_as
from tests.factories import county, township

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_limits")]


def decode(png: bytes) -> str:
    found = zxingcpp.read_barcodes(Image.open(BytesIO(png)))
    assert len(found) == 1
    return found[0].text


def test_the_png_code_decodes_to_the_item_s_public_url(client, lingxi_staff):
    resource = ResourceFactory()
    client.force_login(lingxi_staff)
    response = client.get(reverse("campaigns:resource-qr-png", kwargs={"pk": resource.pk}))
    assert response["Content-Type"] == "image/png"
    assert decode(response.content) == f"http://testserver/r/{resource.slug}/"


def test_the_code_points_to_the_configured_public_address(client, lingxi_staff, settings):
    settings.CAMPAIGNS_PUBLIC_URL = "https://yj.cncn.gov.cn"
    resource = ResourceFactory()
    client.force_login(lingxi_staff)
    png = client.get(reverse("campaigns:resource-qr-png", kwargs={"pk": resource.pk})).content
    assert decode(png) == f"https://yj.cncn.gov.cn/r/{resource.slug}/"


def test_the_svg_code_is_an_svg_drawing(client, lingxi_staff):
    resource = ResourceFactory()
    client.force_login(lingxi_staff)
    response = client.get(reverse("campaigns:resource-qr-svg", kwargs={"pk": resource.pk}))
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content and b"<path" in response.content and b"<script" not in response.content


def test_the_public_page_needs_no_login_and_shows_nothing_internal(client, lingxi_staff):
    resource = ResourceFactory(title="家庭用电安全", summary="不私拉乱接电线。", created_by=lingxi_staff)
    response = client.get(f"/r/{resource.slug}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "家庭用电安全" in page and "不私拉乱接电线。" in page
    for internal in ("灵溪镇", "t_lingxi", "/campaigns/", "/admin/", str(resource.pk) + "/edit"):
        assert internal not in page
    assert "script" not in page.lower()  # nothing the CSP would have to allow


def test_an_unpublished_or_unknown_item_is_404(client):
    draft = ResourceFactory(published=False)
    assert client.get(f"/r/{draft.slug}/").status_code == 404
    assert client.get("/r/no-such-item/").status_code == 404
    assert not ResourceScan.objects.exists()


def test_anonymous_requests_above_the_limit_are_429(client, settings):
    settings.CAMPAIGNS_PUBLIC_RATE_PER_MINUTE = 3
    resource = ResourceFactory()
    answers = [client.get(f"/r/{resource.slug}/").status_code for _ in range(5)]
    assert answers == [200, 200, 200, 429, 429]
    other_address = client.get(f"/r/{resource.slug}/", REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 200
    assert ResourceScan.objects.get().count == 4  # refused requests are not scans


def test_scans_are_counted_per_item_and_month(client):
    first, second = ResourceFactory(), ResourceFactory()
    for _ in range(3):
        client.get(f"/r/{first.slug}/")
    client.get(f"/r/{second.slug}/")
    services.count_scan(resource=first, on=date(2024, 1, 31))
    month = date.today().replace(day=1)
    assert ResourceScan.objects.get(resource=first, month=month).count == 3
    assert ResourceScan.objects.get(resource=second, month=month).count == 1
    assert ResourceScan.objects.get(resource=first, month=date(2024, 1, 1)).count == 1


def test_the_public_file_is_served_only_while_published(client, county_admin):
    resource = services.save_resource(actor=county_admin, region=county(), title="海报", kind="article",
                                      published=True, file=png_upload())  # fmt: skip
    response = client.get(f"/r/{resource.slug}/file/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    services.save_resource(actor=county_admin, resource=resource, published=False)
    assert client.get(f"/r/{resource.slug}/file/").status_code == 404


def test_a_library_file_is_checked_by_its_kind(county_admin):
    video = services.save_resource(actor=county_admin, region=county(), title="视频", kind="video", file=mp4_upload())
    assert video.file_type == "video/mp4"
    with pytest.raises(Exception) as refused:
        services.save_resource(actor=county_admin, region=county(), title="假视频", kind="video", file=png_upload())
    assert "MP4" in str(refused.value)


def test_the_a4_sheet_prints_published_items_in_scope(client, lingxi_staff):
    mine = ResourceFactory(title="灵溪资料")
    ResourceFactory(title="草稿资料", published=False)
    ResourceFactory(title="矾山资料", region=township("矾山镇"))
    county_item = ResourceFactory(title="县级资料", region=county())
    client.force_login(lingxi_staff)
    page = client.get(reverse("campaigns:resource-sheet")).content.decode()
    assert "灵溪资料" in page and "县级资料" in page
    assert "草稿资料" not in page and "矾山资料" not in page
    chosen = client.get(reverse("campaigns:resource-sheet") + f"?id={county_item.pk}").content.decode()
    assert "县级资料" in chosen and "灵溪资料" not in chosen
    assert reverse("campaigns:resource-qr-svg", kwargs={"pk": mine.pk}) in page


def test_township_staff_read_county_items_but_cannot_edit_them(lingxi_staff):
    item = ResourceFactory(region=county())
    client = api_as(lingxi_staff)
    assert client.get(f"/api/v1/resources/{item.pk}/").status_code == 200
    assert client.patch(f"/api/v1/resources/{item.pk}/", {"title": "改"}, format="json").status_code == 403
    assert Resource.objects.get(pk=item.pk).title != "改"


def test_the_api_registers_and_publishes_an_item(lingxi_staff):
    client = api_as(lingxi_staff)
    created = client.post("/api/v1/resources/", {"region": "灵溪镇", "title": "防台知识", "kind": "图文",
                                                 "summary": "台风来了不出门。"}, format="json")  # fmt: skip
    assert created.status_code == 201, created.content
    assert created.json()["public_url"] == ""
    published = client.patch(f"/api/v1/resources/{created.json()['id']}/", {"published": True}, format="json")
    assert published.json()["public_url"].endswith(f"/r/{published.json()['slug']}/")


def test_a_scan_of_a_month_already_counted_is_one_update(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    resource = ResourceFactory()
    services.count_scan(resource=resource, on=date(2024, 3, 1))  # creates the month's row
    with CaptureQueriesContext(connection) as captured:
        services.count_scan(resource=resource, on=date(2024, 3, 9))
    assert len(captured) == 1 and captured[0]["sql"].upper().startswith("UPDATE")
    assert ResourceScan.objects.get(resource=resource).count == 2
