from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "plan"
    verbose_name = _("工作计划与指标")
    # (label, URL name, who sees it: "all", "county" roles or "county_admin").
    nav = [
        (_("综合看板"), "plan:dashboard", "all"),
        (_("月度快照"), "plan:snapshots", "county_admin"),
        (_("排名审核发布"), "plan:ranking-review", "county_admin"),
        (_("月度工作簿"), "plan:workbooks", "county"),
        (_("县域一张图"), "plan:map", "all"),
    ]

    def ready(self) -> None:
        # Every app's indicators.py registers its indicators; a duplicate key stops start-up.
        autodiscover_modules("indicators")
        # …and the sheets they add to the monthly workbook.
        autodiscover_modules("exports")
        # …and the layers they put on the county map.
        autodiscover_modules("maps")
        # …and the sections they add to the monthly 通报.
        autodiscover_modules("reports")
