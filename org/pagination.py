"""Paging for lists that grow to millions of rows."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

COUNT_CAP = 1_000


def ids_first(rows: QuerySet, window: slice) -> QuerySet:
    """The rows of ``window`` (a slice of ``rows`` in its order), found by their ids first.

    The ids come from a subquery filtered, ordered and limited like the page, which the database
    answers from an index alone where one holds the filters and the order (no table row is read
    for the rows it skips or sorts); the page's own rows are then read by primary key and nothing
    else, so the filters are not planned a second time. Same rows, same order, one query."""
    ids = rows.values("pk")[window]
    if rows.query.annotations:  # the page's rows need what the filters computed: keep them
        return rows.filter(pk__in=ids)
    page = rows.model._base_manager.filter(pk__in=ids)
    page.query.select_related = rows.query.select_related
    page.query.deferred_loading = rows.query.deferred_loading
    page = page.prefetch_related(*rows._prefetch_related_lookups)
    return page.order_by(*rows.query.order_by) if rows.query.order_by else page


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows, so a page costs the same at any size.

    ``count_capped`` tells the template to say "more than 1000" instead of an exact total. The
    count reads any COUNT_CAP + 1 matching rows, in no order, so the database never sorts for it:
    COUNT(*) over a LIMIT subquery without ORDER BY.
    """

    @property
    def cap(self) -> int:
        return COUNT_CAP

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if isinstance(rows, QuerySet):
            rows = rows.order_by()
        return rows[: self.cap + 1].count()

    @property
    def count_capped(self) -> bool:
        return self.count > self.cap


class IdsFirstPaginator(CappedPaginator):
    """A capped paginator whose page reads its rows by id first (``ids_first``): deep pages and
    pages of a large township cost what an index walk costs, not what reading every row would."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(ids_first(self.object_list, slice(bottom, top)), number, self)
