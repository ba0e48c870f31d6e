"""What the flood pages share: the event a page is about, and who keeps the lists."""

from django.http import Http404

from flood1833 import live, services
from flood1833.models import ResponseEvent
from org.views import ManageButtonsMixin, RecordFormView


def event_from_query(request) -> ResponseEvent | None:
    """?event=<id> among the events the user may see (404 otherwise), else the current one."""
    events = ResponseEvent.objects.visible_to(request.user).select_related("stage", "region")
    if request.GET.get("event"):
        wanted = request.GET["event"]
        event = events.filter(pk=wanted if wanted.isascii() and wanted.isdigit() else 0).first()
        if event is None:
            raise Http404
        return event
    return live.current_event(request.user)


class ListKeeperButtons(ManageButtonsMixin):
    """登记 and 修改 buttons for the county and the townships, who keep the lists."""

    can_manage = staticmethod(services.can_manage_lists)


class ListRecordFormView(RecordFormView):
    """登记 or 修改 one record of the lists: the county and the townships, others get 403."""

    can_manage = staticmethod(services.can_manage_lists)
