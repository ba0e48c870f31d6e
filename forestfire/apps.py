from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForestfireConfig(AppConfig):
    name = "forestfire"
    verbose_name = _("森林防灭火")
    # Pages this module adds to the navigation: (label, URL name, who sees it).
    nav = []
