import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.charity.test_funds import _fund, _gift, _world
from yichuang.charity import services
from yichuang.charity.models import Donation, Fund
from yichuang.kernel.money import Money

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_fund_set_up_through_the_page_and_an_even_committee_is_refused_with_what_was_typed_kept():
    officer, text = _world()
    form = {"host": text.host.pk, "community": text.community.pk, "purposes": "扶老助困", "supervisor": "监委会",
            "receipt_prefix": "sdcf", "committee": "甲\n乙\n丙\n丁"}
    client = _client(officer)

    refused = client.post(reverse("charity:fund-new"), form)
    created = client.post(reverse("charity:fund-new"), {**form, "committee": "甲\n乙\n丙\n丁\n戊"})

    assert refused.status_code == 400 and "at least 5 members" in refused.content.decode()
    assert "扶老助困" in refused.content.decode()
    fund = Fund.objects.get()
    assert created["Location"] == reverse("charity:fund", args=[fund.pk]) and fund.receipt_prefix == "SDCF"


def test_donation_form_refuses_fractions_of_a_fen_and_a_repeated_bank_transaction():
    officer, fund = _fund()
    client, url = _client(officer), reverse("charity:donation-new", args=[fund.pk])
    base = {"method": "bank", "donor_name": "村民", "received_on": dt.date.today().isoformat(), "bank_reference": "TX-9"}

    fraction = client.post(url, {**base, "amount": "12.345"})
    first = client.post(url, {**base, "amount": "12.34"})
    repeat = client.post(url, {**base, "amount": "50"})

    assert fraction.status_code == 400 and first.status_code == 302 and repeat.status_code == 400
    assert "already recorded" in repeat.content.decode()
    assert list(Donation.objects.values_list("amount", flat=True)) == [Money(1234)]


def test_public_fund_page_names_only_donors_who_consented_and_uses_few_queries(django_assert_max_num_queries):
    officer, fund = _fund()
    services.donation_record(actor=officer, fund=fund, text=_gift(donor_name="公开的捐赠人", publish_name=True))
    services.donation_record(actor=officer, fund=fund, text=_gift(donor_name="不公开的捐赠人", bank_reference="TX-2"))

    with django_assert_max_num_queries(12):
        page = Client().get(reverse("charity:fund", args=[fund.pk])).content.decode()
    with django_assert_max_num_queries(6):
        listed = Client().get(reverse("charity:fund-list")).content.decode()

    assert "公开的捐赠人" in page and "不公开的捐赠人" not in page and "¥1,000.00" in page
    assert fund.name in listed


def test_receipt_pdf_for_the_fund_managers_only_and_tracing_needs_the_right_code():
    officer, fund = _fund()
    gift = services.donation_record(actor=officer, fund=fund, text=_gift())
    stranger = factories.user_with_role("donor", area=fund.community)
    url = reverse("charity:receipt", args=[gift.pk])

    pdf = _client(officer).get(url)
    hidden = _client(stranger).get(url)
    right = Client().get(reverse("charity:trace"), {"receipt": gift.receipt_number, "code": gift.verification_code})
    wrong = Client().get(reverse("charity:trace"), {"receipt": gift.receipt_number, "code": "000000"})

    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert hidden.status_code == 404
    assert right.status_code == 200 and "社东村民" not in right.content.decode() and "¥500.00" in right.content.decode()
    assert wrong.status_code == 404


def test_following_gifts_is_limited_per_address_so_codes_cannot_be_guessed(settings):
    settings.GIFT_LOOKUPS_PER_ADDRESS_PER_HOUR = 2
    officer, fund = _fund()
    gift = services.donation_record(actor=officer, fund=fund, text=_gift())
    client, url = Client(), reverse("charity:trace")

    guesses = [client.get(url, {"receipt": gift.receipt_number, "code": f"00000{i}"}).status_code for i in range(2)]
    blocked = client.get(url, {"receipt": gift.receipt_number, "code": gift.verification_code})

    assert guesses == [404, 404] and blocked.status_code == 429
    assert "¥500.00" not in blocked.content.decode()


def test_refund_page_gives_a_gift_back_and_following_it_says_so():
    officer, fund = _fund()
    gift = services.donation_record(actor=officer, fund=fund, text=_gift())
    client, url = _client(officer), reverse("charity:donation-refund", args=[gift.pk])

    missing = client.post(url, {"reason": ""})
    done = client.post(url, {"reason": "捐赠人误转，原路退回"})
    again = client.get(url)
    traced = Client().get(reverse("charity:trace"), {"receipt": gift.receipt_number, "code": gift.verification_code})

    assert missing.status_code == 400 and done["Location"] == reverse("charity:donations", args=[fund.pk])
    assert again.status_code == 404  # only a received gift can be refunded
    assert "Refunded to the donor on" in traced.content.decode()
    assert Client().get(reverse("charity:fund", args=[fund.pk])).context["balances"]["holdings"] == Money(0)
