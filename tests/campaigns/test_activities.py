"""Filing activities: township staff their own, with photos checked by the portal's upload rules."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns import services
from campaigns.models import Activity, ActivityPhoto, FiveInto
from tests.campaigns.conftest import png_upload
from tests.campaigns.factories import ActivityFactory, MemberFactory, kind
from tests.conftest import api_as
from tests.factories import EnterpriseFactory, UserFactory, township

pytestmark = pytest.mark.django_db


def file_activity(actor, **fields):
    values = {"township": township("灵溪镇"), "held_on": date(2024, 5, 3), "title": "消防演练", "kind": kind(),
              "category": FiveInto.ENTERPRISE, "participants": 40, **fields}  # fmt: skip
    return services.save_activity(actor=actor, **values)


def test_township_staff_file_their_own_activity_with_photos(lingxi_staff):
    activity = file_activity(lingxi_staff, photos=[png_upload(), png_upload("b.png")])
    photos = ActivityPhoto.objects.filter(activity=activity)
    assert photos.count() == 2
    assert {p.content_type for p in photos} == {"image/png"}
    assert all(
        p.file.name.endswith(".png") and "photo" not in p.file.name for p in photos
    )  # stored under a random name
    assert activity.created_by == lingxi_staff


def test_township_staff_cannot_file_for_another_township(lingxi_staff):
    with pytest.raises(PermissionDenied):
        file_activity(lingxi_staff, township=township("矾山镇"))


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_saved(lingxi_staff):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError) as refused:
        file_activity(lingxi_staff, photos=[png_upload(), fake])
    assert "photos" in refused.value.message_dict
    assert not Activity.objects.exists() and not ActivityPhoto.objects.exists()


def test_an_activity_cannot_be_dated_in_the_future(lingxi_staff):
    with pytest.raises(ValidationError) as refused:
        file_activity(lingxi_staff, held_on=date.today() + timedelta(days=2))
    assert "held_on" in refused.value.message_dict


def test_the_enterprise_must_be_in_the_activity_s_township(lingxi_staff, county_admin):
    elsewhere = EnterpriseFactory(township=township("矾山镇"))
    with pytest.raises(ValidationError) as refused:
        file_activity(county_admin, enterprise=elsewhere)
    assert "enterprise" in refused.value.message_dict
    here = EnterpriseFactory(township=township("灵溪镇"))
    assert file_activity(lingxi_staff, enterprise=here).enterprise == here


def test_a_service_team_member_s_talk_is_an_activity(lingxi_staff):
    member = MemberFactory()
    talk = file_activity(lingxi_staff, kind=kind("安全宣讲"), speaker=member, category=FiveInto.FAMILY)
    assert list(member.talks.all()) == [talk]


def test_a_read_only_user_cannot_file(db):
    viewer = UserFactory(role="county_viewer", region=township("灵溪镇").parent)
    with pytest.raises(PermissionDenied):
        file_activity(viewer)


def test_the_same_activity_twice_is_refused_by_field(lingxi_staff):
    file_activity(lingxi_staff)
    with pytest.raises(ValidationError):
        file_activity(lingxi_staff)


# --- API --------------------------------------------------------------------------------------


def test_the_api_lists_files_and_patches_activities(lingxi_staff, fanshan_staff):
    ActivityFactory(township=township("矾山镇"), title="矾山的活动")
    client = api_as(lingxi_staff)
    body = {"township": "灵溪镇", "held_on": "2024-05-03", "title": "知识抢答赛", "kind": "知识抢答",
            "category": "进学校", "participants": 120, "photos": [png_upload()]}  # fmt: skip
    created = client.post("/api/v1/activities/", body, format="multipart")
    assert created.status_code == 201, created.content
    assert created.json()["category"] == FiveInto.SCHOOL and len(created.json()["photos"]) == 1
    pk = created.json()["id"]
    patched = client.patch(f"/api/v1/activities/{pk}/", {"participants": 150}, format="json")
    assert patched.status_code == 200 and patched.json()["participants"] == 150
    assert Activity.objects.get(pk=pk).title == "知识抢答赛"  # PATCH keeps what it does not name
    titles = [row["title"] for row in client.get("/api/v1/activities/").json()["results"]]
    assert titles == ["知识抢答赛"]


def test_the_api_refuses_in_chinese(lingxi_staff):
    client = api_as(lingxi_staff)
    body = {"township": "矾山镇", "held_on": "2024-05-03", "title": "x", "kind": "知识抢答", "category": "进学校"}
    response = client.post("/api/v1/activities/", body, format="json")
    assert response.status_code == 400
    assert "辖区" in str(response.json())
    future = {**body, "township": "灵溪镇", "held_on": (date.today() + timedelta(days=3)).isoformat()}
    response = client.post("/api/v1/activities/", future, format="json")
    assert response.status_code == 400 and "活动日期不能晚于今天" in str(response.json())


# --- Pages ------------------------------------------------------------------------------------


def test_the_page_files_an_activity_with_a_photo(client, lingxi_staff):
    client.force_login(lingxi_staff)
    assert client.get("/campaigns/activities/new/").status_code == 200
    form = {"township": township("灵溪镇").pk, "held_on": "2024-05-03", "title": "进社区宣讲", "kind": kind("安全宣讲").pk,
            "category": FiveInto.COMMUNITY, "participants": 60, "photos": png_upload()}  # fmt: skip
    response = client.post("/campaigns/activities/new/", form)
    activity = Activity.objects.get(title="进社区宣讲")
    assert response.status_code == 302 and response.url == activity.get_absolute_url()
    detail = client.get(activity.get_absolute_url()).content.decode()
    photo = activity.photos.get()
    assert photo.get_absolute_url() in detail
    assert client.get(photo.get_absolute_url())["Content-Type"] == "image/png"


def test_the_list_filters_and_exports(client, lingxi_staff):
    ActivityFactory(title="进学校活动", category=FiveInto.SCHOOL)
    ActivityFactory(title="进企业活动", category=FiveInto.ENTERPRISE)
    client.force_login(lingxi_staff)
    page = client.get("/campaigns/activities/?category=school").content.decode()
    assert "进学校活动" in page and "进企业活动" not in page
    export = client.get("/campaigns/activities/?category=school&export=xlsx")
    assert export.status_code == 200
    from io import BytesIO

    import openpyxl

    sheet = openpyxl.load_workbook(BytesIO(b"".join(export.streaming_content))).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "进学校活动" in values and "进企业活动" not in values
