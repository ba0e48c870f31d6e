from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("全民安全素养提升")
    # Pages this module adds to the navigation: (label, URL name, who sees it).
    nav = []
