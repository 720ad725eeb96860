import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from tests.charity.test_funds import _fund, _gift
from tests.participation import factories as pf
from tests.projects import factories as projects
from yichuang.accounts.roles import Role
from yichuang.charity import accounts, grants, services
from yichuang.charity.grants import GrantText
from yichuang.charity.models import Donation, Draw, Grant
from yichuang.kernel.money import Money
from yichuang.ledger.checks import problems
from yichuang.participation.models import MicroWish

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _funded(*gifts):
    officer, fund = _fund()
    for n, (yuan, restriction, day) in enumerate(gifts):
        services.donation_record(actor=officer, fund=fund, text=_gift(
            amount=Money.from_yuan(yuan), restriction=restriction, bank_reference=f"TX-{n}",
            received_on=TODAY - dt.timedelta(days=day)))
    return officer, fund


def _approve(grant, officer, votes=3):
    for member in list(grant.fund.committee.all())[:votes]:
        grant = grants.grant_vote(actor=officer, grant=grant, member=member, approve=True)
    return grant


def _emergency(yuan, restriction=""):
    return GrantText(kind="emergency", purpose="火灾受灾户临时救助", amount=Money.from_yuan(yuan),
                     restriction=restriction, recipient="社东村3组某户")


def test_grant_paid_after_the_quorum_draws_the_oldest_gifts_first_and_balances_the_ledger():
    officer, fund = _funded((300, "", 10), (500, "", 5), (200, "", 1))
    grant = grants.grant_propose(actor=officer, fund=fund, text=_emergency(600))

    grant = _approve(grant, officer)
    paid = grants.grant_pay(actor=officer, grant=grant, paid_on=TODAY)

    drawn = {d.donation.received_on: d.amount.fen for d in Draw.objects.filter(grant=paid).select_related("donation")}
    assert grant.status == Grant.Status.APPROVED and paid.status == Grant.Status.PAID
    assert drawn == {TODAY - dt.timedelta(days=10): 30_000, TODAY - dt.timedelta(days=5): 30_000}
    assert accounts.available(fund) == Money.from_yuan(400)
    assert accounts.balances(fund)[accounts.HOLDINGS] == Money.from_yuan(400)
    assert problems() == []


def test_grant_pay_without_the_quorum_is_refused_with_the_count():
    officer, fund = _funded((300, "", 1))
    grant = _approve(grants.grant_propose(actor=officer, fund=fund, text=_emergency(100)), officer, votes=2)

    with pytest.raises(ValidationError, match="2 of the 3 approvals"):
        grants.grant_pay(actor=officer, grant=grant, paid_on=TODAY)
    assert Grant.objects.get(pk=grant.pk).status == Grant.Status.PROPOSED and not Draw.objects.exists()


def test_grant_larger_than_the_unrestricted_money_is_refused_and_restricted_money_pays_only_its_restriction():
    officer, fund = _funded((300, "", 2), (1000, "助老餐桌", 1))

    with pytest.raises(ValidationError, match="only ¥300.00 left"):
        grants.grant_propose(actor=officer, fund=fund, text=_emergency(400))
    with pytest.raises(ValidationError, match="only ¥0.00 left"):
        grants.grant_propose(actor=officer, fund=fund, text=_emergency(100, restriction="儿童书屋"))
    grant = grants.grant_propose(actor=officer, fund=fund, text=_emergency(800, restriction="助老餐桌"))
    grants.grant_pay(actor=officer, grant=_approve(grant, officer), paid_on=TODAY)

    assert accounts.available(fund, "助老餐桌") == Money.from_yuan(200)
    assert accounts.available(fund) == Money.from_yuan(300)
    assert accounts.balances(fund)[accounts.RESTRICTED] == Money.from_yuan(200)


def test_committee_member_of_the_recipient_may_not_vote_and_the_grant_fails_when_quorum_is_out_of_reach():
    officer, fund = _funded((20_000, "", 1))
    project = projects.project()
    seated = list(fund.committee.all())
    for member in seated[:2]:  # two of five belong to the recipient: three may vote, all three must approve
        type(member).objects.filter(pk=member.pk).update(organization=project.organization)
    grant = grants.grant_propose(actor=officer, fund=fund, text=GrantText(
        kind="project", purpose="配套资助", amount=Money.from_yuan(5000), project=project))

    with pytest.raises(ValidationError, match="may not vote"):
        grants.grant_vote(actor=officer, grant=grant, member=seated[0], approve=True)
    grants.grant_vote(actor=officer, grant=grant, member=seated[2], approve=True)
    grant = grants.grant_vote(actor=officer, grant=grant, member=seated[3], approve=False)

    assert grant.status == Grant.Status.REJECTED
    assert grant.votes.count() == 2
    with pytest.raises(ValidationError, match="already decided"):
        grants.grant_vote(actor=officer, grant=grant, member=seated[4], approve=True)


def test_grant_vote_twice_by_one_member_and_by_an_outsider_are_refused():
    officer, fund = _funded((300, "", 1))
    member = fund.committee.first()
    member.user = factories.user_with_role(Role.RESIDENT, area=fund.community)
    type(member).objects.filter(pk=member.pk).update(user=member.user)
    grant = grants.grant_propose(actor=officer, fund=fund, text=_emergency(100))

    grants.grant_vote(actor=member.user, grant=grant, member=member, approve=True)

    with pytest.raises(ValidationError, match="already voted"):
        grants.grant_vote(actor=officer, grant=grant, member=member, approve=False)
    with pytest.raises(PermissionDenied):
        grants.grant_vote(actor=factories.user_with_role(Role.RESIDENT, area=fund.community), grant=grant,
                          member=fund.committee.last(), approve=True)


def test_grant_to_a_micro_wish_adopts_it_for_the_fund_which_cannot_release_it():
    officer, fund = _funded((300, "", 1))
    wish, _poster, _checker = pf.published(fund.community)
    grant = grants.grant_propose(actor=officer, fund=fund, text=GrantText(
        kind="wish", purpose=wish.title, amount=wish.value, wish=wish))

    grants.grant_pay(actor=officer, grant=_approve(grant, officer), paid_on=TODAY)

    wish.refresh_from_db()
    assert wish.status == MicroWish.Status.ADOPTED and wish.sponsor == fund.name
    from yichuang.participation import wishes
    with pytest.raises(ValidationError, match="has paid for this wish"):
        wishes.wish_release(actor=officer, wish=wish, reason="x")


def test_management_cost_needs_no_vote_and_comes_from_unrestricted_money_only():
    officer, fund = _funded((300, "", 2), (500, "助老餐桌", 1))

    with pytest.raises(ValidationError, match="unrestricted money only"):
        grants.grant_propose(actor=officer, fund=fund, text=GrantText(
            kind="cost", purpose="票据印制", amount=Money.from_yuan(10), restriction="助老餐桌"))
    cost = grants.grant_propose(actor=officer, fund=fund, text=GrantText(
        kind="cost", purpose="票据印制", amount=Money.from_yuan(10)))
    grants.grant_pay(actor=officer, grant=cost, paid_on=TODAY)

    assert cost.status == Grant.Status.APPROVED
    assert accounts.available(fund) == Money.from_yuan(290)
    assert problems() == []


def test_grant_propose_by_someone_who_does_not_manage_the_fund_is_refused():
    officer, fund = _funded((300, "", 1))

    with pytest.raises(PermissionDenied):
        grants.grant_propose(actor=factories.user_with_role(Role.RESIDENT, area=fund.community), fund=fund,
                             text=_emergency(10))
    assert not Grant.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_grants_paid_at_once_from_the_last_money_one_succeeds():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    officer, fund = _funded((500, "", 1))
    first = _approve(grants.grant_propose(actor=officer, fund=fund, text=_emergency(400)), officer)
    second = _approve(grants.grant_propose(actor=officer, fund=fund, text=_emergency(400)), officer)

    def pay(grant):
        try:
            grants.grant_pay(actor=officer, grant=grant, paid_on=TODAY)
            return "paid"
        except ValidationError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(pay, [first, second]))

    assert outcomes == ["paid", "refused"]
    assert accounts.available(fund) == Money.from_yuan(100)
    assert Donation.objects.get().unspent == Money.from_yuan(100)


def test_check_ledger_finds_quarterly_totals_that_drifted_from_the_ledger():
    from yichuang.charity.models import FundPeriod

    officer, fund = _funded((300, "", 1))
    FundPeriod.objects.filter(fund=fund).update(income=1)

    assert any("differ from the ledger" in p for p in problems())
