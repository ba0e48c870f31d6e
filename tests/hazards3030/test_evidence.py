import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hazards3030.models import Hazard, HazardAttachment
from org.uploads import MAX_UPLOAD_BYTES, check_upload
from tests.conftest import api_as
from tests.factories import HazardFactory
from tests.hazards3030.conftest import jpeg, png_bomb

pytestmark = pytest.mark.django_db


def test_a_photo_is_accepted_by_its_bytes():
    checked = check_upload(jpeg("名字随意.png"))
    assert (checked.content_type, checked.extension, checked.is_image) == ("image/jpeg", "jpg", True)


def test_an_image_bomb_is_refused_without_decoding_it():
    with pytest.raises(ValidationError) as error:
        check_upload(png_bomb())
    assert "尺寸过大" in error.value.messages[0]


def test_a_file_that_only_claims_to_be_a_photo_is_refused():
    fake = SimpleUploadedFile("photo.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    with pytest.raises(ValidationError, match="不是允许的类型"):
        check_upload(fake)


def test_an_oversized_file_is_refused():
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_UPLOAD_BYTES, content_type="application/pdf")
    with pytest.raises(ValidationError, match="上限"):
        check_upload(big)


def test_an_image_bomb_upload_leaves_the_hazard_untouched(lingxi_staff):
    hazard = HazardFactory(status=Hazard.Status.ASSIGNED)
    response = api_as(lingxi_staff).post(
        reverse("hazard-rectify", args=[hazard.pk]), {"files": [png_bomb()]}, format="multipart"
    )
    assert response.status_code == 400
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.ASSIGNED
    assert not hazard.transitions.exists() and not HazardAttachment.objects.exists()


def test_evidence_is_stored_under_media_and_served_only_in_scope(client, lingxi_staff, fanshan_staff):
    hazard = HazardFactory(status=Hazard.Status.ASSIGNED)
    api_as(lingxi_staff).post(reverse("hazard-rectify", args=[hazard.pk]), {"files": [jpeg()]}, format="multipart")
    attachment = HazardAttachment.objects.get()
    assert attachment.file.name.startswith(f"hazards/{hazard.pk}/") and attachment.file.name.endswith(".jpg")
    url = reverse("hazards3030:attachment", args=[attachment.pk])
    client.force_login(lingxi_staff)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    client.force_login(fanshan_staff)
    assert client.get(url).status_code == 404
