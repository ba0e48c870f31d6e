from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    name = "stations"
    verbose_name = _("基层应急消防管理站、网格与救援队伍")
    # Pages this module adds to the navigation: (label, URL name, who sees it).
    nav = [
        (_("管理站"), "stations:stations", "all"),
        (_("网格"), "stations:grids", "all"),
        (_("救援圈"), "stations:circles", "all"),
        (_("救援队伍"), "stations:teams", "all"),
    ]

    def ready(self) -> None:
        from org.assessments import register_kind
        from stations.accreditation import kind

        register_kind(kind)
