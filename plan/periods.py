"""Reporting periods: the month (YYYY-MM) that snapshots, rankings and workbooks are made for."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        match = _MONTH.match(text or "")
        if not match or not 1 <= int(match[2]) <= 12:
            raise ValidationError(_("月份格式应为 YYYY-MM,例如 2024-05。"))
        return cls(int(match[1]), int(match[2]))

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
