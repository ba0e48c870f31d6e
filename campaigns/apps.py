from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("全民安全素养提升")
    # Pages this module adds to the navigation: (label, URL name, who sees it). Videos, places,
    # the service team and the sites are one click away on every page of the module.
    nav = [
        (_("安全宣传“五进”"), "campaigns:overview", "all"),
        (_("宣传活动"), "campaigns:activities", "all"),
        (_("二维码资料库"), "campaigns:resources", "all"),
    ]
