"""警示教育视频: a file (checked by its bytes) or a link; counted once published."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Video
from campaigns.services.access import can_file, is_county_or_township
from campaigns.services.files import store
from campaigns.uploads import check_video, stored_only_if_saved
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.models import Region, User


@transaction.atomic
def save_video(
    *,
    actor: User,
    video: Video | None = None,
    region: Region = UNSET,
    title: str = UNSET,
    producer: str = UNSET,
    made_on: date = UNSET,
    duration_minutes: int | None = UNSET,
    link: str = UNSET,
    published: bool = UNSET,
    published_on: date | None = UNSET,
    file: UploadedFile | None = None,
) -> Video:
    """登记或修改警示教育视频; publishing without a date publishes it today."""
    require(can_file(actor), _("您的角色不能登记视频。"))
    if video is not None:
        require_within(actor, video.region)
    video = video or Video(created_by=actor)
    changed = assign(
        video,
        region=region,
        title=title,
        producer=producer,
        made_on=made_on,
        duration_minutes=duration_minutes,
        link=link,
        published=published,
        published_on=published_on,
    )
    require_within(actor, video.region if video.region_id else None)
    if not is_county_or_township(video.region if video.region_id else None):
        raise ValidationError({"region": _("视频属于县级或某个乡镇。")})
    if video.published and not video.published_on:
        video.published_on = timezone.localdate()
        changed.append("published_on")
    checked = check_video(file) if file else None
    with stored_only_if_saved() as keep:
        if checked:
            store(video.file, file, checked)
            keep(video.file)
            video.file_type = checked.content_type
            changed += ["file", "file_type"]
        video.full_clean()
        save(video, changed)
    return video
