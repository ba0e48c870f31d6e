"""二维码资料库: items, their files, and the scans of their public pages."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from campaigns.models import Resource, ResourceScan
from campaigns.services.access import can_file, is_county_or_township
from campaigns.services.files import store
from campaigns.uploads import check_media, stored_only_if_saved
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.models import Region, User


@transaction.atomic
def save_resource(
    *,
    actor: User,
    resource: Resource | None = None,
    region: Region = UNSET,
    title: str = UNSET,
    kind: str = UNSET,
    summary: str = UNSET,
    link: str = UNSET,
    published: bool = UNSET,
    file: UploadedFile | None = None,
) -> Resource:
    """登记或修改宣教资料; its public page exists only while it is published."""
    require(can_file(actor), _("您的角色不能登记宣教资料。"))
    if resource is not None:
        require_within(actor, resource.region)
    resource = resource or Resource(created_by=actor)
    changed = assign(resource, region=region, title=title, kind=kind, summary=summary, link=link, published=published)
    require_within(actor, resource.region if resource.region_id else None)
    if not is_county_or_township(resource.region if resource.region_id else None):
        raise ValidationError({"region": _("资料属于县级或某个乡镇。")})
    with stored_only_if_saved() as keep:
        if file:
            try:
                checked = check_media(file, kind=resource.kind)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error
            store(resource.file, file, checked)
            keep(resource.file)
            resource.file_type = checked.content_type
            changed += ["file", "file_type"]
        resource.full_clean()
        save(resource, changed)
    return resource


def count_scan(*, resource: Resource, on: date) -> None:
    """One more opening of the item's public page this month.

    The increment is one UPDATE in the database (never read, add, write), so scans at the same
    moment are all counted; the month's row is created once, before its first increment."""
    month = on.replace(day=1)
    rows = ResourceScan.objects.filter(resource_id=resource.pk, month=month)
    if rows.update(count=F("count") + 1):
        return
    ResourceScan.objects.bulk_create(
        [ResourceScan(resource_id=resource.pk, month=month, count=0)], ignore_conflicts=True
    )
    rows.update(count=F("count") + 1)
