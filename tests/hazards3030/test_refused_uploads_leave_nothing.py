"""Issue 11, item 9: a refused upload leaves nothing behind: no rows and no files on disk."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hazards3030.models import Hazard, HazardAttachment
from org.uploads import MAX_FILES_PER_REQUEST
from tests.conftest import api_as
from tests.factories import HazardFactory
from tests.hazards3030.conftest import jpeg

pytestmark = pytest.mark.django_db


def files_on_disk() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_a_third_file_refused_leaves_the_first_two_off_the_disk(lingxi_staff):
    hazard = HazardFactory(status=Hazard.Status.ASSIGNED)
    files = [jpeg("1.jpg"), jpeg("2.jpg"), SimpleUploadedFile("3.jpg", b"<html>", content_type="image/jpeg")]
    response = api_as(lingxi_staff).post(
        reverse("hazard-rectify", args=[hazard.pk]), {"note": "开始", "files": files}, format="multipart"
    )
    assert response.status_code == 400
    assert not HazardAttachment.objects.exists() and files_on_disk() == []
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.ASSIGNED


def test_too_many_files_in_one_request_are_refused_before_any_is_stored(lingxi_staff):
    hazard = HazardFactory(status=Hazard.Status.ASSIGNED)
    files = [jpeg(f"{n}.jpg") for n in range(MAX_FILES_PER_REQUEST + 1)]
    response = api_as(lingxi_staff).post(
        reverse("hazard-rectify", args=[hazard.pk]), {"note": "开始", "files": files}, format="multipart"
    )
    assert response.status_code == 400
    assert files_on_disk() == [] and not HazardAttachment.objects.exists()


def test_a_failure_after_the_files_are_stored_removes_them(lingxi_staff, monkeypatch):
    hazard = HazardFactory(status=Hazard.Status.ASSIGNED)

    def refused(self, *args, **kwargs):
        raise ValueError("disk full")

    monkeypatch.setattr(HazardAttachment, "save", refused)
    with pytest.raises(ValueError):
        api_as(lingxi_staff).post(
            reverse("hazard-rectify", args=[hazard.pk]), {"note": "开始", "files": [jpeg()]}, format="multipart"
        )
    assert files_on_disk() == []
