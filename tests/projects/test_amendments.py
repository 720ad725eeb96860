"""Amending the tranche plan: both sides confirm, a second officer approves, only then the tranches change."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests import factories
from tests.projects.factories import PLAN, project, second_officer
from tests.reviews.factories import officer_of
from yichuang.core.models import AuditEvent
from yichuang.kernel.money import Money
from yichuang.notifications.models import Notification
from yichuang.projects import amendments, tranches
from yichuang.projects.models import AmendmentStatus, PlanAmendment, Tranche, TrancheStatus

pytestmark = pytest.mark.django_db

# The ¥18,000 project pays ¥9,000 / ¥5,400 / ¥3,600.
SHIFTED = {0: (Money.from_yuan("8000"), None), 1: (Money.from_yuan("6400"), None), 2: (Money.from_yuan("3600"), None)}


def _amounts(created) -> list[int]:
    return list(Tranche.objects.filter(project=created).order_by("position").values_list("amount", flat=True))


def _fen(values) -> list[int]:
    return [getattr(v, "fen", v) for v in values]


def _confirmed(created):
    """Proposed by the officer (the funder's side), confirmed by the organization."""
    amendment = amendments.amendment_propose(actor=officer_of(created.program), project=created, plan=SHIFTED,
                                             reason="活动场地改期，中期款提前部分拨付")
    return amendments.amendment_confirm(actor=factories.applicant(created.organization), amendment=amendment)


def test_amendment_changes_the_tranches_only_after_both_sides_and_a_second_officer():
    created = project(signed=True)
    proposed = amendments.amendment_propose(actor=officer_of(created.program), project=created, plan=SHIFTED,
                                            reason="活动场地改期，中期款提前部分拨付")
    assert _fen(_amounts(created)) == [900_000, 540_000, 360_000]

    confirmed = amendments.amendment_confirm(actor=factories.applicant(created.organization), amendment=proposed)
    assert confirmed.status == AmendmentStatus.CONFIRMED and _fen(_amounts(created)) == [900_000, 540_000, 360_000]

    applied = amendments.amendment_approve(actor=second_officer(created.program), amendment=confirmed)

    assert applied.status == AmendmentStatus.APPLIED
    assert _fen(_amounts(created)) == [800_000, 640_000, 360_000]
    assert list(AuditEvent.objects.filter(action__startswith="projects.amendment.").values_list("action", flat=True)
                .order_by("id")) == ["projects.amendment.proposed", "projects.amendment.confirmed", "projects.amendment.applied"]


def test_amendment_approve_by_the_officer_who_confirmed_for_the_funder_is_refused():
    created = project(signed=True)
    confirmed = _confirmed(created)

    with pytest.raises(ValidationError) as caught:
        amendments.amendment_approve(actor=officer_of(created.program), amendment=confirmed)

    assert "another officer" in caught.value.messages[0] or "另一位" in caught.value.messages[0]
    assert PlanAmendment.objects.get().status == AmendmentStatus.CONFIRMED
    assert _fen(_amounts(created)) == [900_000, 540_000, 360_000]


def test_amendment_approve_before_the_other_side_confirms_is_refused():
    created = project(signed=True)
    proposed = amendments.amendment_propose(actor=factories.applicant(created.organization), project=created, plan=SHIFTED,
                                            reason="中期活动提前")

    with pytest.raises(ValidationError):
        amendments.amendment_approve(actor=second_officer(created.program), amendment=proposed)

    assert proposed.grantee_confirmed_at is not None and proposed.funder_confirmed_at is None
    assert _fen(_amounts(created)) == [900_000, 540_000, 360_000]


def test_amendment_confirm_by_the_side_that_proposed_is_refused():
    created = project(signed=True)
    proposed = amendments.amendment_propose(actor=officer_of(created.program), project=created, plan=SHIFTED, reason="改期")

    with pytest.raises(ValidationError):
        amendments.amendment_confirm(actor=second_officer(created.program), amendment=proposed)

    assert PlanAmendment.objects.get().status == AmendmentStatus.WAITING


def test_amendment_that_changes_the_unpaid_total_is_refused_naming_both_totals():
    created = project(signed=True)
    plan = {**SHIFTED, 2: (Money.from_yuan("4000"), None)}

    with pytest.raises(ValidationError) as caught:
        amendments.amendment_propose(actor=officer_of(created.program), project=created, plan=plan, reason="增加尾款")

    assert "¥18,400.00" in caught.value.messages[0] and "¥18,000.00" in caught.value.messages[0]
    assert not PlanAmendment.objects.exists()


def test_amendment_that_changes_nothing_or_has_no_reason_is_refused():
    created = project(signed=True)
    same = {t.position: (t.amount, t.due_on) for t in amendments.amendable_tranches(created)}

    with pytest.raises(ValidationError):
        amendments.amendment_propose(actor=officer_of(created.program), project=created, plan=same, reason="无变化")
    with pytest.raises(ValidationError) as caught:
        amendments.amendment_propose(actor=officer_of(created.program), project=created, plan=SHIFTED, reason=" ")

    assert "reason" in caught.value.message_dict
    assert not PlanAmendment.objects.exists()


def test_amendment_of_an_unsigned_agreement_or_by_an_outsider_is_refused():
    created = project()
    with pytest.raises(ValidationError):
        amendments.amendment_propose(actor=officer_of(created.program), project=created, plan=SHIFTED, reason="改期")

    signed = project(signed=True)
    outsider = factories.applicant(factories.organization(signed.program.area))
    with pytest.raises(PermissionDenied):
        amendments.amendment_propose(actor=outsider, project=signed, plan=SHIFTED, reason="改期")


def test_amendment_open_blocks_releasing_money_and_a_second_amendment():
    created = project(signed=True)
    _confirmed(created)
    first = Tranche.objects.get(project=created, position=0)

    with pytest.raises(ValidationError):
        tranches.tranche_propose(actor=officer_of(created.program), tranche=first)
    with pytest.raises(ValidationError):
        amendments.amendment_propose(actor=second_officer(created.program), project=created, plan=SHIFTED, reason="再改")

    assert Tranche.objects.get(pk=first.pk).status == TrancheStatus.SCHEDULED


def test_amendment_covers_only_unpaid_tranches_and_is_refused_if_they_changed_meanwhile():
    created = project(signed=True)
    first = Tranche.objects.get(project=created, position=0)
    tranches.tranche_propose(actor=officer_of(created.program), tranche=first)
    tranches.tranche_approve(actor=second_officer(created.program), tranche=first)
    plan = {1: (Money.from_yuan("4400"), None), 2: (Money.from_yuan("4600"), None)}
    amendment = amendments.amendment_propose(actor=officer_of(created.program), project=created, plan=plan, reason="尾款增加")
    amendment = amendments.amendment_confirm(actor=factories.applicant(created.organization), amendment=amendment)
    assert [row[0] for row in amendment.plan] == [1, 2]

    tranches.tranche_reduce(actor=officer_of(created.program), tranche=Tranche.objects.get(project=created, position=2),
                            amount=Money.from_yuan("3000"), reason="终期评估部分不合格")
    with pytest.raises(ValidationError):
        amendments.amendment_approve(actor=second_officer(created.program), amendment=amendment)

    assert _fen(_amounts(created)) == [900_000, 540_000, 300_000]


def test_amendment_reject_needs_a_reason_and_tells_the_proposer():
    created = project(signed=True)
    proposed = amendments.amendment_propose(actor=factories.applicant(created.organization), project=created, plan=SHIFTED,
                                            reason="中期活动提前")

    with pytest.raises(ValidationError):
        amendments.amendment_reject(actor=officer_of(created.program), amendment=proposed, note="")
    rejected = amendments.amendment_reject(actor=officer_of(created.program), amendment=proposed, note="中期评估前不调整")

    assert rejected.status == AmendmentStatus.REJECTED and rejected.decision_note == "中期评估前不调整"
    assert _fen(_amounts(created)) == [900_000, 540_000, 360_000]


def test_amendment_of_a_date_released_tranche_needs_the_date():
    program = factories.program(tranches=[{**PLAN[0]}, {"percent_bp": 5000, "amount": None, "trigger": "date",
                                                         "due_on": "2027-06-30"}])
    created = project(program, signed=True)
    plan = {0: (Money.from_yuan("9000"), None), 1: (Money.from_yuan("9000"), None)}

    with pytest.raises(ValidationError) as caught:
        amendments.amendment_propose(actor=officer_of(program), project=created, plan=plan, reason="延期")
    plan[1] = (Money.from_yuan("9000"), datetime.date(2027, 9, 30))
    amendment = amendments.amendment_propose(actor=officer_of(program), project=created, plan=plan, reason="场地装修，延期三个月")

    assert "due_1" in caught.value.message_dict
    assert amendment.plan[1] == [1, 900_000, "2027-09-30"]


def test_amendment_journey_through_the_pages_by_both_sides_and_a_second_officer(client, django_capture_on_commit_callbacks):
    created = project(signed=True)
    officer, member, second = officer_of(created.program), factories.applicant(created.organization), second_officer(created.program)
    detail = reverse("projects:detail", args=[created.pk])

    client.force_login(member)
    page = client.get(detail).content.decode()
    assert 'data-testid="amendment-form"' in page
    response = client.post(reverse("projects:amendment-propose", args=[created.pk]), {
        "amend-amount_0": "8000", "amend-amount_1": "6400", "amend-amount_2": "3600", "amend-reason": "中期活动提前"})
    assert response.status_code == 302
    amendment = PlanAmendment.objects.get()

    client.force_login(officer)
    client.post(reverse("projects:amendment-step", args=[amendment.pk, "confirm"]))
    client.force_login(second)
    page = client.get(detail).content.decode()
    assert "Tranche 1: ¥9,000.00 → ¥8,000.00" in page and "Approve the amendment" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("projects:amendment-step", args=[amendment.pk, "approve"]))

    assert PlanAmendment.objects.get().status == AmendmentStatus.APPLIED
    assert _fen(_amounts(created)) == [800_000, 640_000, 360_000]
    assert Notification.objects.filter(recipient=member, kind="project.amendment").count() == 1  # in force


def test_amendment_propose_page_with_a_wrong_total_keeps_what_was_typed(client):
    created = project(signed=True)
    client.force_login(officer_of(created.program))

    response = client.post(reverse("projects:amendment-propose", args=[created.pk]), {
        "amend-amount_0": "8000", "amend-amount_1": "6400", "amend-amount_2": "4000", "amend-reason": "调整"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "¥18,400.00" in page and 'value="6400"' in page
    assert not PlanAmendment.objects.exists()
