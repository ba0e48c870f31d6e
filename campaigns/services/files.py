"""Storing a checked upload on a record's file field."""

from django.core.files.uploadedfile import UploadedFile

from campaigns.uploads import CheckedUpload


def store(field, upload: UploadedFile, checked: CheckedUpload) -> None:
    """Saves the bytes under a random name with the extension read from them (never the client's)."""
    field.save(checked.storage_name(), upload, save=False)
