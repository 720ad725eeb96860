import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.charity.test_funds import _fund, _gift
from tests.charity.test_views import _client
from tests.participation import factories as pf
from yichuang.charity import services
from yichuang.charity.models import Grant
from yichuang.kernel.money import Money

pytestmark = pytest.mark.django_db


def _funded():
    officer, fund = _fund()
    gift = services.donation_record(actor=officer, fund=fund, text=_gift(amount=Money.from_yuan(1000)))
    return officer, fund, gift


def test_grant_to_a_wish_proposed_voted_and_paid_through_the_pages_then_the_donor_follows_it():
    officer, fund, gift = _funded()
    wish, _poster, _checker = pf.published(fund.community)
    client = _client(officer)

    proposed = client.post(reverse("charity:grant-new", args=[fund.pk]), {
        "kind": "wish", "purpose": "为孩子买新书包", "amount": "120", "wish": wish.pk})
    grant = Grant.objects.get()
    hidden_while_decided = Client().get(reverse("charity:grant", args=[grant.pk]))
    for member in fund.committee.all()[:3]:
        client.post(reverse("charity:grant-vote", args=[grant.pk]), {"member": member.pk, "approve": "1"})
    client.post(reverse("charity:grant-pay", args=[grant.pk]), {"paid_on": dt.date.today().isoformat()})
    public = Client().get(reverse("charity:grant", args=[grant.pk])).content.decode()
    traced = Client().get(reverse("charity:trace"), {"receipt": gift.receipt_number, "code": gift.verification_code})

    assert proposed["Location"] == reverse("charity:grant", args=[grant.pk])
    assert hidden_while_decided.status_code == 404
    assert Grant.objects.get().status == Grant.Status.PAID and "为孩子买新书包" in public
    trail = traced.content.decode()
    assert "为孩子买新书包" in trail and "¥880.00 of it is still in the fund" in trail


def test_grant_over_the_money_left_is_refused_on_the_form_with_what_was_typed_kept():
    officer, fund, _gift_row = _funded()

    response = _client(officer).post(reverse("charity:grant-new", args=[fund.pk]), {
        "kind": "emergency", "purpose": "火灾临时救助", "amount": "1500", "recipient": "某户"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "only ¥1,000.00 left" in page and "火灾临时救助" in page
    assert not Grant.objects.exists()


def test_paying_before_the_quorum_flashes_the_count_and_pays_nothing():
    officer, fund, _gift_row = _funded()
    client = _client(officer)
    client.post(reverse("charity:grant-new", args=[fund.pk]), {
        "kind": "emergency", "purpose": "火灾临时救助", "amount": "100", "recipient": "某户"})
    grant = Grant.objects.get()

    response = client.post(reverse("charity:grant-pay", args=[grant.pk]), {"paid_on": dt.date.today().isoformat()},
                           follow=True)

    assert "0 of the 3 approvals" in response.content.decode()
    assert Grant.objects.get().status == Grant.Status.PROPOSED


def test_public_fund_page_lists_paid_grants_and_the_cost_ratio_not_the_emergency_recipient(
        django_assert_max_num_queries):
    officer, fund, _gift_row = _funded()
    client = _client(officer)
    client.post(reverse("charity:grant-new", args=[fund.pk]), {
        "kind": "emergency", "purpose": "火灾临时救助", "amount": "90", "recipient": "社东3组张某"})
    grant = Grant.objects.get()
    for member in fund.committee.all()[:3]:
        client.post(reverse("charity:grant-vote", args=[grant.pk]), {"member": member.pk, "approve": "1"})
    client.post(reverse("charity:grant-new", args=[fund.pk]), {"kind": "cost", "purpose": "票据印制", "amount": "10"})
    for row in Grant.objects.all():
        client.post(reverse("charity:grant-pay", args=[row.pk]), {"paid_on": dt.date.today().isoformat()})

    with django_assert_max_num_queries(14):
        page = Client().get(reverse("charity:fund", args=[fund.pk])).content.decode()
    grant_page = Client().get(reverse("charity:grant", args=[grant.pk])).content.decode()

    assert "火灾临时救助" in page and "10%" in page
    assert "社东3组张某" not in page and "社东3组张某" not in grant_page


def test_committee_page_links_a_member_to_an_account_who_then_votes_signed_in():
    from tests import factories
    from yichuang.accounts.roles import Role

    officer, fund, _gift_row = _funded()
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=fund.community)
    member = fund.committee.last()
    client, url = _client(officer), reverse("charity:committee", args=[fund.pk])

    unknown = client.post(url, {"member": member.pk, f"m{member.pk}-username": "nobody-here"})
    linked = client.post(url, {"member": member.pk, f"m{member.pk}-username": worker.username})
    client.post(reverse("charity:grant-new", args=[fund.pk]), {
        "kind": "emergency", "purpose": "火灾临时救助", "amount": "100", "recipient": "某户"})
    voter = _client(worker)
    voter.post(reverse("charity:grant-vote", args=[Grant.objects.get().pk]), {"approve": "1"})

    assert unknown.status_code == 400 and "No active account has this user name." in unknown.content.decode()
    assert linked.status_code == 302
    vote = Grant.objects.get().votes.get()
    assert vote.member == member and vote.recorded_by == worker
