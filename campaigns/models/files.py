"""Where this app's uploaded files go: a folder per kind of record (names are random already)."""


def activity_photo_path(instance, filename: str) -> str:
    return f"campaigns/activities/{filename}"


def coverage_photo_path(instance, filename: str) -> str:
    return f"campaigns/places/{filename}"


def video_file_path(instance, filename: str) -> str:
    return f"campaigns/videos/{filename}"


def resource_file_path(instance, filename: str) -> str:
    return f"campaigns/resources/{filename}"
