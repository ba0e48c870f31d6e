"""Warning videos (a checked MP4 or a link), public places and their publicity, the team and the sites."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns import services
from campaigns.models import PlaceCoverage, PublicPlace, Video
from tests.campaigns.conftest import mp4_upload, png_upload
from tests.campaigns.factories import PlaceFactory, VideoFactory
from tests.conftest import api_as
from tests.factories import county, township

pytestmark = pytest.mark.django_db


def new_video(actor, **fields):
    values = {
        "region": township("灵溪镇"),
        "title": "警示片",
        "producer": "灵溪镇",
        "made_on": date(2024, 3, 1),
        **fields,
    }
    return services.save_video(actor=actor, **values)


def test_an_mp4_is_recognised_by_its_ftyp_box(lingxi_staff):
    video = new_video(lingxi_staff, file=mp4_upload("clip.bin"))
    assert video.file_type == "video/mp4" and video.file.name.endswith(".mp4")


def test_a_file_named_mp4_that_is_not_one_is_refused(lingxi_staff):
    fake = SimpleUploadedFile("film.mp4", b"\x00\x00\x00\x18notmp4" + b"\x00" * 40)
    with pytest.raises(ValidationError) as refused:
        new_video(lingxi_staff, file=fake)
    assert "MP4" in " ".join(refused.value.messages)
    assert not Video.objects.exists()


def test_a_video_over_the_size_limit_is_refused(lingxi_staff, settings):
    settings.CAMPAIGNS_VIDEO_MAX_BYTES = 50
    with pytest.raises(ValidationError) as refused:
        new_video(lingxi_staff, file=mp4_upload())
    assert "上限" in " ".join(refused.value.messages)


def test_a_video_needs_a_file_or_a_link(lingxi_staff):
    with pytest.raises(ValidationError) as refused:
        new_video(lingxi_staff)
    assert "link" in refused.value.message_dict
    assert new_video(lingxi_staff, link="https://www.example.com/v1").link


def test_publishing_without_a_date_publishes_today(lingxi_staff):
    video = new_video(lingxi_staff, link="https://www.example.com/v1", published=True)
    assert video.published_on == date.today()


def test_a_township_cannot_register_a_county_video(lingxi_staff):
    with pytest.raises(PermissionDenied):
        new_video(lingxi_staff, region=county(), link="https://www.example.com/v1")


def test_the_video_api_lists_files_and_patches(lingxi_staff):
    VideoFactory(region=township("矾山镇"), title="矾山视频")
    county_video = VideoFactory(region=county(), title="县级视频")
    client = api_as(lingxi_staff)
    created = client.post("/api/v1/videos/", {"region": "灵溪镇", "title": "灵溪警示片", "producer": "灵溪镇",
                                              "made_on": "2024-03-01", "file": mp4_upload()}, format="multipart")  # fmt: skip
    assert created.status_code == 201, created.content
    assert created.json()["file_url"]
    patched = client.patch(f"/api/v1/videos/{created.json()['id']}/", {"published": True}, format="json")
    assert patched.status_code == 200 and patched.json()["published_on"] == date.today().isoformat()
    titles = {row["title"] for row in client.get("/api/v1/videos/").json()["results"]}
    assert titles == {"灵溪警示片", county_video.title}


def test_the_video_file_is_served_to_those_who_see_the_video(client, lingxi_staff, fanshan_staff):
    video = new_video(lingxi_staff, file=mp4_upload())
    client.force_login(lingxi_staff)
    assert client.get(f"/campaigns/videos/{video.pk}/file/")["Content-Type"] == "video/mp4"
    client.force_login(fanshan_staff)
    assert client.get(f"/campaigns/videos/{video.pk}/file/").status_code == 404


# --- Public places ---------------------------------------------------------------------------


def test_coverage_is_recorded_with_a_checked_photo(lingxi_staff):
    place = services.save_place(actor=lingxi_staff, township=township("灵溪镇"), name="灵溪汽车站", kind="station")
    coverage = services.record_coverage(actor=lingxi_staff, place=place, covered_on=date(2024, 4, 2),
                                        content="宣传展板", photo=png_upload())  # fmt: skip
    assert coverage.photo_type == "image/png"
    with pytest.raises(ValidationError):
        services.record_coverage(actor=lingxi_staff, place=place, covered_on=date(2024, 4, 3), content="x",
                                 photo=SimpleUploadedFile("a.png", b"not a png"))  # fmt: skip
    assert PlaceCoverage.objects.count() == 1


def test_two_places_of_one_name_in_a_township_are_refused(lingxi_staff):
    services.save_place(actor=lingxi_staff, township=township("灵溪镇"), name="文化广场")
    with pytest.raises(ValidationError):
        services.save_place(actor=lingxi_staff, township=township("灵溪镇"), name="文化广场")


def test_the_place_api_files_places_and_their_coverage(lingxi_staff):
    client = api_as(lingxi_staff)
    created = client.post("/api/v1/places/", {"township": "灵溪镇", "name": "人民医院", "kind": "医院",
                                              "lat": "27.50", "lng": "120.40"}, format="json")  # fmt: skip
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    covered = client.post(
        f"/api/v1/places/{pk}/cover/", {"covered_on": "2024-05-01", "content": "电子屏"}, format="json"
    )
    assert covered.status_code == 201 and covered.json()["coverages"][0]["content"] == "电子屏"
    patched = client.patch(f"/api/v1/places/{pk}/", {"name": "县人民医院"}, format="json")
    assert patched.json()["name"] == "县人民医院" and PublicPlace.objects.get(pk=pk).kind == "hospital"


def test_another_township_s_place_cannot_be_covered(lingxi_staff):
    place = PlaceFactory(township=township("矾山镇"))
    response = api_as(lingxi_staff).post(f"/api/v1/places/{place.pk}/cover/", {"covered_on": "2024-05-01",
                                                                               "content": "x"}, format="json")  # fmt: skip
    assert response.status_code == 404


def test_the_place_page_records_coverage(client, lingxi_staff):
    place = PlaceFactory()
    client.force_login(lingxi_staff)
    response = client.post(f"/campaigns/places/{place.pk}/cover/", {"covered_on": "2024-05-01", "content": "海报",
                                                                     "photo": png_upload()})  # fmt: skip
    assert response.status_code == 302
    page = client.get(place.get_absolute_url()).content.decode()
    assert "海报" in page and PlaceCoverage.objects.get().get_absolute_url() in page


# --- Team and sites --------------------------------------------------------------------------


def test_team_members_and_sites_are_kept_by_the_township(lingxi_staff):
    client = api_as(lingxi_staff)
    member = client.post(
        "/api/v1/service-team/", {"name": "王队员", "township": "灵溪镇", "skills": "用电安全"}, format="json"
    )
    assert member.status_code == 201
    site = client.post("/api/v1/sites/", {"kind": "应急广播", "name": "灵溪广播点", "township": "灵溪镇",
                                          "lat": "27.5", "lng": "120.4"}, format="json")  # fmt: skip
    assert site.status_code == 201 and site.json()["kind"] == "broadcast"
    other = client.post("/api/v1/sites/", {"kind": "broadcast", "name": "x", "township": "矾山镇"}, format="json")
    assert other.status_code == 400
