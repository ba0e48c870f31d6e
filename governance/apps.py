from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("统筹推进与多元共治")
    # Pages this module adds to the navigation: (label, URL name, who sees it).
    nav = [
        (_("“1+9+N”委员会"), "governance:committees", "all"),
        (_("督办事项"), "governance:tasks", "all"),
        (_("约谈台账"), "governance:interviews", "all"),
        (_("约谈建议"), "governance:proposals", "county_admin"),
        (_("互助联盟"), "governance:alliances", "all"),
        (_("服务机构"), "governance:agencies", "all"),
    ]
