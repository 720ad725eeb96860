"""One append-only double-entry ledger for all money. An entry's postings sum to zero (debits are
positive, credits negative, integer fen); nothing is ever changed or deleted — a claw-back or a
correction is a new entry that reverses the old one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yichuang.core.appendonly import AppendOnlyError, AppendOnlyQuerySet
from yichuang.core.fields import MoneyField


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("the ledger is append-only: post a reversing entry instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("the ledger is append-only: post a reversing entry instead")


class AccountKind(models.TextChoices):
    ASSET = "asset", _("Asset")
    LIABILITY = "liability", _("Liability")
    FUND = "fund", _("Fund balance")
    INCOME = "income", _("Income")
    EXPENSE = "expense", _("Expense")


class Account(models.Model):
    code = models.CharField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=AccountKind.choices)
    program = models.ForeignKey("programs.Program", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey("applications.Application", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    # For a grant account: the most that may ever be paid out of it (the granted amount).
    limit = MoneyField(_("limit"), null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Entry(AppendOnly):
    kind = models.CharField(max_length=32)  # stable codes: payment, clawback, adjustment, donation, grant
    memo = models.CharField(max_length=300, blank=True)
    reference = models.CharField(max_length=80, blank=True)  # e.g. the tranche this entry pays
    reverses = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return _("Ledger entry %(n)s") % {"n": self.pk}


class Posting(AppendOnly):
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="postings")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="postings")
    amount = MoneyField()  # debit > 0, credit < 0

    class Meta:
        ordering = ["entry", "id"]
