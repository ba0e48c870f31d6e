from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Flood1833Config(AppConfig):
    name = "flood1833"
    verbose_name = _("防汛防台与“1833”联合指挥")
    # Pages this module adds to the navigation: (label, URL name).
    nav = [
        (_("转移实况"), "flood1833:live"),
        (_("台风过程"), "flood1833:events"),
        (_("村社转移确认"), "flood1833:field"),
        (_("“633”措施落实"), "flood1833:tasks"),
        (_("转移对象"), "flood1833:people"),
        (_("避灾安置场所"), "flood1833:shelters"),
        (_("值班与抽查"), "flood1833:rollcalls"),
        (_("事件信息报送"), "flood1833:incidents"),
        (_("物资储备"), "flood1833:depots"),
        (_("指挥要素图"), "flood1833:map"),
    ]
