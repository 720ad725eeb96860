from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.core.fields import MoneyField
from yichuang.core.models import AppendOnlyError, AuditEvent
from yichuang.kernel.money import Money

pytestmark = pytest.mark.django_db


def test_migrations_are_complete_for_every_model_change():
    out = StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert "No changes detected" in out.getvalue()


def test_production_password_hasher_is_argon2():
    import yichuang.settings as production  # the test run swaps in a fast hasher via the settings fixture

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_audit_event_cannot_be_changed_or_deleted():
    factories.organization()
    event = AuditEvent.objects.first()

    event.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_security_headers_and_strict_csp_are_set(client):
    response = client.get(reverse("portal:public-home"))

    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_pages_have_no_inline_script_style_or_handlers(client):
    where = factories.district("武进区")
    organization = factories.organization(where)
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=where))
    urls = [
        reverse("portal:public-home"),
        reverse("portal:home"),
        reverse("places:area-list"),
        reverse("places:area-detail", args=[where.pk]),
        reverse("places:organization-list"),
        reverse("places:organization-detail", args=[organization.pk]),
        reverse("places:organization-edit", args=[organization.pk]),
        reverse("audit:audit-list"),
    ]

    offenders = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url  # an error page would say nothing about the real one
        body = response.content.decode()
        if INLINE_SCRIPT.search(body) or INLINE_STYLE.search(body):
            offenders.append(url)

    assert offenders == []


def test_money_field_stores_fen_and_refuses_floats():
    field = MoneyField()

    assert field.get_prep_value(Money(123456)) == 123456
    assert field.from_db_value(123456, None, None) == Money(123456)
    with pytest.raises(TypeError):
        field.get_prep_value(1234.56)


def test_money_template_filter_formats_yuan_and_capitals():
    from django.template import Context, Template

    rendered = Template("{% load yichuang %}{{ amount|money }} {{ amount|money_capitals }}").render(
        Context({"amount": Money(11500000)})
    )

    assert rendered == "¥115,000.00 人民币壹拾壹万伍仟元整"


def test_day_filter_writes_chinese_dates_in_chinese():
    import datetime

    from django.template import Context, Template
    from django.utils import translation

    with translation.override("zh-hans"):
        chinese = Template("{% load yichuang %}{{ d|day }}").render(Context({"d": datetime.date(2024, 9, 11)}))
    with translation.override("en"):
        english = Template("{% load yichuang %}{{ d|day }}").render(Context({"d": datetime.date(2024, 9, 11)}))

    assert chinese == "2024年9月11日"
    assert "2024" in english and "年" not in english


def test_healthz_checks_the_database(client):
    assert client.get(reverse("portal:healthz")).json() == {"status": "ok"}


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_when_the_database_cannot_be_written(client):
    from django.db import connection

    if connection.vendor == "sqlite":
        statement = "PRAGMA query_only = ON"
        undo = "PRAGMA query_only = OFF"
    else:
        statement = "SET default_transaction_read_only = on"
        undo = "SET default_transaction_read_only = off"
    with connection.cursor() as cursor:
        cursor.execute(statement)
    try:
        response = client.get(reverse("portal:healthz"))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(undo)

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_busy_database_gets_a_friendly_503_with_retry_after(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.db import OperationalError

    from yichuang.core.middleware import DatabaseBusyMiddleware

    request = rf.get("/")
    request.user = AnonymousUser()
    middleware = DatabaseBusyMiddleware(lambda r: None)

    response = middleware.process_exception(request, OperationalError("database is locked"))
    other = middleware.process_exception(request, OperationalError("no such table: x"))

    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert other is None


@pytest.mark.parametrize("statement", ["UPDATE core_auditevent SET reason = 'rewritten'", "DELETE FROM core_auditevent"])
def test_audit_rows_are_refused_by_the_database_itself_and_by_querysets(statement):
    from django.db import DatabaseError, connection, transaction

    factories.organization()
    count = AuditEvent.objects.count()

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(reason="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()

    assert AuditEvent.objects.count() == count
    assert not AuditEvent.objects.filter(reason="rewritten").exists()


@pytest.mark.django_db(transaction=True)
def test_flush_empties_append_only_tables_and_restores_their_guard():
    from django.core.management import call_command
    from django.db import DatabaseError, connection, transaction

    factories.organization()

    call_command("flush", verbosity=0, interactive=False)

    assert AuditEvent.objects.count() == 0
    factories.organization()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent")


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
    assert client.get(response["Location"]).status_code == 200


def test_migrate_on_a_fresh_database_seeds_the_calendar_and_creates_the_shared_cache(tmp_path):
    """What `make demo` and a first deployment do: the test runner makes the cache table itself, so this
    runs the real command on a new SQLite file (it once silently skipped both steps)."""
    import os
    import sqlite3
    import subprocess
    import sys

    from django.apps import apps

    from yichuang.core.apps import CoreConfig

    env = {**os.environ, "YICHUANG_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "yichuang.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "yichuang", "migrate", "--noinput", "-v", "0"], env=env, check=True)

    database = sqlite3.connect(tmp_path / "yichuang.sqlite3")
    assert database.execute("SELECT count(*) FROM sqlite_master WHERE name = 'yichuang_cache'").fetchone() == (1,)
    assert database.execute("SELECT count(*) FROM core_calendarday").fetchone()[0] > 100
    assert type(apps.get_app_config("core")) is CoreConfig
