from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("全民安全素养提升")
    # Pages this module adds to the navigation: (label, URL name, who sees it).
    nav = [
        (_("安全宣传“五进”"), "campaigns:overview", "all"),
        (_("宣传活动"), "campaigns:activities", "all"),
        (_("警示教育视频"), "campaigns:videos", "all"),
        (_("公共场所"), "campaigns:places", "all"),
        (_("二维码资料库"), "campaigns:resources", "all"),
        (_("一呼百应服务队"), "campaigns:members", "all"),
        (_("示范点与场馆"), "campaigns:sites", "all"),
    ]
