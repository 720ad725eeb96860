"""Projects (立项): a funded application with its agreement, tranches, budget lines and spending.

Money moves only through the ledger: a tranche records the entry that paid it, and a claw-back is
a reversing entry. Spending is the organization's own record of how the paid grant was used."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yichuang.core.fields import MoneyField


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("Under way")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", pgettext_lazy("project status", "Closed")  # 已结项, not a program's 已结束


class Project(models.Model):
    application = models.OneToOneField("applications.Application", on_delete=models.PROTECT, related_name="project")
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="projects")
    organization = models.ForeignKey("places.Organization", on_delete=models.PROTECT, related_name="projects")
    number = models.CharField(_("number"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    grant = MoneyField(_("grant"))
    status = models.CharField(_("status"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Agreement(models.Model):
    """The agreement's terms are frozen when it is generated; both sides then confirm the same text."""

    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="agreement")
    number = models.CharField(_("agreement number"), max_length=40, unique=True)
    terms = models.JSONField(default=dict)
    generated_at = models.DateTimeField(auto_now_add=True)
    funder_confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                            related_name="+")
    funder_confirmed_at = models.DateTimeField(null=True, blank=True)
    grantee_confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+")
    grantee_confirmed_at = models.DateTimeField(null=True, blank=True)

    @property
    def is_signed(self) -> bool:
        return bool(self.funder_confirmed_at and self.grantee_confirmed_at)

    def __str__(self) -> str:
        return _("Agreement of %(number)s") % {"number": self.project.number}


class TrancheStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    PROPOSED = "proposed", _("Proposed for release")
    PAID = "paid", _("Paid")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class EvaluationResult(models.TextChoices):
    PASS = "pass", _("Passed")
    RECTIFY = "rectify", _("Rectification required")
    FAIL = "fail", _("Failed")


EVALUATION_TRIGGERS = ("midterm_pass", "final_pass")


class Tranche(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="tranches")
    position = models.PositiveSmallIntegerField()
    amount = MoneyField(_("amount"))
    trigger = models.CharField(_("released"), max_length=16)  # programs.TrancheTrigger codes
    due_on = models.DateField(_("date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=TrancheStatus.choices,
                              default=TrancheStatus.SCHEDULED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    proposed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    payment = models.OneToOneField("ledger.Entry", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["project", "position"]
        constraints = [models.UniqueConstraint(fields=["project", "position"], name="tranche_position_unique")]

    @property
    def reference(self) -> str:
        return f"tranche:{self.pk}"

    def __str__(self) -> str:
        return _("Tranche %(n)s of %(number)s") % {"n": self.position + 1, "number": self.project.number}


class BudgetLine(models.Model):
    """One line of the approved budget: the grant part of a line of the application's budget."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="budget_lines")
    position = models.PositiveSmallIntegerField()
    category = models.CharField(_("category"), max_length=40)
    item = models.CharField(_("item"), max_length=200)
    planned = MoneyField(_("planned"))
    # Planned plus approved adjustments; spending is measured against this.
    budget = MoneyField(_("budget"))

    class Meta:
        ordering = ["project", "position"]

    def __str__(self) -> str:  # how forms offer a line (spending, adjustments): by its item, as the budget shows it
        return self.item


class Expenditure(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="expenditures")
    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="expenditures")
    amount = MoneyField(_("amount"))
    spent_on = models.DateField(_("date"))
    description = models.CharField(_("what was bought or paid"), max_length=300)
    voucher = models.FileField(_("voucher"), upload_to="vouchers/%Y/%m/")
    voucher_name = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-spent_on", "-id"]

    def __str__(self) -> str:
        return _("Spending of %(amount)s for %(number)s") % {"amount": self.amount.format(), "number": self.project.number}


class AdjustmentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    APPLIED = "applied", _("Within the tolerance, applied")


class BudgetAdjustment(models.Model):
    """Moving money between two budget lines of one project; the grant total never changes."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="adjustments")
    source = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="+")
    amount = MoneyField(_("amount"))
    reason = models.TextField(_("reason"))
    status = models.CharField(max_length=16, choices=AdjustmentStatus.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]


class AmendmentStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for the other side's confirmation")
    CONFIRMED = "confirmed", _("Confirmed by both sides; waiting for a second officer's approval")
    APPLIED = "applied", _("Approved and in force")
    REJECTED = "rejected", _("Rejected")


OPEN_AMENDMENT = (AmendmentStatus.WAITING, AmendmentStatus.CONFIRMED)


class PlanAmendment(models.Model):
    """A change to the unpaid tranches of a signed agreement (补充协议): new amounts or dates.

    Both sides confirm it, then an officer other than the funder's confirmer approves it; only then do
    the tranches change. The grant itself never changes: the unpaid tranches keep their total.
    ``before`` and ``plan`` hold ``[position, fen, due_on]`` for each tranche the amendment touches.
    """

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="amendments")
    number = models.PositiveSmallIntegerField()
    before = models.JSONField(default=list)
    plan = models.JSONField(default=list)
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=16, choices=AmendmentStatus.choices, default=AmendmentStatus.WAITING)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    funder_confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                            related_name="+")
    funder_confirmed_at = models.DateTimeField(null=True, blank=True)
    grantee_confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                             related_name="+")
    grantee_confirmed_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["project", "-number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="amendment_number_unique")]
        verbose_name = _("amendment of the tranche plan")
        verbose_name_plural = _("amendments of the tranche plan")

    def __str__(self) -> str:
        return _("Amendment %(n)s of %(number)s") % {"n": self.number, "number": self.project.number}
