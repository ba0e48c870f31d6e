from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("统筹推进与多元共治")
    # Pages this module adds to the navigation: (label, URL name, who sees it).
    nav = []
