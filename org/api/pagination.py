from rest_framework.pagination import CursorPagination, PageNumberPagination

from org.pagination import ids_first


class PortalPagination(PageNumberPagination):
    """Page numbers, with ?page_size= up to 500 for clients that pull whole ledgers."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class NewestFirstCursorPagination(CursorPagination):
    """Newest first by id, with next/previous cursors and no total: constant cost at any size."""

    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class IdsFirst:
    """Stands in for a queryset inside DRF's cursor paging: the ordering and the cursor's position
    filter pass through, and the page's slice is read by ids first (``org.pagination.ids_first``)."""

    def __init__(self, rows) -> None:
        self.rows = rows

    def order_by(self, *fields) -> "IdsFirst":
        return IdsFirst(self.rows.order_by(*fields))

    def filter(self, *args, **kwargs) -> "IdsFirst":
        return IdsFirst(self.rows.filter(*args, **kwargs))

    def __getitem__(self, window: slice):
        return ids_first(self.rows, window)


class IdsFirstCursorPagination(NewestFirstCursorPagination):
    """Newest first by id, each page read by ids first: for a large list whose filters an index
    answers better than walking the primary key (a township's open hazards among a million)."""

    def paginate_queryset(self, queryset, request, view=None):
        return super().paginate_queryset(IdsFirst(queryset), request, view)
