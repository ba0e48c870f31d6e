"""The UI is Chinese first; the English catalogue must be complete, compile, and match the code."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SOURCES = ["cangnan_yingji", "org", "plan", "templates", "manage.py"]


def test_every_english_entry_is_translated_and_not_fuzzy():
    catalogue = polib.pofile(str(PO))
    assert len(catalogue) > 100
    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries()


def test_the_compiled_catalogue_matches_the_source_catalogue():
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(MO))}
    for entry in polib.pofile(str(PO)):
        assert compiled.get(entry.msgid) == entry.msgstr, entry.msgid


def test_msgfmt_compiles_the_catalogue(tmp_path):
    if not shutil.which("msgfmt"):
        pytest.skip("GNU gettext (msgfmt) is not installed")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(PO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_no_translatable_string_is_missing_from_the_catalogue(tmp_path):
    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext (xgettext) is not installed")
    base = Path(settings.BASE_DIR)
    for name in [*SOURCES, *[p.name for p in base.iterdir() if (p / "apps.py").exists()]]:
        source = base / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, dirs_exist_ok=True)
        else:
            shutil.copy(source, tmp_path / name)
    shutil.copytree(base / "locale", tmp_path / "locale")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "en", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    fresh = {entry.msgid for entry in polib.pofile(str(tmp_path / "locale/en/LC_MESSAGES/django.po"))}
    committed = {entry.msgid for entry in polib.pofile(str(PO))}
    assert fresh - committed == set(), "run `make messages` and translate the new strings"


@pytest.mark.django_db
def test_pages_render_in_english_when_chosen(client, lingxi_staff):
    client.force_login(lingxi_staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("plan:plan", kwargs={"year": 2024})).content.decode()
    assert "Not tracked" in html and "3 focuses" in html


@pytest.mark.django_db
def test_pages_are_chinese_by_default(client, lingxi_staff):
    client.force_login(lingxi_staff)
    html = client.get(reverse("plan:plan", kwargs={"year": 2024})).content.decode()
    assert 'lang="zh-hans"' in html and "未接入" in html


def test_message_ids_are_chinese_only():
    """The English lives in the catalogue, never as a tail of the Chinese message id."""
    tails = [e.msgid for e in polib.pofile(str(PO)) if re.search(r" / [A-Za-z]", e.msgid)]
    assert tails == []
