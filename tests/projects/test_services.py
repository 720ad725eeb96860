"""Approval into projects, agreements, tranches with four eyes, claw-backs, and the ledger checks."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from tests import factories
from tests.delivery.factories import decided_evaluation
from tests.projects.factories import PLAN, project, second_officer
from tests.reviews.factories import officer_of
from yichuang.core.models import AuditEvent
from yichuang.kernel.money import Money
from yichuang.ledger import checks
from yichuang.ledger.models import Entry
from yichuang.projects import services, tranches
from yichuang.projects.models import Tranche, TrancheStatus

pytestmark = pytest.mark.django_db


def test_project_create_builds_tranches_budget_lines_and_a_limited_grant_account():
    created = project()

    assert created.grant == Money.from_yuan(18_000)
    assert [t.amount.fen for t in created.tranches.all()] == [900_000, 540_000, 360_000]
    assert [t.trigger for t in created.tranches.all()] == ["signing", "midterm_pass", "final_pass"]
    assert [(line.item, line.budget.fen) for line in created.budget_lines.all()] == [
        ("助餐补贴与物料", 1_500_000), ("专业社工服务", 300_000)]
    assert created.agreement.terms["grant"] == 1_800_000
    assert checks.problems() == []


def test_project_create_by_an_officer_of_another_district_is_refused():
    program = factories.program(tranches=PLAN)
    application = factories.submitted_application(program, factories.organization(program.area))
    outsider = factories.user_with_role("program_officer", area=factories.district("别区"))

    with pytest.raises(PermissionDenied):
        services.project_create(actor=outsider, application=application)


def test_agreement_confirm_needs_both_sides_each_once():
    created = project()
    officer, member = officer_of(created.program), factories.applicant(created.organization)

    services.agreement_confirm(actor=officer, agreement=created.agreement)
    with pytest.raises(ValidationError):
        services.agreement_confirm(actor=officer, agreement=created.agreement)
    signed = services.agreement_confirm(actor=member, agreement=created.agreement)

    assert signed.is_signed and signed.funder_confirmed_by == officer and signed.grantee_confirmed_by == member


def test_tranche_propose_before_signing_is_refused():
    created = project()
    first = created.tranches.first()

    with pytest.raises(ValidationError, match="agreement"):
        tranches.tranche_propose(actor=officer_of(created.program), tranche=first)
    assert Tranche.objects.get(pk=first.pk).status == TrancheStatus.SCHEDULED


def test_tranche_approve_by_the_proposer_is_refused_and_another_officer_pays():
    created = project(signed=True)
    first, proposer = created.tranches.first(), officer_of(created.program)
    tranches.tranche_propose(actor=proposer, tranche=first)

    with pytest.raises(ValidationError, match="another officer"):
        tranches.tranche_approve(actor=proposer, tranche=first)
    assert Entry.objects.count() == 0
    paid = tranches.tranche_approve(actor=second_officer(created.program), tranche=first)

    assert paid.status == TrancheStatus.PAID and paid.payment.kind == "payment"
    assert tranches.paid_to(created) == 900_000
    assert checks.problems() == []


def test_tranche_propose_above_its_planned_amount_is_refused_naming_the_plan():
    created = project(signed=True)
    first = created.tranches.first()

    with pytest.raises(ValidationError) as error:
        tranches.tranche_propose(actor=officer_of(created.program), tranche=first, amount=Money.from_yuan("9000.01"))

    assert "¥9,000.00" in str(error.value)
    assert Tranche.objects.get(pk=first.pk).status == TrancheStatus.SCHEDULED


def test_tranche_propose_out_of_order_is_refused_naming_the_earlier_tranche():
    created = project(signed=True)
    mid = created.tranches.get(position=1)

    with pytest.raises(ValidationError) as error:
        tranches.tranche_propose(actor=officer_of(created.program), tranche=mid)

    assert error.value.messages[0].startswith(("Tranche 1", "第 1 期"))
    assert Tranche.objects.get(pk=mid.pk).status == TrancheStatus.SCHEDULED


def test_tranche_propose_after_an_earlier_tranche_was_cancelled_is_allowed():
    created = project(signed=True)
    officer = officer_of(created.program)
    tranches.tranche_cancel(actor=officer, tranche=created.tranches.get(position=0), reason="协议变更")
    decided_evaluation(created, result="pass", consequence="none")

    proposed = tranches.tranche_propose(actor=officer, tranche=created.tranches.get(position=1))

    assert proposed.status == TrancheStatus.PROPOSED


def test_tranche_propose_for_an_evaluation_trigger_waits_for_a_passed_evaluation():
    created = project(signed=True)
    _paid_first(created)
    mid = created.tranches.get(position=1)
    officer = officer_of(created.program)

    with pytest.raises(ValidationError, match="passed evaluation"):
        tranches.tranche_propose(actor=officer, tranche=mid)
    decided_evaluation(created, result="rectify", consequence="none")
    with pytest.raises(ValidationError, match="passed evaluation"):
        tranches.tranche_propose(actor=officer, tranche=mid)
    decided_evaluation(created, result="pass", consequence="none")
    tranches.tranche_propose(actor=officer, tranche=mid)
    paid = tranches.tranche_approve(actor=second_officer(created.program), tranche=mid)

    assert paid.status == TrancheStatus.PAID


def test_tranche_hold_then_reduce_then_resume_keeps_the_plan_below_the_grant():
    created = project(signed=True)
    officer, last = officer_of(created.program), created.tranches.get(position=2)

    tranches.tranche_hold(actor=officer, tranche=last, reason="中期评估：限期整改")
    with pytest.raises(ValidationError):
        tranches.tranche_propose(actor=officer, tranche=last)
    tranches.tranche_reduce(actor=officer, tranche=last, amount=Money.from_yuan(2_000), reason="整改未完全到位")
    resumed = tranches.tranche_resume(actor=officer, tranche=last, reason="整改完成")

    assert resumed.status == TrancheStatus.SCHEDULED and resumed.amount == Money.from_yuan(2_000)
    assert AuditEvent.objects.filter(action="projects.tranche.reduced").count() == 1


def _paid_first(created):
    first = created.tranches.first()
    tranches.tranche_propose(actor=officer_of(created.program), tranche=first)
    return tranches.tranche_approve(actor=second_officer(created.program), tranche=first)


def test_tranche_claw_back_in_part_then_the_rest_never_more_than_paid():
    created = project(signed=True)
    first = _paid_first(created)
    officer = officer_of(created.program)

    tranches.tranche_claw_back(actor=officer, tranche=first, amount=Money.from_yuan(1_000), reason="结余退回")
    with pytest.raises(ValidationError):
        tranches.tranche_claw_back(actor=officer, tranche=first, amount=Money.from_yuan(8_001), reason="超额")
    tranches.tranche_claw_back(actor=officer, tranche=first, amount=Money.from_yuan(8_000), reason="项目终止")

    assert tranches.paid_to(created) == 0
    assert tranches.clawed_back(first) == 900_000
    assert checks.problems() == []
    audited = AuditEvent.objects.filter(action="projects.tranche.clawed_back").order_by("id")
    assert [event.after["clawed_back"] for event in audited] == [100_000, 800_000]


def test_ledger_entries_are_audited_in_the_programs_area():
    created = project(signed=True)

    _paid_first(created)

    payment = AuditEvent.objects.get(action="ledger.entry.payment")
    assert payment.area_path == created.program.area.path


def test_tranche_claw_back_of_the_whole_payment_is_its_reversal():
    created = project(signed=True)
    first = _paid_first(created)

    entry = tranches.tranche_claw_back(actor=officer_of(created.program), tranche=first, amount=first.amount,
                                       reason="评估不合格，全额追回")

    assert entry.reverses_id == first.payment_id
    assert checks.problems() == []


def test_check_ledger_finds_a_tranche_marked_paid_without_its_payment():
    created = project(signed=True)
    first = _paid_first(created)
    Tranche.objects.filter(pk=created.tranches.get(position=1).pk).update(status=TrancheStatus.PAID)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE projects_tranche SET amount = amount + 1 WHERE id = %s", [first.pk])

    found = checks.problems()

    assert any("#2" in line and "ledger has payment entries []" in line for line in found)
    assert any("#1" in line and "moved 900000 fen" in line for line in found)


@pytest.mark.django_db(transaction=True)
def test_tranche_approve_by_two_officers_at_once_pays_once():
    created = project(signed=True)
    first = created.tranches.first()
    tranches.tranche_propose(actor=officer_of(created.program), tranche=first)
    approvers = [second_officer(created.program), second_officer(created.program)]
    outcomes, barrier = [], threading.Barrier(2)

    def approve(user):
        barrier.wait()
        try:
            tranches.tranche_approve(actor=user, tranche=first)
            outcomes.append("paid")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(user,)) for user in approvers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["paid", "refused"]
    assert Entry.objects.filter(kind="payment").count() == 1
    assert checks.problems() == []
