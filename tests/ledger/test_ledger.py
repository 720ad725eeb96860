"""The double-entry ledger: balanced or nothing, append-only, grants never overpaid, checkable."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from tests import factories
from tests.demo_world import demo_load
from yichuang.core.appendonly import AppendOnlyError, guard, unguard
from yichuang.ledger import checks
from yichuang.ledger.models import Entry, Posting
from yichuang.ledger.services import account_open, entry_post, entry_reverse
from yichuang.projects.models import Tranche, TrancheStatus

pytestmark = pytest.mark.django_db


def _accounts():
    actor = factories.operator()
    bank = account_open(actor=actor, code="program:t:bank", name="专户", kind="asset")
    grant = account_open(actor=actor, code="grant:t-001", name="T-001 资助", kind="liability", limit=2_000_000)
    return actor, bank, grant


def test_entry_post_balanced_entry_is_written_with_its_lines():
    actor, bank, grant = _accounts()

    entry = entry_post(actor=actor, kind="payment", lines=[(grant, -1_000_000), (bank, 1_000_000)], reference="tranche 1")

    assert sorted(p.amount.fen for p in entry.postings.all()) == [-1_000_000, 1_000_000]
    assert checks.problems() == []


@pytest.mark.parametrize(("lines", "message"), [
    (lambda b, g: [(g, -100), (b, 99)], "does not balance"),
    (lambda b, g: [(g, -100.0), (b, 100.0)], "whole fen"),
    (lambda b, g: [(b, 0), (g, 0)], "cannot be zero"),
    (lambda b, g: [(b, 100)], "at least two lines"),
])
def test_entry_post_bad_lines_write_nothing(lines, message):
    actor, bank, grant = _accounts()

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        entry_post(actor=actor, kind="payment", lines=lines(bank, grant))

    assert message in caught.value.messages[0]
    assert not Entry.objects.exists() and not Posting.objects.exists()


def test_entry_post_beyond_the_grant_is_refused():
    actor, bank, grant = _accounts()
    entry_post(actor=actor, kind="payment", lines=[(grant, -1_500_000), (bank, 1_500_000)])

    with pytest.raises(ValidationError):
        entry_post(actor=actor, kind="payment", lines=[(grant, -600_000), (bank, 600_000)])

    assert Entry.objects.count() == 1


def test_ledger_rows_can_be_neither_changed_nor_deleted():
    actor, bank, grant = _accounts()
    entry = entry_post(actor=actor, kind="payment", lines=[(grant, -100), (bank, 100)])

    with pytest.raises(AppendOnlyError):
        entry.memo = "changed"
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.postings.first().delete()
    with pytest.raises(AppendOnlyError):
        Posting.objects.filter(entry=entry).update(amount=0)
    with pytest.raises(AppendOnlyError):
        Entry.objects.filter(pk=entry.pk).delete()


def test_clawback_reverses_the_payment_once():
    actor, bank, grant = _accounts()
    payment = entry_post(actor=actor, kind="payment", lines=[(grant, -1_000_000), (bank, 1_000_000)])

    clawback = entry_reverse(actor=actor, entry=payment, reason="中期评估不合格，追回")

    assert clawback.reverses == payment
    assert sorted(p.amount.fen for p in clawback.postings.all()) == [-1_000_000, 1_000_000]
    with pytest.raises(ValidationError):
        entry_reverse(actor=actor, entry=payment, reason="again")
    assert checks.problems() == []


def test_check_ledger_passes_on_the_demo(capsys):
    demo_load()

    call_command("check-ledger")

    assert "ledger ok" in capsys.readouterr().out
    # Paid in the demo: Shushan's three first tranches, Wujin 2024's fourteen first tranches and ten
    # mid-term tranches after the mid-term evaluation: something to prove.
    assert Entry.objects.filter(kind="payment").count() == Tranche.objects.filter(status=TrancheStatus.PAID).count() == 27


def test_check_ledger_fails_on_the_demo_with_a_tranche_changed_behind_its_back(capsys):
    from yichuang.projects.models import Tranche

    demo_load()
    paid = Tranche.objects.filter(status="paid").order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE projects_tranche SET amount = amount - 100 WHERE id = %s", [paid.pk])

    with pytest.raises(SystemExit) as exited:
        call_command("check-ledger")

    assert exited.value.code == 1
    assert f"tranche {paid.pk} (" in capsys.readouterr().err


def test_check_ledger_fails_on_a_deliberately_broken_copy():
    actor, bank, grant = _accounts()
    entry = entry_post(actor=actor, kind="payment", lines=[(grant, -1_000_000), (bank, 1_000_000)])
    unguard(connection)  # a copy broken behind the application's back, its database guard removed first
    try:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE ledger_posting SET amount = %s WHERE entry_id = %s AND amount > 0", [1_000_001, entry.pk])
    finally:
        guard(connection)

    found = checks.problems()

    assert f"entry {entry.pk} does not balance: +1 fen" in found
    assert "the ledger as a whole does not balance: +1 fen" in found
    with pytest.raises(SystemExit) as exited:
        call_command("check-ledger")
    assert exited.value.code == 1


@pytest.mark.parametrize("statement", [
    "UPDATE ledger_posting SET amount = 0 WHERE entry_id = %s",
    "DELETE FROM ledger_posting WHERE entry_id = %s",
    "UPDATE ledger_entry SET memo = 'x' WHERE id = %s",
])
def test_ledger_rows_are_refused_by_the_database_itself(statement):
    from django.db import DatabaseError, transaction

    actor, bank, grant = _accounts()
    entry = entry_post(actor=actor, kind="payment", lines=[(grant, -100), (bank, 100)])

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [entry.pk])

    assert [p.amount.fen for p in Posting.objects.filter(entry=entry).order_by("id")] == [-100, 100]
