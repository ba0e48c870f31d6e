from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForestfireConfig(AppConfig):
    name = "forestfire"
    verbose_name = _("森林防灭火")
    # Pages this module adds to the navigation: (label, URL name, who sees it).
    nav = [
        (_("热点核查"), "forestfire:field", "all"),
        (_("卫星监测热点"), "forestfire:hotspots", "all"),
        (_("林火"), "forestfire:fires", "all"),
        (_("火源检查"), "forestfire:checks", "all"),
        (_("三张清单"), "forestfire:risks", "all"),
        (_("规范化建设"), "forestfire:standardization", "all"),
    ]

    def ready(self) -> None:
        # The standardization checklist's kind joins the shared scored-checklist mechanism.
        from forestfire import standardization  # noqa: F401
