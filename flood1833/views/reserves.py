"""物资储备: depots and their stock."""

from django.utils.translation import gettext_lazy
from django_filters.views import FilterView

from flood1833 import services
from flood1833.filtersets import DepotFilterSet
from flood1833.forms import DepotForm, DepotItemForm
from flood1833.models import Depot, DepotItem
from flood1833.views.common import ListKeeperButtons, ListRecordFormView
from org.views import ScopedObjectMixin


class DepotListView(ListKeeperButtons, ScopedObjectMixin, FilterView):
    model = Depot
    filterset_class = DepotFilterSet
    paginate_by = 50
    template_name = "flood1833/depot_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region").prefetch_related("items")


class DepotFormView(ListRecordFormView):
    model = Depot
    form_class = DepotForm
    service = staticmethod(services.save_depot)
    instance_kwarg = "depot"
    list_url = "flood1833:depots"
    titles = (gettext_lazy("登记物资仓库"), gettext_lazy("修改物资仓库"))


class DepotItemFormView(ListRecordFormView):
    """储备物资; a new item's depot comes from ?depot=<id> (the depot's 添加物资 button)."""

    model = DepotItem
    form_class = DepotItemForm
    service = staticmethod(services.save_depot_item)
    instance_kwarg = "item"
    list_url = "flood1833:depots"
    titles = (gettext_lazy("添加储备物资"), gettext_lazy("修改储备物资"))

    def get_initial(self):
        return {} if self.object else {"depot": self.request.GET.get("depot")}
