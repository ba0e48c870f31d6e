"""The portal's Celery application: worker and beat both start from here."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cangnan_yingji.settings")

app = Celery("cangnan_yingji")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
