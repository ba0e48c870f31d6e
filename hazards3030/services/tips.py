"""码上报: every write of a citizen's tip-off and of the QR points that lead to it. The public
form, the township's queue page and the API all call these.

A tip arrives as 待核实 in its township's queue. The township checks it: valid → a hazard with
source 举报 enters the 3030 loop (through ``services.file_hazard``, the one way a hazard is
filed) and the tip points to it; invalid → closed as 不予受理 with a reason, which the tipster
reads on the receipt page. Nothing internal is ever shown on that page.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hazards3030.models import Hazard, Tip, TipPoint
from hazards3030.services import hazards as services
from org import inbox
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.errors import Conflict
from org.models import Enterprise, Region, User
from org.uploads import check_upload, stored_only_if_saved
from org.validators import check_coordinates, validate_phone

DESCRIPTION_MIN = 5
DESCRIPTION_MAX = 1000
PLACE_MAX = 100
REASON_MAX = 200
# Receipts use letters and digits that cannot be misread when written down (no 0/O, 1/I/L).
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RECEIPT_LENGTH = 10  # 31^10 ≈ 8·10^14: not guessable, even before the page's rate limit
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 8


# --- Who may do what ------------------------------------------------------------------------


def can_handle_tips(user: User) -> bool:
    """核实举报 and keep the QR points: township staff for their township, the county for all."""
    return user.is_superuser or (user.can_write and user.role in (User.Role.COUNTY_ADMIN, User.Role.TOWNSHIP_STAFF))


def _require_handler(actor: User, township: Region | None) -> None:
    require(can_handle_tips(actor), _("您的角色不能核实举报。"))
    require_within(actor, township, _("只能核实本辖区的举报。"))


# --- Receipts and phones --------------------------------------------------------------------


def new_receipt() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def normalise_receipt(text: str) -> str:
    """What a tipster types back (lower case, with spaces or dashes) as it is stored."""
    return re.sub(r"[\s\-]", "", text or "").upper()[:32]


def mask_phone(value: str) -> str:
    """138****5678: the first three and last four digits of the number, never the whole."""
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) >= 7 else ""


@dataclass(frozen=True)
class PublicStatus:
    """What the receipt page says: the tip's state and, once accepted, the hazard's."""

    label: str
    detail: str = ""
    reason: str = ""


HAZARD_PUBLIC_STATUS = {
    Hazard.Status.SUBMITTED: gettext_lazy("整改完成,待验收"),
    Hazard.Status.CLOSED: gettext_lazy("已销号"),
}


def public_status(tip: Tip) -> PublicStatus:
    if tip.status == Tip.Status.PENDING:
        return PublicStatus(str(Tip.Status.PENDING.label))
    if tip.status == Tip.Status.REJECTED:
        return PublicStatus(str(Tip.Status.REJECTED.label), reason=tip.reason)
    hazard_status = tip.hazard.status if tip.hazard_id else Hazard.Status.REPORTED
    detail = HAZARD_PUBLIC_STATUS.get(hazard_status, gettext_lazy("整改中"))
    return PublicStatus(_("已受理,进入整改"), detail=str(detail))


# --- A citizen's tip ------------------------------------------------------------------------


def _check_tip_text(*, description: str, place: str) -> dict[str, str]:
    errors = {}
    if len(description) < DESCRIPTION_MIN:
        errors["description"] = _("请描述发现的隐患(至少%(n)s个字)。") % {"n": DESCRIPTION_MIN}
    elif len(description) > DESCRIPTION_MAX:
        errors["description"] = _("隐患情况不能超过%(n)s个字。") % {"n": DESCRIPTION_MAX}
    if len(place) > PLACE_MAX:
        errors["place"] = _("地点不能超过%(n)s个字。") % {"n": PLACE_MAX}
    return errors


def _check_position(lat: Decimal | None, lng: Decimal | None) -> dict[str, str]:
    if (lat is None) != (lng is None):
        return {"lat": _("位置须同时有纬度和经度。")}
    return check_coordinates(lat, lng)


def _check_phone(phone: str) -> dict[str, str]:
    try:
        validate_phone(phone)
    except ValidationError as error:
        return {"phone": " ".join(error.messages)}
    return {}


@transaction.atomic
def submit_tip(
    *,
    description: str,
    township: Region | None = None,
    point: TipPoint | None = None,
    place: str = "",
    lat: Decimal | None = None,
    lng: Decimal | None = None,
    phone: str = "",
    photo: UploadedFile | None = None,
) -> Tip:
    """群众举报: anyone may send one, without an account. A QR point gives the township, the place
    and the enterprise; the phone is kept masked; a photo passes the portal's upload checks
    before anything is stored, so a refused photo leaves neither a tip nor a file."""
    description, place, phone = description.strip(), (place or "").strip(), (phone or "").strip()
    if point is not None:
        if not point.active:
            raise ValidationError(_("该二维码已停用,请在页面上选择乡镇后举报。"))
        township, place = point.township, place or point.place
    errors = _check_tip_text(description=description, place=place) | _check_position(lat, lng) | _check_phone(phone)
    if township is None or township.level != Region.Level.TOWNSHIP:
        errors["township"] = _("请选择隐患所在的乡镇。")
    if errors:
        raise ValidationError(errors)
    checked = check_upload(photo, images_only=True) if photo else None
    tip = Tip(
        receipt=new_receipt(), point=point, township=township, enterprise=point.enterprise if point else None,
        place=place, description=description, lat=lat, lng=lng, phone_masked=mask_phone(phone),
    )  # fmt: skip
    with stored_only_if_saved() as keep:
        if checked:
            tip.photo.save(checked.storage_name(), photo, save=False)
            tip.photo_type = checked.content_type
            keep(tip.photo)
        tip.full_clean()
        tip.save()
    _tip_received(tip)
    return tip


def _tip_received(tip: Tip) -> None:
    """举报待核实: the township's staff find the new tip in their inbox once it is committed."""
    inbox.deliver(
        kind=inbox.Kind.TIP,
        key=f"hazards3030.tip:{tip.pk}",
        recipients=inbox.township_staff(tip.township_id),
        title=_("%(township)s收到一条群众举报,待核实:%(what)s")
        % {"township": tip.township.name, "what": tip.description[:40]},
        url=tip.get_absolute_url(),
    )


# --- The township's decision ----------------------------------------------------------------


def _lock(tip: Tip) -> Tip:
    tip = Tip.objects.select_for_update(of=("self",)).select_related("township", "enterprise").get(pk=tip.pk)
    if tip.status != Tip.Status.PENDING:
        raise Conflict(_("该举报已处理(%(status)s)。") % {"status": tip.get_status_display()})
    return tip


@transaction.atomic
def accept_tip(
    *,
    tip: Tip,
    actor: User,
    deadline: date,
    description: str = "",
    category: str = Hazard.Category.OTHER,
    level: str = Hazard.Level.GENERAL,
    enterprise: Enterprise | None = None,
    note: str = "",
) -> Tip:
    """核实属实: files the hazard (source 举报, found on the day of the tip, with the tip's photo)
    and links the tip to it. The description may be put in the township's own words."""
    tip = _lock(tip)
    _require_handler(actor, tip.township)
    found_on = timezone.localtime(tip.received_at).date()
    if deadline is None or deadline < found_on:
        raise ValidationError({"deadline": _("请填写整改期限(不早于举报日期)。")})
    photo = (
        [File(tip.photo.open("rb"), name=f"tip-{tip.receipt}.{tip.photo.name.rsplit('.', 1)[-1]}")] if tip.photo else []
    )
    try:
        hazard = services.file_hazard(
            actor=actor, township=tip.township, enterprise=enterprise or tip.enterprise, source=Hazard.Source.TIP,
            description=(description or "").strip() or _describe(tip), found_on=found_on, deadline=deadline,
            category=category, level=level, files=photo, note=note or _("群众举报核实属实(回执码 %(receipt)s)。") % {"receipt": tip.receipt},
        )  # fmt: skip
    finally:
        if tip.photo:
            tip.photo.close()
    tip.status, tip.hazard, tip.decided_by, tip.decided_at = Tip.Status.ACCEPTED, hazard, actor, timezone.now()
    tip.save(update_fields=["status", "hazard", "decided_by", "decided_at"])
    return tip


def _describe(tip: Tip) -> str:
    return f"{tip.description}({tip.place})" if tip.place else tip.description


@transaction.atomic
def reject_tip(*, tip: Tip, actor: User, reason: str) -> Tip:
    """核实不属实或不属于安全生产隐患: closed as 不予受理; the reason is shown to the tipster."""
    tip = _lock(tip)
    _require_handler(actor, tip.township)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写不予受理的原因(将向举报人显示)。")})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _("原因不能超过%(n)s个字。") % {"n": REASON_MAX}})
    tip.status, tip.reason, tip.decided_by, tip.decided_at = Tip.Status.REJECTED, reason, actor, timezone.now()
    tip.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    return tip


# --- QR points ------------------------------------------------------------------------------


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not TipPoint.objects.filter(code=code).exists():
            return code


@transaction.atomic
def save_tip_point(
    *,
    actor: User,
    point: TipPoint | None = None,
    township: Region = UNSET,
    enterprise: Enterprise | None = UNSET,
    place: str = UNSET,
    active: bool = UNSET,
) -> TipPoint:
    """登记或修改码上报点位; its code is made once and never changes (printed codes stay valid)."""
    point = point or TipPoint(code=_new_code())
    changed = assign(
        point,
        township=township,
        enterprise=enterprise,
        place=(place or "").strip() if place is not UNSET else UNSET,
        active=active,
    )
    _require_handler(actor, point.township if point.township_id else None)
    if point.enterprise_id and point.enterprise.township_id != point.township_id:
        raise ValidationError({"enterprise": _("检查对象不属于该乡镇。")})
    if not point.place:
        raise ValidationError({"place": _("请填写地点(如 某某厂门口、某某村文化礼堂)。")})
    if len(point.place) > PLACE_MAX:
        raise ValidationError({"place": _("地点不能超过%(n)s个字。") % {"n": PLACE_MAX}})
    point.full_clean()
    save(point, changed)
    return point
