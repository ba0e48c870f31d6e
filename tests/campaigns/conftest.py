from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from campaigns.services import ensure_default_kinds

SAMPLE_LEDGER = "/work/shared/data/activity-ledger-sample.xlsx"


@pytest.fixture(autouse=True)
def activity_kinds(db):
    """The plan's five forms (migration 0002 loads them; a flushed table needs them again)."""
    ensure_default_kinds()


def png_upload(name: str = "photo.png", size: tuple[int, int] = (8, 8)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, "green").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def mp4_upload(name: str = "film.mp4", brand: bytes = b"isom") -> SimpleUploadedFile:
    box = (24).to_bytes(4, "big") + b"ftyp" + brand + b"\x00\x00\x02\x00" + b"isommp41"
    return SimpleUploadedFile(name, box + b"\x00" * 64, content_type="video/mp4")
