"""Checks on this app's uploads before anything is stored.

Photos and documents go through the portal's upload checks (type from the bytes, size and
image-bomb limits). Videos and audio are larger and are recognised here, also by their bytes:
an MP4 (or M4A) file starts with an ``ftyp`` box, an MP3 with an ID3 tag or an MPEG frame header.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from org.uploads import CheckedUpload, check_upload, check_uploads, stored_only_if_saved

__all__ = [
    "CheckedUpload",
    "check_media",
    "check_photos",
    "check_upload",
    "check_video",
    "stored_only_if_saved",
]

# ISO base media brands that browsers play as video/mp4 (or audio/mp4 for M4A).
MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"dash", b"M4V ", b"MSNV"}
M4A_BRANDS = {b"M4A ", b"M4B "}


def check_photo(upload: UploadedFile) -> CheckedUpload:
    """A JPEG, PNG or WebP photo, by the portal's rules."""
    return check_upload(upload, images_only=True)


def check_photos(uploads) -> list[tuple[UploadedFile, CheckedUpload]]:
    """Every photo of a request, checked (count, total size, each type) before any is stored."""
    return check_uploads(uploads, images_only=True)


def _head(upload: UploadedFile, size: int = 12) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _check_size(upload: UploadedFile, limit: int) -> None:
    if upload.size > limit:
        raise ValidationError(
            _("文件“%(name)s”超过%(mb)sMB上限。") % {"name": upload.name or "", "mb": limit // 1024 // 1024}
        )


def check_video(upload: UploadedFile) -> CheckedUpload:
    """An MP4 video no larger than CAMPAIGNS_VIDEO_MAX_BYTES."""
    _check_size(upload, settings.CAMPAIGNS_VIDEO_MAX_BYTES)
    head = _head(upload)
    if head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return CheckedUpload("video/mp4", "mp4", False)
    raise ValidationError(_("文件“%(name)s”不是 MP4 视频。") % {"name": upload.name or ""})


def _check_audio(upload: UploadedFile) -> CheckedUpload:
    _check_size(upload, settings.CAMPAIGNS_VIDEO_MAX_BYTES)
    head = _head(upload)
    if head[4:8] == b"ftyp" and head[8:12] in M4A_BRANDS:
        return CheckedUpload("audio/mp4", "m4a", False)
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return CheckedUpload("audio/mpeg", "mp3", False)
    raise ValidationError(_("文件“%(name)s”不是 MP3 或 M4A 音频。") % {"name": upload.name or ""})


def check_media(upload: UploadedFile, *, kind: str) -> CheckedUpload:
    """A library item's file: a video for 视频, audio for 音频, otherwise a photo, PDF or DOCX."""
    if kind == "video":
        return check_video(upload)
    if kind == "audio":
        return _check_audio(upload)
    return check_upload(upload)
