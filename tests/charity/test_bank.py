import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from tests.charity.test_funds import _fund
from tests.charity.test_views import _client
from yichuang.accounts.roles import Role
from yichuang.charity import accounts, bank
from yichuang.charity.bank import PledgeText
from yichuang.charity.models import BankLine, Donation
from yichuang.kernel.money import Money
from yichuang.ledger.checks import problems

pytestmark = pytest.mark.django_db
DAY = (dt.date.today() - dt.timedelta(days=2)).isoformat()


def _csv(*rows, encoding="utf-8") -> SimpleUploadedFile:
    lines = ["交易日期,金额,交易流水号,对方户名,摘要", *(",".join(row) for row in rows)]
    return SimpleUploadedFile("statement.csv", "\n".join(lines).encode(encoding), content_type="text/csv")


def _pledged(yuan=300):
    officer, fund = _fund()
    donor = factories.user_with_role(Role.DONOR, area=fund.community)
    pledge = bank.pledge_make(actor=donor, fund=fund, text=PledgeText("捐赠人甲", Money.from_yuan(yuan), True))
    return officer, fund, donor, pledge


def test_statement_import_matches_a_pledge_by_its_code_and_amount_and_keeps_the_rest_waiting():
    officer, fund, _donor, pledge = _pledged()
    upload = _csv((DAY, "300.00", "B-1", "甲", f"捐款 {pledge.pledge_code.lower()}"),
                  (DAY, "300.00", "B-2", "乙", "捐款"), (DAY, "-50", "B-3", "手续费", ""), encoding="gb18030")

    result = bank.statement_import(actor=officer, fund=fund, upload=upload)

    pledge.refresh_from_db()
    assert (result.matched, result.waiting, result.duplicates) == (1, 1, 0)
    assert pledge.status == Donation.Status.RECEIVED and pledge.receipt_number.startswith("SDCF")
    assert pledge.bank_reference == "B-1" and accounts.available(fund) == Money.from_yuan(300)
    assert set(BankLine.objects.values_list("reference", "status")) == {("B-1", "matched"), ("B-2", "unmatched")}
    assert problems() == []


def test_statement_import_twice_imports_nothing_again_and_a_different_amount_is_not_matched():
    officer, fund, _donor, pledge = _pledged()
    first = bank.statement_import(actor=officer, fund=fund, upload=_csv((DAY, "299", "B-1", "甲", pledge.pledge_code)))

    again = bank.statement_import(actor=officer, fund=fund, upload=_csv((DAY, "299", "B-1", "甲", pledge.pledge_code),
                                                                        (DAY, "299", "B-1", "甲", pledge.pledge_code)))

    assert (first.matched, first.waiting) == (0, 1) and (again.waiting, again.duplicates) == (0, 2)
    assert BankLine.objects.count() == 1 and Donation.objects.get().status == Donation.Status.PLEDGED


def test_statement_with_an_unreadable_row_imports_nothing_and_names_the_row():
    officer, fund, _donor, pledge = _pledged()

    result = bank.statement_import(actor=officer, fund=fund, upload=_csv(
        (DAY, "300.00", "B-1", "甲", pledge.pledge_code), (DAY, "12.345", "B-2", "乙", ""), ("明天", "5", "B-3", "", "")))

    assert result.problems == ["Row 3: the date or the amount cannot be read.",
                               "Row 4: the date or the amount cannot be read."]
    assert not BankLine.objects.exists() and Donation.objects.get().status == Donation.Status.PLEDGED


def test_statement_import_by_someone_who_does_not_run_the_fund_is_refused():
    _officer, fund, donor, _pledge = _pledged()

    with pytest.raises(PermissionDenied):
        bank.statement_import(actor=donor, fund=fund, upload=_csv((DAY, "1", "B-9", "", "")))


def test_waiting_line_recorded_as_a_donation_from_the_prefilled_form_is_marked_recorded():
    officer, fund, _donor, _pledge = _pledged()
    bank.statement_import(actor=officer, fund=fund, upload=_csv((DAY, "88", "B-7", "某公司", "捐赠")))
    line = BankLine.objects.get()
    client = _client(officer)

    form = client.get(reverse("charity:donation-new", args=[fund.pk]), {"line": line.pk}).content.decode()
    client.post(reverse("charity:donation-new", args=[fund.pk]), {
        "method": "bank", "donor_name": "某公司", "amount": "88", "received_on": DAY, "bank_reference": "B-7"})

    assert 'value="B-7"' in form and 'value="某公司"' in form
    line.refresh_from_db()
    assert line.status == BankLine.Status.RECORDED and line.donation.amount == Money.from_yuan(88)


def test_pledge_page_then_my_gifts_shows_the_code_and_after_matching_the_receipt(django_assert_max_num_queries):
    officer, fund = _fund()
    donor = factories.user_with_role(Role.DONOR, area=fund.community)
    client = _client(donor)

    response = client.post(reverse("charity:pledge", args=[fund.pk]), {"donor_name": "捐赠人乙", "amount": "66.60"})
    code = Donation.objects.get().pledge_code
    before = client.get(reverse("charity:mine")).content.decode()
    bank.statement_import(actor=officer, fund=fund, upload=_csv((DAY, "66.6", "B-5", "乙", code)))
    with django_assert_max_num_queries(8):
        after = client.get(reverse("charity:mine")).content.decode()

    assert response["Location"] == reverse("charity:mine")
    assert code in before and Donation.objects.get().receipt_number in after


def test_statement_page_upload_of_a_non_statement_file_keeps_nothing_and_says_why():
    officer, fund = _fund()

    response = _client(officer).post(reverse("charity:statement", args=[fund.pk]), {
        "statement": SimpleUploadedFile("x.csv", "名字,电话\n张三,1\n".encode())})

    assert response.status_code == 400 and "交易流水号" in response.content.decode()
    assert not BankLine.objects.exists()
