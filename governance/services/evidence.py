"""Evidence (佐证) sent with a task's progress or an interview's follow-up: every file is checked
(org.uploads: type from its bytes, size, image dimensions) before any of them is stored."""

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from governance.models.evidence import Evidence
from org.models import User
from org.uploads import CheckedUpload, check_upload

MAX_FILES = 10


def check_files(files: Iterable[UploadedFile]) -> list[tuple[UploadedFile, CheckedUpload]]:
    files = list(files or ())
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("一次最多上传%(n)s个文件。") % {"n": MAX_FILES}})
    checked = []
    for upload in files:
        try:
            checked.append((upload, check_upload(upload)))
        except ValidationError as error:
            raise ValidationError({"files": error.messages}) from error
    return checked


def store_files(
    checked: list[tuple[UploadedFile, CheckedUpload]], *, actor: User, make: Callable[[], Evidence]
) -> list[Evidence]:
    stored = []
    for upload, kind in checked:
        evidence = make()
        evidence.original_name = (upload.name or "")[:255]
        evidence.content_type, evidence.size, evidence.uploaded_by = kind.content_type, upload.size, actor
        evidence.file.save(kind.storage_name(), upload, save=False)
        evidence.save()
        stored.append(evidence)
    return stored
