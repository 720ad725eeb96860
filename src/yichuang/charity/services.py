"""Setting up a community charity fund and recording its donations, each a balanced ledger entry.

Each fund has three ledger accounts: its holdings (an asset: what the host charity keeps for the fund,
which has no bank account of its own) and its unrestricted and restricted balances. A donation is
debited to the holdings and credited to one of the balances; grants will do the reverse. Receipt
numbers are taken under the counter's lock: no gaps, never twice.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.charity import periods, permissions
from yichuang.charity.accounts import HOLDINGS, RESTRICTED, UNRESTRICTED, account, account_code
from yichuang.charity.models import (
    BankLine,
    CommitteeMember,
    Disclosure,
    Donation,
    Fund,
    ProjectDisclosure,
    ReceiptCounter,
)
from yichuang.core.audit import log_action
from yichuang.kernel import charity as rules
from yichuang.kernel.money import Money
from yichuang.ledger.models import AccountKind
from yichuang.ledger.services import account_open, entry_post, entry_reverse
from yichuang.places.models import AreaLevel, OrganizationType

HOSTS = (OrganizationType.FOUNDATION, OrganizationType.SOCIAL_GROUP, OrganizationType.PRIVATE_NON_ENTERPRISE)
PREFIX = re.compile(r"^[A-Z]{2,6}$")


@dataclass
class Member:
    name: str
    role: str = CommitteeMember.Role.MEMBER
    user: object = None
    organization: object = None


@dataclass
class FundText:
    host: object
    community: object
    purposes: str
    supervisor: str
    receipt_prefix: str
    committee: list[Member] = field(default_factory=list)
    areas_served: list = field(default_factory=list)
    fundraising_filing: str = ""
    quorum: int | None = None


def _fund_problems(text: FundText) -> dict[str, str]:
    errors = {}
    if text.host.org_type not in HOSTS or not text.host.uscc:
        errors["host"] = _("The host must be a registered foundation or charitable organization with its unified "
                           "social credit code.")
    if text.community.level != AreaLevel.COMMUNITY:
        errors["community"] = _("A community charity fund is named after one community.")
    if not text.purposes.strip():
        errors["purposes"] = _("State what the fund may be spent on: it may be spent on nothing else.")
    if not text.supervisor.strip():
        errors["supervisor"] = _("Name the fund's supervisor.")
    if not PREFIX.match(text.receipt_prefix):
        errors["receipt_prefix"] = _("Use 2 to 6 capital letters, e.g. SDCF.")
    problem = rules.committee_problem(len(text.committee))
    if problem:
        errors["committee"] = (_("The committee needs at least %(n)s members.") % {"n": rules.COMMITTEE_MIN}
                               if problem == "too_few" else
                               _("The committee needs an odd number of members, so that a vote cannot tie."))
    elif sum(m.role == CommitteeMember.Role.CHAIR for m in text.committee) != 1:
        errors["committee"] = _("Name exactly one chair of the committee.")
    elif text.quorum is not None and rules.quorum_problem(text.quorum, len(text.committee)):
        errors["quorum"] = _("A grant needs the approval of at least %(min)s and at most %(max)s members.") % {
            "min": rules.majority(len(text.committee)), "max": len(text.committee)}
    return errors


@transaction.atomic
def fund_create(*, actor, text: FundText, is_sample: bool = False) -> Fund:
    """A program officer or the host's administrator sets up a fund with its committee and ledger accounts."""
    if not permissions.may_set_up(actor, text.community, text.host):
        raise PermissionDenied
    errors = _fund_problems(text)
    name = rules.fund_name(text.host.name, text.community.name)
    if not errors and Fund.objects.filter(name=name).exists():
        errors["community"] = _("%(name)s already exists.") % {"name": name}
    if not errors and Fund.objects.filter(receipt_prefix=text.receipt_prefix).exists():
        errors["receipt_prefix"] = _("Another fund uses this receipt prefix.")
    if errors:
        raise ValidationError(errors)
    fund = Fund.objects.create(
        host=text.host, community=text.community, name=name, receipt_prefix=text.receipt_prefix,
        purposes=text.purposes.strip(), supervisor=text.supervisor.strip(),
        fundraising_filing=text.fundraising_filing.strip(),
        quorum=text.quorum or rules.majority(len(text.committee)), created_by=actor, is_sample=is_sample)
    fund.areas_served.set([text.community, *text.areas_served])
    CommitteeMember.objects.bulk_create([
        CommitteeMember(fund=fund, name=m.name.strip(), role=m.role, user=m.user, organization=m.organization)
        for m in text.committee])
    for part, kind, label in ((HOLDINGS, AccountKind.ASSET, _("held by the host")),
                              (UNRESTRICTED, AccountKind.FUND, _("unrestricted")),
                              (RESTRICTED, AccountKind.FUND, _("restricted"))):
        account_open(actor=actor, code=account_code(fund, part), name=f"{name} · {label}", kind=kind)
    log_action(actor=actor, action="charity.fund.created", obj=fund, area_path=text.community.path,
               after={"name": name, "committee": len(text.committee), "quorum": fund.quorum})
    return fund


@dataclass
class DonationText:
    donor_name: str
    method: str
    amount: Money
    received_on: dt.date
    publish_name: bool = False
    restriction: str = ""
    goods: str = ""
    witnesses: tuple[str, ...] = ()
    bank_reference: str = ""
    donor_user: object = None


def _donation_problems(text: DonationText) -> dict[str, str]:
    errors = {}
    if not text.donor_name.strip():
        errors["donor_name"] = _("Give the donor's name (it is published only with their consent).")
    if not isinstance(text.amount, Money) or text.amount.fen <= 0:
        errors["amount"] = _("A donation is more than ¥0.")
    if text.received_on > timezone.localdate():
        errors["received_on"] = _("A donation cannot be received in the future.")
    if text.method == Donation.Method.CASH and len([w for w in text.witnesses if w.strip()]) < 2:
        errors["witnesses"] = _("Cash is counted in front of two witnesses: give both names.")
    if text.method == Donation.Method.GOODS and not text.goods.strip():
        errors["goods"] = _("Say what the goods are and how their value was set.")
    if text.method == Donation.Method.BANK and not text.bank_reference.strip():
        errors["bank_reference"] = _("Give the bank transaction's reference, so it is never counted twice.")
    if text.method not in Donation.Method.values or text.method == Donation.Method.PLEDGE:
        errors["method"] = _("Choose how the donation was received.")
    return errors


def next_receipt(fund: Fund, year: int) -> str:
    counter, _created = ReceiptCounter.objects.get_or_create(fund=fund, year=year)
    counter = ReceiptCounter.objects.select_for_update(of=("self",)).get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return rules.receipt_number(fund.receipt_prefix, year, counter.last)


@transaction.atomic
def donation_record(*, actor, fund: Fund, text: DonationText, is_sample: bool = False) -> Donation:
    """Staff record a donation received: a receipt number, and the ledger entry into the fund."""
    if not permissions.manages(actor, fund):
        raise PermissionDenied
    errors = _donation_problems(text)
    reference = text.bank_reference.strip() or None
    if reference and Donation.objects.filter(bank_reference=reference).exists():
        errors["bank_reference"] = _("This bank transaction is already recorded as a donation.")
    if errors:
        raise ValidationError(errors)
    receipt = next_receipt(fund, text.received_on.year)
    restricted = bool(text.restriction.strip())
    entry = entry_post(actor=actor, kind="donation", reference=receipt, memo=text.restriction.strip(), lines=[
        (account(fund, HOLDINGS), text.amount.fen),
        (account(fund, RESTRICTED if restricted else UNRESTRICTED), -text.amount.fen)])
    try:
        with transaction.atomic():
            donation = Donation.objects.create(
                fund=fund, receipt_number=receipt, verification_code=secrets.token_hex(3).upper(),
                donor_name=text.donor_name.strip(), donor_user=text.donor_user, publish_name=text.publish_name,
                method=text.method, amount=text.amount, goods=text.goods.strip(),
                witnesses="、".join(w.strip() for w in text.witnesses if w.strip()), restriction=text.restriction.strip(),
                bank_reference=reference, received_on=text.received_on, status=Donation.Status.RECEIVED,
                unspent=text.amount, recorded_by=actor, entry=entry, is_sample=is_sample)
    except IntegrityError:  # the same bank transaction recorded at the same moment by someone else
        raise ValidationError({"bank_reference": _("This bank transaction is already recorded as a donation.")}) from None
    periods.count_gift(fund, text.received_on, text.amount.fen, restricted)
    if reference:  # a line of an imported statement that staff recorded by hand
        BankLine.objects.filter(reference=reference, status=BankLine.Status.UNMATCHED).update(
            status=BankLine.Status.RECORDED, donation=donation)
    log_action(actor=actor, action="charity.donation.recorded", obj=donation, area_path=fund.community.path,
               after={"receipt": receipt, "fen": text.amount.fen, "restricted": restricted, "method": text.method})
    return donation


@transaction.atomic
def disclosure_publish(*, actor, fund: Fund, year: int, quarter: int) -> Disclosure:
    """A manager publishes a finished quarter's report: it appears on the fund's public page."""
    if not permissions.manages(actor, fund):
        raise PermissionDenied
    if rules.quarter_bounds(year, quarter)[1] >= timezone.localdate():
        raise ValidationError(_("A quarter's report is published after the quarter has ended."))
    try:
        with transaction.atomic():
            row = Disclosure.objects.create(fund=fund, year=year, quarter=quarter, published_by=actor)
    except IntegrityError:
        raise ValidationError(_("This quarter's report is already published.")) from None
    log_action(actor=actor, action="charity.disclosure.published", obj=fund, area_path=fund.community.path,
               after={"year": year, "quarter": quarter})
    return row


@transaction.atomic
def committee_member_link(*, actor, member: CommitteeMember, user=None, organization=None) -> CommitteeMember:
    """A manager links a committee member to their account (so they vote signed in) and to the
    organization they belong to (so they sit out grants to it)."""
    member = CommitteeMember.objects.select_for_update(of=("self",)).select_related("fund__community").get(pk=member.pk)
    if not permissions.manages(actor, member.fund):
        raise PermissionDenied
    if user is not None and CommitteeMember.objects.filter(fund=member.fund, user=user).exclude(pk=member.pk).exists():
        raise ValidationError({"user": _("This account is already linked to another member of the committee.")})
    before = {"user": member.user_id, "organization": member.organization_id}
    member.user, member.organization = user, organization
    member.save(update_fields=["user", "organization"])
    log_action(actor=actor, action="charity.committee.member_linked", obj=member.fund, area_path=member.fund.community.path,
               before=before, after={"member": member.pk, "user": member.user_id, "organization": member.organization_id})
    return member


@transaction.atomic
def donation_refund(*, actor, donation: Donation, reason: str) -> Donation:
    """Give a gift back (the donor asked, or it was given by mistake): the reverse of its ledger entry.
    Only a gift no grant has drawn on: money already spent cannot be given back."""
    fund = Fund.objects.select_for_update(of=("self",)).select_related("community").get(pk=donation.fund_id)
    if not permissions.manages(actor, fund):
        raise PermissionDenied
    donation = Donation.objects.select_related("entry").get(pk=donation.pk)
    if donation.status != Donation.Status.RECEIVED:
        raise ValidationError(_("Only a received gift can be refunded."))
    if donation.unspent != donation.amount:
        raise ValidationError(_("Grants have already spent part of this gift: only a gift no grant drew on can be "
                                "refunded."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the gift is refunded: it is kept with the gift.")})
    entry_reverse(actor=actor, entry=donation.entry, reason=reason.strip())
    today = timezone.localdate()
    Donation.objects.filter(pk=donation.pk).update(status=Donation.Status.REFUNDED, unspent=Money(0), refunded_on=today,
                                                   refund_reason=reason.strip()[:300])
    periods.count_refund(fund, today, donation.amount.fen, bool(donation.restriction))
    log_action(actor=actor, action="charity.donation.refunded", obj=donation, area_path=fund.community.path,
               reason=reason.strip(), after={"receipt": donation.receipt_number, "fen": donation.amount.fen})
    donation.refresh_from_db()
    return donation


@transaction.atomic
def project_disclosure_publish(*, actor, fund: Fund, project) -> ProjectDisclosure:
    """A manager publishes the full report on a co-funded project that has ended."""
    from yichuang.charity.disclosure import ended_projects

    if not permissions.manages(actor, fund):
        raise PermissionDenied
    if project.pk not in {row["project"].pk for row in ended_projects(fund, timezone.localdate())}:
        raise ValidationError(_("Only a project the fund paid a grant to, and that has ended, has a full report."))
    try:
        with transaction.atomic():
            row = ProjectDisclosure.objects.create(fund=fund, project=project, published_by=actor)
    except IntegrityError:
        raise ValidationError(_("This project's report is already published.")) from None
    log_action(actor=actor, action="charity.disclosure.project_published", obj=fund, area_path=fund.community.path,
               after={"project": project.pk})
    return row
