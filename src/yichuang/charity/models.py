"""Community charity funds (社区慈善基金): named sub-funds of a host charity, their management committee,
and the donations they receive. Money itself lives in the ledger: each fund has its holdings (what the
host keeps for it) and its restricted and unrestricted balances there; rows here say who gave what."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yichuang.core.fields import MoneyField


class Fund(models.Model):
    host = models.ForeignKey("places.Organization", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("host charity"))
    community = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("community"))
    name = models.CharField(_("fund name"), max_length=120, unique=True)
    receipt_prefix = models.CharField(_("receipt prefix"), max_length=8, unique=True)
    purposes = models.TextField(_("stated purposes"), max_length=2000)
    areas_served = models.ManyToManyField("places.Area", related_name="+", verbose_name=_("areas served"))
    supervisor = models.CharField(_("supervisor"), max_length=60)
    fundraising_filing = models.CharField(_("host's public-fundraising filing number"), max_length=60, blank=True)
    quorum = models.PositiveSmallIntegerField(_("approvals a grant needs"))
    # Disclosure reminders already sent, as "<year>-<quarter>-due|overdue": each is sent once.
    reminders_sent = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("community charity fund")
        verbose_name_plural = _("community charity funds")

    def __str__(self) -> str:
        return self.name


class CommitteeMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", pgettext_lazy("committee", "Chair")
        MEMBER = "member", pgettext_lazy("committee", "Member")

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="committee")
    name = models.CharField(_("name"), max_length=50)
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    # Members approve grants signed in; the organization they belong to bars them from grants to it.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="fund_committees")
    organization = models.ForeignKey("places.Organization", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("organization they belong to"))

    class Meta:
        ordering = ["role", "pk"]  # "chair" sorts before "member": the chair first
        constraints = [models.UniqueConstraint(fields=["fund", "user"], condition=models.Q(user__isnull=False),
                                               name="committee_member_once")]


class Donation(models.Model):
    class Method(models.TextChoices):
        BANK = "bank", _("Bank transfer")
        CASH = "cash", _("Cash (two witnesses)")
        GOODS = "goods", _("Goods (at their valuation)")
        PLEDGE = "pledge", _("Pledged online (paid outside the system)")

    class Status(models.TextChoices):
        PLEDGED = "pledged", pgettext_lazy("donation", "Pledged, not yet received")
        RECEIVED = "received", pgettext_lazy("donation", "Received")
        REFUNDED = "refunded", pgettext_lazy("donation", "Refunded to the donor")

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="donations")
    receipt_number = models.CharField(_("receipt number"), max_length=20, unique=True, null=True, blank=True)
    verification_code = models.CharField(max_length=12)
    donor_name = models.CharField(_("donor"), max_length=100)
    donor_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="donations")
    publish_name = models.BooleanField(_("the donor's name may be published"), default=False)
    method = models.CharField(_("how it was given"), max_length=8, choices=Method.choices)
    amount = MoneyField(_("amount"))
    goods = models.CharField(_("goods and how they were valued"), max_length=300, blank=True)
    witnesses = models.CharField(_("witnesses"), max_length=100, blank=True)
    restriction = models.CharField(_("restricted to"), max_length=200, blank=True)
    bank_reference = models.CharField(_("bank transaction"), max_length=80, null=True, blank=True, unique=True)
    # A pledge made online carries this code for the transfer's memo, to be matched on the bank statement.
    pledge_code = models.CharField(_("pledge code"), max_length=12, null=True, blank=True, unique=True)
    # What grants have not yet drawn (first in, first out): kept with the draws, under the fund's lock.
    unspent = MoneyField(default=0)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    refunded_on = models.DateField(_("refunded on"), null=True, blank=True)
    refund_reason = models.CharField(_("why it was refunded"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    entry = models.OneToOneField("ledger.Entry", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["fund", "status", "received_on", "id"]),
                   models.Index(fields=["fund", "restriction", "received_on", "id"], condition=models.Q(unspent__gt=0),
                                name="donation_unspent")]
        verbose_name = _("donation")
        verbose_name_plural = _("donations")

    def __str__(self) -> str:
        return self.receipt_number or self.donor_name


class ReceiptCounter(models.Model):
    """The last receipt number given per fund and year: locked while a number is taken, so numbers
    have no gaps and are never given twice."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fund", "year"], name="receipt_counter_once")]


from yichuang.charity.grant_models import (  # noqa: E402,F401
    BankLine,
    Disclosure,
    Draw,
    FundPeriod,
    Grant,
    GrantVote,
    ProjectDisclosure,
)
