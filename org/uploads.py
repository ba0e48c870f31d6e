"""Checks on every uploaded file (rectification evidence, self-assessment photos, activity photos …)
before anything is stored: the one place every app calls.

Type is read from the file's own bytes, not its name. An image's dimensions are read from its
header and a too-large one is refused before any pixel is decoded (an "image bomb" is a small file
that claims an enormous canvas).
"""

import secrets
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # about 7,700 × 5,200: more than any phone photo
IMAGE_TYPES = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
ZIP_OFFICE = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    extension: str
    is_image: bool

    def storage_name(self) -> str:
        return f"{secrets.token_hex(12)}.{self.extension}"


def check_upload(upload: UploadedFile, *, images_only: bool = False) -> CheckedUpload:
    name = upload.name or ""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("文件“%(name)s”超过%(mb)sMB上限。") % {"name": name, "mb": MAX_UPLOAD_BYTES // 1024 // 1024}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-") and not images_only:
        return CheckedUpload("application/pdf", "pdf", False)
    if head.startswith(b"PK\x03\x04") and not images_only and name.lower().endswith(".docx"):
        return CheckedUpload(ZIP_OFFICE[".docx"], "docx", False)
    return _check_image(upload, name)


def _check_image(upload: UploadedFile, name: str) -> CheckedUpload:
    refused = ValidationError(
        _("文件“%(name)s”不是允许的类型(JPEG、PNG、WebP 照片,或 PDF、DOCX 文件)。") % {"name": name}
    )
    try:
        with Image.open(upload) as image:  # reads the header only
            width, height = image.size
            kind = image.format
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("图片“%(name)s”尺寸过大(%(w)s×%(h)s),已拒收。") % {"name": name, "w": width, "h": height}
                )
            if kind not in IMAGE_TYPES:
                raise refused
            image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(_("图片“%(name)s”尺寸过大,已拒收。") % {"name": name}) from error
    except Exception as error:  # Pillow raises many kinds for a file that is not an image
        raise refused from error
    finally:
        upload.seek(0)
    content_type, extension = IMAGE_TYPES[kind]
    return CheckedUpload(content_type, extension, True)


MAX_FILES_PER_REQUEST = 20
MAX_REQUEST_UPLOAD_BYTES = 60 * 1024 * 1024


def check_uploads(uploads, *, images_only: bool = False) -> list[tuple[UploadedFile, CheckedUpload]]:
    """Checks every file of a request before any is stored: how many, their total size, then each
    one. A refused file (the third of five, say) therefore leaves nothing on disk."""
    uploads = list(uploads)
    if len(uploads) > MAX_FILES_PER_REQUEST:
        raise ValidationError(_("一次最多上传%(n)s个文件。") % {"n": MAX_FILES_PER_REQUEST})
    if sum(upload.size or 0 for upload in uploads) > MAX_REQUEST_UPLOAD_BYTES:
        raise ValidationError(
            _("一次上传的文件合计超过%(mb)sMB上限。") % {"mb": MAX_REQUEST_UPLOAD_BYTES // 1024 // 1024}
        )
    return [(upload, check_upload(upload, images_only=images_only)) for upload in uploads]


@contextmanager
def stored_only_if_saved():
    """Files stored inside the block are removed again if the block raises (the rows that name
    them are rolled back): ``keep(field_file)`` registers each one after ``.save(...)``."""
    stored = []
    try:
        yield stored.append
    except BaseException:
        for field_file in stored:
            field_file.storage.delete(field_file.name)
        raise
