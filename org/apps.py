from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "org"
    verbose_name = _("组织与权限")

    def ready(self) -> None:
        import openpyxl.xml

        from org import history  # noqa: F401 -- connects the history-reason receiver

        # Uploaded ledgers must be parsed by defusedxml (settings: OPENPYXL_LXML), never by lxml.
        if openpyxl.xml.LXML or not openpyxl.xml.DEFUSEDXML:
            raise ImproperlyConfigured("openpyxl must read uploaded workbooks through defusedxml, not lxml.")
