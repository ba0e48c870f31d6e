"""居民身份证号码 (GB 11643-1999): 17 digits and a check character (0-9 or X)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_SHAPE = re.compile(r"^\d{17}[\dX]$")
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK_CHARS = "10X98765432"


def id_check_char(body: str) -> str:
    """The check character for the first 17 digits."""
    return CHECK_CHARS[sum(int(digit) * weight for digit, weight in zip(body, WEIGHTS, strict=True)) % 11]


def validate_id_number(value: str) -> None:
    value = (value or "").strip().upper()
    if not _SHAPE.match(value):
        raise ValidationError(_("身份证号应为18位(最后一位可为X)。"), code="shape")
    if id_check_char(value[:17]) != value[17]:
        raise ValidationError(_("身份证号校验位不正确,请核对。"), code="check")
