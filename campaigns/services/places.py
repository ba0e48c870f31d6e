"""公共场所 and the publicity put up in them."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import PlaceCoverage, PublicPlace
from campaigns.services.access import can_file
from campaigns.services.files import store
from campaigns.uploads import check_photo, stored_only_if_saved
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.models import Region, User


@transaction.atomic
def save_place(
    *,
    actor: User,
    place: PublicPlace | None = None,
    township: Region = UNSET,
    name: str = UNSET,
    kind: str = UNSET,
    lat: Decimal | None = UNSET,
    lng: Decimal | None = UNSET,
) -> PublicPlace:
    """登记或修改公共场所."""
    require(can_file(actor), _("您的角色不能登记公共场所。"))
    if place is not None:
        require_within(actor, place.township)
    place = place or PublicPlace()
    changed = assign(place, township=township, name=name, kind=kind, lat=lat, lng=lng)
    require_within(actor, place.township if place.township_id else None)
    place.full_clean()
    save(place, changed)
    return place


@transaction.atomic
def record_coverage(
    *,
    actor: User,
    place: PublicPlace,
    covered_on: date,
    content: str,
    photo: UploadedFile | None = None,
) -> PlaceCoverage:
    """宣传覆盖: what was put up in the place on that day, with a photo as evidence."""
    require(can_file(actor), _("您的角色不能登记宣传覆盖。"))
    require_within(actor, place.township)
    if covered_on > timezone.localdate():
        raise ValidationError({"covered_on": _("覆盖日期不能晚于今天。")})
    coverage = PlaceCoverage(place=place, covered_on=covered_on, content=content, created_by=actor)
    with stored_only_if_saved() as keep:
        if photo:
            try:
                checked = check_photo(photo)
            except ValidationError as error:
                raise ValidationError({"photo": error.messages}) from error
            store(coverage.photo, photo, checked)
            keep(coverage.photo)
            coverage.photo_type = checked.content_type
        coverage.full_clean()
        coverage.save()
    return coverage
