from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "plan"
    verbose_name = _("工作计划与指标")

    def ready(self) -> None:
        # Every app's indicators.py registers its indicators; a duplicate key stops start-up.
        autodiscover_modules("indicators")
