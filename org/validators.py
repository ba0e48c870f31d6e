"""统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set, the last a check digit."""

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    total = sum(
        CREDIT_CODE_CHARS.index(char) * weight for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(_("统一社会信用代码应为18位。"), code="length")
    if any(char not in CREDIT_CODE_CHARS for char in code):
        raise ValidationError(_("统一社会信用代码含有不允许的字符(不使用I、O、Z、S、V)。"), code="chars")
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValidationError(_("统一社会信用代码校验位不正确,请核对。"), code="check_digit")


# --- Plain-language checks the save services share --------------------------------------------

_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(?:\+?86)?0\d{2,3}\d{7,8}(?:\d{1,6})?$|^\d{7,8}$")


def validate_phone(value: str) -> None:
    """A mainland mobile (13800000001, +86…) or landline (0577-12345678, 12345678) number."""
    digits = re.sub(r"[\s\-()()]", "", value or "")
    if digits and not (_MOBILE.match(digits) or _LANDLINE.match(digits)):
        raise ValidationError(_("请填写有效的手机号或固定电话(如 13800000001、0577-12345678)。"), code="phone")


def check_coordinates(lat, lng) -> dict[str, str]:
    """纬度/经度 within the county's bounds, with the margin the settings give; errors by field."""
    from django.conf import settings

    errors = {}
    margin = settings.COUNTY_BOUNDS_MARGIN
    for name, value, label in (("lat", lat, _("纬度")), ("lng", lng, _("经度"))):
        low, high = settings.COUNTY_BOUNDS[name]
        if value is not None and not (low - margin <= float(value) <= high + margin):
            errors[name] = _("%(label)s须在%(low)s至%(high)s之间(苍南县范围)。") % {
                "label": label,
                "low": round(low - margin, 2),
                "high": round(high + margin, 2),
            }
    return errors


def check_not_negative(**values) -> dict[str, str]:
    """Funds, losses and counts are never below zero; errors by field."""
    return {name: _("不能为负数。") for name, value in values.items() if value is not None and value < 0}


def check_not_future(**days) -> dict[str, str]:
    """A day something was found or happened is not after today; errors by field."""
    from django.utils import timezone

    today = timezone.localdate()
    return {name: _("不能晚于今天。") for name, day in days.items() if day is not None and day > today}


CLOCK_SKEW = timedelta(minutes=5)  # a phone's clock may run a little ahead of the server's


def check_not_future_moment(**moments) -> dict[str, str]:
    """A moment something happened or was reported is not after now (give or take a phone's
    clock running a few minutes fast); errors by field."""
    from django.utils import timezone

    latest = timezone.now() + CLOCK_SKEW
    return {name: _("不能晚于现在。") for name, moment in moments.items() if moment is not None and moment > latest}


MAX_COUNT = 2_147_483_647  # a PostgreSQL integer column's largest value, whatever the database


def check_counts(**values) -> dict[str, str]:
    """People, places and other counts: whole, not negative, and within a database integer."""
    errors = {}
    for name, value in values.items():
        if value is None:
            continue
        if value < 0:
            errors[name] = _("不能为负数。")
        elif value > MAX_COUNT:
            errors[name] = _("数值过大。")
    return errors
