"""Paging for lists that grow to millions of rows."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1_000


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows, so a page costs the same at any size.

    ``count_capped`` tells the template to say "more than 1000" instead of an exact total.
    """

    @property
    def cap(self) -> int:
        return COUNT_CAP

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.cap + 1].count()

    @property
    def count_capped(self) -> bool:
        return self.count > self.cap
