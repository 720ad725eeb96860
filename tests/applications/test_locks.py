"""Row locks lock only the row that changes: never the workflow state or program joined to it."""

from __future__ import annotations

import ast
import pathlib
import threading

import pytest
from django.db import connection, transaction

from tests import factories
from yichuang.applications.models import Application
from yichuang.applications.services import application_autosave

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "yichuang"


def _lock_calls_without_of() -> list[str]:
    found = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "select_for_update":
                if not any(keyword.arg == "of" for keyword in node.keywords):
                    found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def test_locks_every_select_for_update_names_its_own_table():
    assert _lock_calls_without_of() == []


@pytest.mark.django_db(transaction=True)
def test_locks_two_drafts_in_the_same_state_save_without_waiting():
    """On PostgreSQL one draft is held locked while another in the same state saves; a lock on the
    shared state row would make the second wait (and fail here after one second). SQLite has one
    lock for the whole database, so there the two saves simply follow each other."""
    program = factories.program()
    first = factories.draft_application(program, factories.organization(program.area))
    second = factories.draft_application(program, factories.organization(program.area))
    postgres = connection.vendor == "postgresql"
    locked, release, saved = threading.Event(), threading.Event(), []

    def hold_first():
        with transaction.atomic():  # the same save as the second one, held open
            application_autosave(actor=factories.applicant(first.organization), application=first,
                                 raw=factories.application_document(), revision=first.draft_revision)
            locked.set()
            release.wait(10)
        connection.close()

    holder = threading.Thread(target=hold_first)
    holder.start()
    locked.wait(10)
    if not postgres:
        release.set()
        holder.join()
    try:
        with transaction.atomic():
            if postgres:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '1s'")
            member = factories.applicant(second.organization)
            raw = {**factories.application_document(), "title": "第二份草稿"}
            application_autosave(actor=member, application=second, raw=raw, revision=second.draft_revision)
            saved.append(second.pk)
    finally:
        release.set()
        holder.join()

    assert saved == [second.pk]
    assert Application.objects.get(pk=second.pk).draft["title"] == "第二份草稿"


@pytest.mark.django_db(transaction=True)
def test_locks_two_simultaneous_resubmits_make_one_version_and_one_clear_refusal():
    from django.core.exceptions import ValidationError

    from tests.reviews.factories import officer_of
    from yichuang.applications.engine import application_transition

    program = factories.program()
    organization = factories.organization(program.area)
    application = factories.submitted_application(program, organization)
    officer = officer_of(program)
    application_transition(actor=officer, application=application, code="start_screening")
    application_transition(actor=officer, application=application, code="request_info", reason="请补充预算说明")
    member = factories.applicant(organization)
    versions_before = application.versions.count()
    outcomes, barrier = [], threading.Barrier(2)

    def resubmit():
        barrier.wait()
        try:
            application_transition(actor=member, application=application, code="resubmit", answer="已补充")
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=resubmit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["done", "refused"]
    assert application.versions.count() == versions_before + 1
