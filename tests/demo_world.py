"""The demo world for tests: built once per test session by the real loader, restored per test.

Building it through the services takes seconds (hashing, optimisation, audit rows); dozens of tests
start from it. The first build records every row of our tables; later tests get the same rows back
by a bulk insert, with the database's sequences moved past them. The platform's defaults (workflow,
templates, calendar) are part of the record: after a flush they come back with other ids, so they
are replaced, not kept. The loader command itself is tested by running it (tests/demo/test_loader.py).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import TestCase, override_settings
from django.utils import translation

from yichuang import settings as site_settings  # the site's language, not one a test fixture set
from yichuang.accounts.models import User
from yichuang.demo import loader

# Rows the framework keeps for itself (recreated after every flush with new ids): never restored.
_FRAMEWORK = {"contenttypes.contenttype", "auth.permission", "sessions.session", "admin.logentry"}
_snapshots: dict[str, list[tuple[type, list[str], list[tuple]]]] = {}


def _models() -> list[type]:
    return [
        model for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in _FRAMEWORK
    ]


def _fields(model) -> list:
    return [field for field in model._meta.concrete_fields if not getattr(field, "generated", False)]


def _columns(model) -> list[str]:
    return [field.attname for field in _fields(model)]


def _content_type_columns(model) -> list[int]:
    """Positions of the columns naming a content type: their ids change with every flush."""
    return [position for position, field in enumerate(_fields(model)) if field.is_relation and field.related_model is ContentType]


def _record() -> list[tuple[type, list[str], list[tuple]]]:
    natural = {pk: (app, name) for pk, app, name in ContentType.objects.values_list("pk", "app_label", "model")}
    snapshot = []
    for model in _models():
        columns = _columns(model)
        rows = list(model._base_manager.values_list(*columns))
        for position in _content_type_columns(model):
            rows = [row[:position] + (natural.get(row[position]),) + row[position + 1:] for row in rows]
        if rows:
            snapshot.append((model, columns, rows))
    return snapshot


def _restore(snapshot) -> None:
    ids = {(app, name): pk for pk, app, name in ContentType.objects.values_list("pk", "app_label", "model")}
    with transaction.atomic():  # foreign keys are checked at commit, so the order of tables is free
        for model, _, _ in snapshot:
            existing = model._base_manager.all()
            if existing.exists():  # the defaults, as installed after the last flush; checked at commit
                existing._raw_delete(connection.alias)
        for model, columns, rows in snapshot:
            positions = _content_type_columns(model)
            objects = []
            for row in rows:
                values = dict(zip(columns, row))
                for position in positions:
                    values[columns[position]] = ids.get(row[position])
                objects.append(model(**values))
            model._base_manager.bulk_create(objects, batch_size=500)
        statements = connection.ops.sequence_reset_sql(no_style(), [model for model, _, _ in snapshot])
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def demo_load() -> None:
    """The demo world in the test database, as ``yichuang demo_load`` builds it (notifications sent)."""
    snapshot = _snapshots.get(connection.vendor)
    empty = not User.objects.exists()
    if snapshot is not None and empty:
        _restore(snapshot)
        return
    # Sent after the loader's commit, as the command does, also inside a test's transaction. Built in the
    # site's language whatever the calling test reads in (notifications keep the words they were sent
    # with, in the recipient's language or the site's).
    site = site_settings.LANGUAGE_CODE
    with override_settings(LANGUAGE_CODE=site), translation.override(site), \
            TestCase.captureOnCommitCallbacks(execute=True):
        loader.load()
    if empty:
        _snapshots[connection.vendor] = _record()
