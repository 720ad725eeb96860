"""Spending against budget lines with vouchers; moving money between lines within or beyond the tolerance."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from tests.projects.factories import project, voucher
from tests.reviews.factories import officer_of
from yichuang.kernel.money import Money
from yichuang.projects import spending
from yichuang.projects.models import AdjustmentStatus, Expenditure

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _lines(created):
    return list(created.budget_lines.all())  # ¥15,000 and ¥3,000; tolerance 10 %


def test_expenditure_record_keeps_the_voucher_and_counts_against_the_line():
    created = project()
    food, _staff = _lines(created)

    spending.expenditure_record(actor=factories.applicant(created.organization), line=food, amount=Money.from_yuan(1_200),
                                spent_on=TODAY, description="三月助餐食材", voucher=voucher())

    assert spending.spent(food) == 120_000
    assert Expenditure.objects.get().voucher_name == "发票.pdf"


@pytest.mark.parametrize(("amount", "name", "message"), [
    ("15000.01", "发票.pdf", "more than the whole budget"),
    ("0", "发票.pdf", "above zero"),
    ("100", "发票.exe", "exe"),
])
def test_expenditure_record_with_bad_input_changes_nothing(amount, name, message):
    created = project()
    food, _staff = _lines(created)

    with pytest.raises(ValidationError, match=message):
        spending.expenditure_record(actor=factories.applicant(created.organization), line=food,
                                    amount=Money.from_yuan(amount), spent_on=TODAY, description="食材", voucher=voucher(name))
    assert Expenditure.objects.count() == 0


def test_expenditure_record_overspends_within_the_tolerance_but_not_beyond():
    created = project()
    _food, staff = _lines(created)  # ¥3,000, may go to ¥3,300
    member = factories.applicant(created.organization)
    for amount in (2_500, 800):
        spending.expenditure_record(actor=member, line=staff, amount=Money.from_yuan(amount), spent_on=TODAY,
                                    description="社工服务费", voucher=voucher())

    with pytest.raises(ValidationError, match="beyond the tolerance"):
        spending.expenditure_record(actor=member, line=staff, amount=Money.from_yuan("0.01"), spent_on=TODAY,
                                    description="社工加班", voucher=voucher())
    assert spending.spent(staff) == 330_000


def test_expenditure_record_by_an_officer_is_refused():
    created = project()
    food, _staff = _lines(created)

    with pytest.raises(PermissionDenied):
        spending.expenditure_record(actor=officer_of(created.program), line=food, amount=Money.from_yuan(10),
                                    spent_on=TODAY, description="x", voucher=voucher())


def test_adjustment_within_the_tolerance_applies_at_once():
    created = project()
    food, staff = _lines(created)

    adjustment = spending.adjustment_request(actor=factories.applicant(created.organization), project=created, source=food,
                                             target=staff, amount=Money.from_yuan(1_500), reason="增加社工督导")

    food.refresh_from_db(), staff.refresh_from_db()
    assert adjustment.status == AdjustmentStatus.APPLIED
    assert (food.budget.fen, staff.budget.fen) == (1_350_000, 450_000)


def test_adjustment_beyond_the_tolerance_waits_for_an_officer_who_may_reject_with_a_reason():
    created = project()
    food, staff = _lines(created)
    adjustment = spending.adjustment_request(actor=factories.applicant(created.organization), project=created, source=food,
                                             target=staff, amount=Money.from_yuan("1500.01"),
                                             reason="增加社工督导")
    officer = officer_of(created.program)

    with pytest.raises(ValidationError):
        spending.adjustment_decide(actor=officer, adjustment=adjustment, approve=False, note="")
    approved = spending.adjustment_decide(actor=officer, adjustment=adjustment, approve=True)

    staff.refresh_from_db()
    assert adjustment.status == AdjustmentStatus.PENDING and approved.status == AdjustmentStatus.APPROVED
    assert staff.budget.fen == 450_001
