"""卫星监测热点: receiving the feed (idempotent by the feed's code), verifying on the spot, and
the every-minute job that flags the hotspots not verified within the hour."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from forestfire import sla
from forestfire.models import Hotspot, HotspotNotice, HotspotPhoto
from forestfire.models.hotspots import CLOCK_OPEN
from forestfire.places import PlaceFinder
from forestfire.services.access import can_receive_hotspots, can_verify_hotspots
from org import inbox
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.models import Region, User
from org.uploads import check_upload

# A phone's clock may run a little ahead of the server's.
CLOCK_SKEW = timedelta(minutes=5)
MAX_PHOTOS = 6


@transaction.atomic
def receive_hotspot(
    *,
    actor: User,
    code: str,
    hotspot: Hotspot | None = None,
    satellite: str = UNSET,
    received_at: datetime = UNSET,
    lng: Decimal = UNSET,
    lat: Decimal = UNSET,
    pixels: int | None = UNSET,
    land_type: str = UNSET,
    township: Region | None = UNSET,
    village: Region | None = UNSET,
    verified_at: datetime | None = UNSET,
    result: str = UNSET,
    verifier: str = UNSET,
    feedback: str = UNSET,
    places: PlaceFinder | None = None,
) -> tuple[Hotspot, bool]:
    """登记卫星监测热点: the same code again updates the one hotspot (a feed resends, a sheet is
    imported twice), never a second row. A hotspot without a township goes to the nearest
    township seat or village. Returns the hotspot and whether it was new."""
    require(can_receive_hotspots(actor), _("您的角色不能登记卫星监测热点。"))
    code = (code or "").strip()
    if hotspot is None:
        hotspot = Hotspot.objects.select_for_update(of=("self",)).filter(code=code).first() if code else None
    elif not hotspot._state.adding:
        hotspot = Hotspot.objects.select_for_update(of=("self",)).get(pk=hotspot.pk)
    created = hotspot is None
    hotspot = hotspot or Hotspot(code=code)
    if not created and hotspot.township_id:
        require_within(actor, hotspot.township, _("该热点不在您的辖区内。"))
    changed = assign(
        hotspot,
        code=code,
        satellite=satellite,
        received_at=received_at,
        lng=lng,
        lat=lat,
        pixels=pixels,
        land_type=land_type,
        township=township,
        village=village,
        verified_at=verified_at,
        result=result,
        verifier=verifier,
        feedback=feedback,
    )
    changed += _place(hotspot, places or PlaceFinder())
    require_within(actor, hotspot.township if hotspot.township_id else None)
    _check_verification_time(hotspot)
    hotspot.full_clean()
    changed += _restamp_breach(hotspot, changed)
    save(hotspot, changed)
    return hotspot, created


def _place(hotspot: Hotspot, places: PlaceFinder) -> list[str]:
    """A hotspot without a township is put in the nearest township seat's or village's."""
    if hotspot.township_id or hotspot.lat is None or hotspot.lng is None:
        return []
    township, village = places.find(hotspot.lat, hotspot.lng)
    if township is None:
        raise ValidationError({"township": _("请填写所属乡镇(系统中还没有乡镇驻地或村的坐标,无法按位置判断)。")})
    hotspot.township, hotspot.village = township, village
    return ["township", "village"]


def _check_verification_time(hotspot: Hotspot) -> None:
    if hotspot.verified_at is not None and hotspot.verified_at > timezone.now() + CLOCK_SKEW:
        raise ValidationError({"verified_at": _("核查时间不能晚于当前时间。")})


def _restamp_breach(hotspot: Hotspot, changed: list[str]) -> list[str]:
    if not (hotspot._state.adding or {"received_at", "verified_at"} & set(changed)):
        return []
    hotspot.breached_at = sla.hotspot_breach(hotspot, limit=sla.hotspot_minutes(), now=timezone.now())
    return ["breached_at"]


@transaction.atomic
def record_arrival(
    *, hotspot: Hotspot, actor: User, at: datetime | None = None, lat: Decimal | None = None, lng: Decimal | None = None
) -> Hotspot:
    """到达: the verifier is on the spot (the first tap of the phone page). A second tap keeps the first time."""
    require(can_verify_hotspots(actor), _("您的角色不能核查热点。"))
    hotspot = Hotspot.objects.select_for_update(of=("self",)).get(pk=hotspot.pk)
    require_within(actor, hotspot.township, _("该热点不在您的辖区内。"))
    if hotspot.arrived_at is not None:
        return hotspot
    hotspot.arrived_at = at or timezone.now()
    changed = ["arrived_at"]
    if lat is not None and lng is not None:
        hotspot.verified_lat, hotspot.verified_lng = lat, lng
        changed += ["verified_lat", "verified_lng"]
    hotspot.full_clean()
    save(hotspot, changed)
    return hotspot


@transaction.atomic
def verify_hotspot(
    *,
    hotspot: Hotspot,
    actor: User,
    result: str,
    feedback: str = "",
    verified_at: datetime | None = None,
    verifier: str = "",
    lat: Decimal | None = None,
    lng: Decimal | None = None,
    photos: list[UploadedFile] | tuple = (),
) -> Hotspot:
    """核查反馈: the result found on the spot, with photos and the phone's position. A correction
    later moves the stored breach with the time (a verification in time clears it)."""
    require(can_verify_hotspots(actor), _("您的角色不能核查热点。"))
    hotspot = Hotspot.objects.select_for_update(of=("self",)).get(pk=hotspot.pk)
    require_within(actor, hotspot.township, _("该热点不在您的辖区内。"))
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": _("最多上传%(n)s张照片。") % {"n": MAX_PHOTOS}})
    checked = [(upload, check_upload(upload, images_only=True)) for upload in photos]
    now = timezone.now()
    hotspot.result = result
    hotspot.feedback = feedback
    hotspot.verified_at = verified_at or now
    hotspot.verifier = (verifier or actor.get_full_name() or actor.username)[:32]
    hotspot.verified_by = actor
    if hotspot.arrived_at is None:
        hotspot.arrived_at = min(hotspot.verified_at, now)
    changed = ["result", "feedback", "verified_at", "verifier", "verified_by", "arrived_at"]
    if lat is not None and lng is not None:
        hotspot.verified_lat, hotspot.verified_lng = lat, lng
        changed += ["verified_lat", "verified_lng"]
    _check_verification_time(hotspot)
    hotspot.full_clean()
    changed += _restamp_breach(hotspot, changed)
    save(hotspot, changed)
    for upload, check in checked:
        photo = HotspotPhoto(
            hotspot=hotspot,
            original_name=(upload.name or "")[:255],
            content_type=check.content_type,
            size=upload.size,
            uploaded_by=actor,
        )
        photo.file.save(check.storage_name(), upload, save=False)
        photo.save()
    return hotspot


@transaction.atomic
def flag_overdue_hotspots(*, now: datetime) -> int:
    """Flags the hotspots not verified within the limit and sends one notice to the township and
    one to the county for each. Running it again flags and sends nothing new.

    Returns how many hotspots were newly flagged.
    """
    limit_minutes = sla.hotspot_minutes()
    limit = timedelta(minutes=limit_minutes)
    due = list(
        Hotspot.objects.filter(CLOCK_OPEN, received_at__lt=now - limit)
        .select_for_update(of=("self",))
        .select_related("township__parent")
    )
    if not due:
        return 0
    notices = []
    for hotspot in due:
        notices += _overdue_notices(hotspot, limit_minutes)
    HotspotNotice.objects.bulk_create(notices, ignore_conflicts=True)
    _tell_overdue(notices)
    return Hotspot.objects.filter(pk__in=[h.pk for h in due]).update(breached_at=F("received_at") + limit)


def _tell_overdue(notices: list[HotspotNotice]) -> None:
    """热点超时 reaches the township's staff and the county administrators, as the notices say."""
    township = HotspotNotice.Audience.TOWNSHIP
    staff = inbox.staff_by_township({n.region_id for n in notices if n.audience == township})
    admins = {n.region_id: inbox.county_admins(n.region) for n in notices if n.audience != township}
    inbox.deliver_all(
        inbox.notice(
            kind=inbox.Kind.HOTSPOT_OVERDUE,
            key=f"forestfire.hotspot:{n.hotspot.pk}:{n.audience}",
            recipients=staff.get(n.region_id, []) if n.audience == township else admins[n.region_id],
            title=n.message,
            url=n.hotspot.get_absolute_url(),
        )
        for n in notices
    )


def _overdue_notices(hotspot: Hotspot, minutes: int) -> list[HotspotNotice]:
    text = _("卫星监测热点%(code)s(%(township)s,%(received)s接收)超过%(minutes)s分钟未核查反馈,请立即核查。") % {
        "code": hotspot.code,
        "township": hotspot.township.name,
        "received": timezone.localtime(hotspot.received_at).strftime("%m-%d %H:%M"),
        "minutes": minutes,
    }
    county = hotspot.township.parent
    return [
        HotspotNotice(hotspot=hotspot, audience=HotspotNotice.Audience.TOWNSHIP, region=hotspot.township, message=text),
        HotspotNotice(hotspot=hotspot, audience=HotspotNotice.Audience.COUNTY, region=county, message=text),
    ]


@transaction.atomic
def mark_notices_read(*, actor: User, notices) -> int:
    """Marks the notices the user may see as read."""
    return (
        HotspotNotice.objects.visible_to(actor)
        .filter(pk__in=notices, read_at__isnull=True)
        .update(read_at=timezone.now())
    )


def save_hotspot(*, actor: User, hotspot: Hotspot | None = None, code: str, **fields) -> Hotspot:
    """登记 / 修改 from the page form: receive_hotspot, the hotspot only."""
    return receive_hotspot(actor=actor, hotspot=hotspot, code=code, **fields)[0]
