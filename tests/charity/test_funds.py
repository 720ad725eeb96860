import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.charity import accounts, services
from yichuang.charity.models import Donation, Fund
from yichuang.charity.services import DonationText, FundText, Member
from yichuang.kernel.money import Money
from yichuang.ledger.checks import problems
from yichuang.places.models import OrganizationType

pytestmark = pytest.mark.django_db


def _world(members=5):
    community = factories.community(name="社东社区")
    host = factories.organization(community.parent, name="高淳区慈善基金会", org_type=OrganizationType.FOUNDATION)
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=community.parent)
    committee = [Member(f"委员{i}", role="chair" if i == 0 else "member") for i in range(members)]
    text = FundText(host=host, community=community, purposes="扶老助困、社区微项目", supervisor="社东社区监委会",
                    receipt_prefix="SDCF", committee=committee)
    return officer, text


def _fund():
    officer, text = _world()
    return officer, services.fund_create(actor=officer, text=text)


def _gift(**changes):
    fields = {"donor_name": "社东村民", "method": "bank", "amount": Money.from_yuan(500),
              "received_on": dt.date.today(), "bank_reference": "TX-1"}
    return DonationText(**{**fields, **changes})


def test_fund_create_names_the_fund_opens_its_accounts_and_takes_a_majority_quorum():
    officer, fund = _fund()
    assert fund.name == "高淳区慈善基金会社东社区慈善基金"
    assert fund.quorum == 3 and fund.committee.count() == 5
    assert set(accounts.balances(fund).values()) == {Money(0)}


def test_fund_create_with_an_even_committee_or_an_unregistered_host_changes_nothing():
    officer, text = _world(members=6)
    text.host.uscc = None
    with pytest.raises(ValidationError) as error:
        services.fund_create(actor=officer, text=text)
    assert set(error.value.message_dict) == {"host", "committee"}
    assert not Fund.objects.exists()


def test_fund_create_by_someone_outside_the_area_is_refused():
    _officer, text = _world()
    stranger = factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.community(name="别处").parent)
    with pytest.raises(PermissionDenied):
        services.fund_create(actor=stranger, text=text)


def test_donations_get_consecutive_receipts_and_balances_come_from_the_ledger():
    officer, fund = _fund()
    first = services.donation_record(actor=officer, fund=fund, text=_gift())
    second = services.donation_record(actor=officer, fund=fund, text=_gift(
        method="cash", bank_reference="", witnesses=("张三", "李四"), amount=Money.from_yuan(200), restriction="老年助餐"))

    year = dt.date.today().year
    assert (first.receipt_number, second.receipt_number) == (f"SDCF{year}000001", f"SDCF{year}000002")
    assert accounts.balances(fund) == {"holdings": Money.from_yuan(700), "unrestricted": Money.from_yuan(500),
                                       "restricted": Money.from_yuan(200)}
    assert problems() == []


def test_the_same_bank_transaction_is_never_recorded_twice():
    officer, fund = _fund()
    services.donation_record(actor=officer, fund=fund, text=_gift())
    with pytest.raises(ValidationError, match="already recorded"):
        services.donation_record(actor=officer, fund=fund, text=_gift(donor_name="另一人"))
    assert Donation.objects.count() == 1


def test_cash_without_two_witnesses_goods_without_valuation_and_a_future_date_are_refused():
    officer, fund = _fund()
    for text, field in ((_gift(method="cash", bank_reference="", witnesses=("张三",)), "witnesses"),
                        (_gift(method="goods", bank_reference=""), "goods"),
                        (_gift(received_on=dt.date.today() + dt.timedelta(days=1)), "received_on"),
                        (_gift(amount=Money(0)), "amount")):
        with pytest.raises(ValidationError) as error:
            services.donation_record(actor=officer, fund=fund, text=text)
        assert field in error.value.message_dict
    assert not Donation.objects.exists() and accounts.balances(fund)["holdings"] == Money(0)


def test_refund_of_an_undrawn_gift_reverses_its_entry_and_a_drawn_gift_cannot_be_refunded():
    from yichuang.charity import grants
    from yichuang.charity.grants import GrantText

    officer, fund = _fund()
    kept = services.donation_record(actor=officer, fund=fund, text=_gift(amount=Money.from_yuan(300)))
    given_back = services.donation_record(actor=officer, fund=fund, text=_gift(bank_reference="TX-2"))
    cost = grants.grant_propose(actor=officer, fund=fund, text=GrantText("cost", "票据印制", Money.from_yuan(10)))
    grants.grant_pay(actor=officer, grant=cost, paid_on=dt.date.today())

    with pytest.raises(ValidationError, match="Say why"):
        services.donation_refund(actor=officer, donation=given_back, reason=" ")
    refunded = services.donation_refund(actor=officer, donation=given_back, reason="捐赠人误转")

    with pytest.raises(ValidationError, match="already spent part"):
        services.donation_refund(actor=officer, donation=kept, reason="捐赠人要求退回")
    assert refunded.status == Donation.Status.REFUNDED and refunded.unspent == Money(0)
    assert accounts.balances(fund)["holdings"] == Money.from_yuan(290)
    assert problems() == []
