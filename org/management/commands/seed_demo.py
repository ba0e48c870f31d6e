from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction

from org.services import portal_app_labels


class Command(BaseCommand):
    help = (
        "Loads Cangnan demo data (villages marked demo, departments, one user per role, this year's plan "
        "copied from the latest, records dated over this year's months up to today). Idempotent."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        # Each portal app may bring its own demo.py; org comes first, so the others find users.
        for label in portal_app_labels():
            if find_spec(f"{label}.demo"):
                import_module(f"{label}.demo").seed(stdout=self.stdout)
