from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from org.services import portal_app_labels


class Command(BaseCommand):
    help = (
        "Loads Cangnan demo data (villages marked demo, departments, one user per role, this year's plan "
        "copied from the latest, records dated over this year's months up to today). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="load the demo even with DEBUG off (its password is public)"
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _("DEBUG 已关闭(生产环境?):演示账号的密码是公开的,拒绝载入演示数据。确需载入请加 --force。")
            )
        if not settings.DEBUG:
            self.stderr.write(_("注意:演示账号的密码是公开的,请勿在生产环境使用。"))
        # Each portal app may bring its own demo.py; org comes first, so the others find users.
        for label in portal_app_labels():
            if find_spec(f"{label}.demo"):
                import_module(f"{label}.demo").seed(stdout=self.stdout)
