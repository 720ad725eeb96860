from __future__ import annotations

import os
import shutil
from contextlib import chdir
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command
from django.urls import reverse

import yichuang

PACKAGE = Path(yichuang.__file__).parent


def _untranslated(po_path: Path) -> list[str]:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    return [
        str(message.id)
        for message in catalog
        if message.id
        and (message.fuzzy or not (all(message.string) if isinstance(message.string, tuple) else message.string))
    ]


def test_chinese_catalogue_translates_every_string_in_the_code(tmp_path, settings):
    if not shutil.which("xgettext"):
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is needed to check the catalogue")
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path / "yichuang"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo"))
    # makemessages writes into LOCALE_PATHS: point it at the copy, never at the real catalogue.
    settings.LOCALE_PATHS = [copy / "locale"]

    with chdir(copy):
        call_command("makemessages", locale=["zh_Hans"], no_obsolete=True, no_location=True, verbosity=0)

    assert _untranslated(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po") == []


@pytest.mark.django_db
def test_public_home_is_chinese_by_default_and_english_on_request(client):
    chinese = client.get(reverse("portal:public-home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("portal:public-home")).content.decode()

    assert '<html lang="zh-CN">' in chinese and "登录" in chinese
    assert '<html lang="en">' in english and "Log in" in english and "登录" not in english


@pytest.mark.django_db
def test_admin_index_names_every_app_and_model_in_chinese(client):
    client.force_login(_superuser())

    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "后台任务" in page
    assert "Tasks Database Backend" not in page and "Task Results" not in page


def _superuser():
    from yichuang.accounts.services import user_create

    return user_create(actor=None, username="root", password="x" * 12, display_name="平台管理员", is_superuser=True)
