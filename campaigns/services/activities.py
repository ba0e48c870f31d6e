"""宣传活动: filing an activity with its photos, within the filer's township."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Activity, ActivityKind, ActivityPhoto, ServiceTeamMember
from campaigns.services.access import can_file
from campaigns.services.files import store
from campaigns.uploads import check_photos, stored_only_if_saved
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.models import Enterprise, Region, User

DEFAULT_KINDS = ["应急演练", "知识抢答", "技能竞赛", "安全宣讲", "体验活动"]
MAX_PHOTOS = 9


def ensure_default_kinds() -> None:
    """The plan's five activity forms (also loaded by migration 0002); idempotent."""
    for order, name in enumerate(DEFAULT_KINDS, start=1):
        ActivityKind.objects.get_or_create(name=name, defaults={"sort_order": order})


@transaction.atomic
def save_activity(
    *,
    actor: User,
    activity: Activity | None = None,
    township: Region = UNSET,
    held_on: date = UNSET,
    title: str = UNSET,
    kind: ActivityKind = UNSET,
    category: str = UNSET,
    participants: int = UNSET,
    organiser: str = UNSET,
    place: str = UNSET,
    enterprise: Enterprise | None = UNSET,
    speaker: ServiceTeamMember | None = UNSET,
    note: str = UNSET,
    photos: Iterable[UploadedFile] = (),
) -> Activity:
    """登记或修改宣传活动; photos given are added to those already kept."""
    require(can_file(actor), _("您的角色不能登记宣传活动。"))
    if activity is not None:
        require_within(actor, activity.township)  # another township's row is not to edit, nor to move here
    activity = activity or Activity(created_by=actor)
    changed = assign(
        activity,
        township=township,
        held_on=held_on,
        title=title,
        kind=kind,
        category=category,
        participants=participants,
        organiser=organiser,
        place=place,
        enterprise=enterprise,
        speaker=speaker,
        note=note,
    )
    require_within(actor, activity.township if activity.township_id else None)
    _check_activity(activity)
    activity.full_clean()
    checked = _check_photos(activity, list(photos))
    save(activity, changed)
    with stored_only_if_saved() as keep:
        for upload, result in checked:
            keep(_add_photo(activity, upload, result, actor).file)
    return activity


def _check_activity(activity: Activity) -> None:
    if activity.held_on and activity.held_on > timezone.localdate():
        raise ValidationError({"held_on": _("活动日期不能晚于今天。")})
    if activity.enterprise_id and activity.township_id and activity.enterprise.township_id != activity.township_id:
        raise ValidationError({"enterprise": _("所选企业不在该乡镇。")})


def _check_photos(activity: Activity, photos: list[UploadedFile]) -> list:
    kept = 0 if activity._state.adding else activity.photos.count()
    if kept + len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": _("每场活动最多%(n)s张照片。") % {"n": MAX_PHOTOS}})
    try:
        return check_photos(photos)
    except ValidationError as error:
        raise ValidationError({"photos": error.messages}) from error


def _add_photo(activity: Activity, upload: UploadedFile, checked, actor: User) -> ActivityPhoto:
    photo = ActivityPhoto(
        activity=activity,
        original_name=(upload.name or "")[:255],
        content_type=checked.content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    store(photo.file, upload, checked)
    photo.save()
    return photo
