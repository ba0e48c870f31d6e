"""Reporting periods: the month (YYYY-MM) that snapshots, rankings and workbooks are made for."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_YEAR = 2000  # the portal's months start at 2000-01 and end at the current month


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """The one parser of every ``period``: YYYY-MM, from 2000-01 up to the current month."""
        match = _MONTH.match(text if isinstance(text, str) else "")
        if not match or not 1 <= int(match[2]) <= 12:
            raise ValidationError(_("月份格式应为 YYYY-MM,例如 2024-05。"))
        month, now = cls(int(match[1]), int(match[2])), cls.of(timezone.localdate())
        if not cls(FIRST_YEAR, 1) <= month <= now:
            raise ValidationError(
                _("月份应在 %(first)s 至 %(last)s 之间。") % {"first": cls(FIRST_YEAR, 1), "last": now}
            )
        return month

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def same_month_last_year(self) -> Month:
        return Month(self.year - 1, self.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
