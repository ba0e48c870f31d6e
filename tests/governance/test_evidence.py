"""Evidence (佐证) for task progress and interview follow-ups: checked on upload, stored with the
row, served only to those who may see it; a refused file saves nothing."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from governance.models import FollowUpEvidence, InterviewFollowUp, TaskEvidence, TaskProgress
from tests.conftest import api_as
from tests.governance.factories import InterviewFactory, SupervisionTaskFactory

pytestmark = pytest.mark.django_db


def photo(name: str = "现场.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_township_staff_send_progress_with_a_photo_their_township_sees_and_another_does_not(
    client, lingxi_staff, fanshan_staff
):
    task = SupervisionTaskFactory(deadline=date(2099, 1, 1))
    client.force_login(lingxi_staff)
    response = client.post(
        reverse("governance:task-progress", kwargs={"pk": task.pk}),
        {"on": "2024-05-10", "text": "已清理消防通道", "files": [photo()]},
    )
    assert response.status_code == 302
    evidence = TaskEvidence.objects.get()
    assert evidence.progress.task == task and evidence.content_type == "image/png"
    assert evidence.original_name == "现场.png" and evidence.uploaded_by == lingxi_staff
    page = client.get(task.get_absolute_url()).content.decode()
    assert evidence.get_absolute_url() in page
    served = client.get(evidence.get_absolute_url())
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    client.force_login(fanshan_staff)
    assert client.get(evidence.get_absolute_url()).status_code == 404


def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_saved(client, lingxi_staff):
    task = SupervisionTaskFactory(deadline=date(2099, 1, 1))
    client.force_login(lingxi_staff)
    fake = SimpleUploadedFile("照片.jpg", b"MZ\x90\x00 not a photo", content_type="image/jpeg")
    response = client.post(
        reverse("governance:task-progress", kwargs={"pk": task.pk}),
        {"on": "2024-05-10", "text": "进展", "files": [photo(), fake]},
        follow=True,
    )
    assert "不是允许的类型" in response.content.decode()
    assert not TaskProgress.objects.exists() and not TaskEvidence.objects.exists()


def test_a_follow_up_through_the_api_carries_its_pdf(county_admin, lingxi_staff, fanshan_staff):
    interview = InterviewFactory()
    pdf = SimpleUploadedFile("整改报告.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    response = api_as(lingxi_staff).post(
        reverse("interview-follow-up", kwargs={"pk": interview.pk}),
        {"on": "2024-05-20", "text": "已提交整改报告", "files": [pdf]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    (sent,) = response.json()["files"]
    evidence = FollowUpEvidence.objects.get()
    assert sent["url"] == evidence.get_absolute_url() and sent["content_type"] == "application/pdf"
    assert evidence.follow_up == InterviewFollowUp.objects.get(interview=interview)
    detail = api_as(county_admin).get(reverse("interview-detail", kwargs={"pk": interview.pk})).json()
    assert detail["follow_ups"][0]["files"][0]["original_name"] == "整改报告.pdf"
    api = api_as(fanshan_staff)
    assert api.get(reverse("interview-detail", kwargs={"pk": interview.pk})).status_code == 404


def test_a_follow_up_page_refuses_an_oversized_photo_by_its_dimensions(client, county_admin):
    interview = InterviewFactory()
    client.force_login(county_admin)
    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, format="PNG")  # a small file claiming 81 megapixels
    bomb = SimpleUploadedFile("大图.png", buffer.getvalue(), content_type="image/png")
    response = client.post(
        reverse("governance:interview-follow-up", kwargs={"pk": interview.pk}),
        {"on": "2024-05-20", "text": "整改中", "files": [bomb]},
        follow=True,
    )
    assert "尺寸过大" in response.content.decode()
    assert not InterviewFollowUp.objects.exists()
