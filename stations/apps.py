from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    name = "stations"
    verbose_name = _("基层应急消防管理站、网格与救援队伍")
    # Pages this module adds to the navigation: (label, URL name, who sees it).
    nav = []
