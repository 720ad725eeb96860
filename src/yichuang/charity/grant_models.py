"""What a fund spends (grants and management costs), the committee's votes on them, which gifts each
spending drew on (so donors can follow their money), bank statement lines, and published disclosures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yichuang.core.fields import MoneyField


class Grant(models.Model):
    """Money out of a fund. Grants need the committee's approval (its quorum of members, none with a
    conflict); management costs are recorded by the fund's managers and count in its cost ratio."""

    class Kind(models.TextChoices):
        PROJECT = "project", _("Co-funding a project")
        WISH = "wish", _("Paying for a micro-wish")
        EMERGENCY = "emergency", _("Emergency aid")
        COST = "cost", _("Management cost")

    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("grant", "Waiting for the committee")
        APPROVED = "approved", pgettext_lazy("grant", "Approved, to be paid")
        REJECTED = "rejected", pgettext_lazy("grant", "Not approved")
        PAID = "paid", pgettext_lazy("grant", "Paid")

    fund = models.ForeignKey("charity.Fund", on_delete=models.PROTECT, related_name="grants")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    purpose = models.CharField(_("what it pays for"), max_length=200)
    amount = MoneyField(_("amount"))
    # Blank: unrestricted money. Otherwise the restriction whose gifts it draws on, word for word.
    restriction = models.CharField(_("paid from money restricted to"), max_length=200, blank=True)
    project = models.ForeignKey("projects.Project", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("project"))
    wish = models.ForeignKey("participation.MicroWish", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("micro-wish"))
    # The organization the money goes to: a member of it may not vote on the grant.
    organization = models.ForeignKey("places.Organization", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("recipient organization"))
    # Emergency aid: who received it stays with the fund's managers; the public page names nobody.
    recipient = models.CharField(_("recipient (not published)"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    entry = models.OneToOneField("ledger.Entry", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["fund", "status", "paid_on"])]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")

    def __str__(self) -> str:
        return self.purpose


class GrantVote(models.Model):
    """A committee member's vote on a grant: cast by the member signed in, or recorded by a manager
    from the committee's meeting."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey("charity.CommitteeMember", on_delete=models.PROTECT, related_name="votes")
    approve = models.BooleanField(_("approves"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["grant", "member"], name="grant_vote_once")]


class Draw(models.Model):
    """Part of a paid spending taken from one gift (first in, first out; see kernel.charity)."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="draws")
    donation = models.ForeignKey("charity.Donation", on_delete=models.PROTECT, related_name="draws")
    amount = MoneyField()

    class Meta:
        ordering = ["pk"]


class BankLine(models.Model):
    """One transaction from the host's bank statement: matched to a pledge, recorded as a new donation,
    set aside (not a gift), or waiting for staff. Its reference is unique: never imported twice."""

    class Status(models.TextChoices):
        MATCHED = "matched", _("Matched to a pledge")
        RECORDED = "recorded", _("Recorded as a donation")
        UNMATCHED = "unmatched", _("Not matched: needs a look")
        IGNORED = "ignored", _("Not a gift to the fund")

    fund = models.ForeignKey("charity.Fund", on_delete=models.PROTECT, related_name="bank_lines")
    reference = models.CharField(_("bank transaction"), max_length=80, unique=True)
    booked_on = models.DateField(_("date"))
    amount = MoneyField(_("amount"))
    payer = models.CharField(_("payer"), max_length=100, blank=True)
    memo = models.CharField(_("memo"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    donation = models.OneToOneField("charity.Donation", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="bank_line")
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-booked_on", "-pk"]
        indexes = [models.Index(fields=["fund", "status"])]


class Disclosure(models.Model):
    """A quarter's disclosure report, published by a manager; the fund page lists the published ones."""

    fund = models.ForeignKey("charity.Fund", on_delete=models.PROTECT, related_name="disclosures")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-quarter"]
        constraints = [models.UniqueConstraint(fields=["fund", "year", "quarter"], name="disclosure_once")]


class FundPeriod(models.Model):
    """A fund's money per quarter, kept by the services in the same transaction as each gift and
    payment, so the public page reads a few rows instead of summing a million gifts. The ledger stays
    the proof: ``yichuang check-ledger`` compares these totals with the fund's accounts (charity/checks.py)."""

    fund = models.ForeignKey("charity.Fund", on_delete=models.CASCADE, related_name="periods")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    gifts = models.PositiveIntegerField(default=0)
    income = models.BigIntegerField(default=0)  # fen, as every total here
    income_restricted = models.BigIntegerField(default=0)
    grants = models.PositiveIntegerField(default=0)  # grants paid, management costs not counted
    spent = models.BigIntegerField(default=0)  # grants and management costs
    spent_restricted = models.BigIntegerField(default=0)
    costs = models.BigIntegerField(default=0)
    refunds = models.PositiveIntegerField(default=0)  # gifts given back, counted in the quarter they were
    refunded = models.BigIntegerField(default=0)
    refunded_restricted = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["-year", "-quarter"]
        constraints = [models.UniqueConstraint(fields=["fund", "year", "quarter"], name="fund_period_once")]


class ProjectDisclosure(models.Model):
    """The full report on a project the fund co-funded, published once the project has ended."""

    fund = models.ForeignKey("charity.Fund", on_delete=models.PROTECT, related_name="project_disclosures")
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="+")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at"]
        constraints = [models.UniqueConstraint(fields=["fund", "project"], name="project_disclosure_once")]
