"""Programs (年度创投/大赛), their versioned templates (form, rubric, workflow) and plans."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from yichuang.core.fields import MoneyField


def bilingual(zh: str, en: str) -> str:
    """Configurable labels are data kept in both languages; show the one of the current request."""
    return en if translation.get_language() == "en" and en else zh


class TemplateKind(models.TextChoices):
    FORM = "form", _("Application form")
    RUBRIC = "rubric", _("Rubric")
    WORKFLOW = "workflow", _("Workflow")


class Template(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=TemplateKind.choices)
    name = models.CharField(_("name"), max_length=100)
    # Null: shipped with the platform, usable everywhere. Otherwise owned by an area's officers.
    area = models.ForeignKey("places.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("template")
        verbose_name_plural = _("templates")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class TemplateVersion(models.Model):
    """One version of a template. Frozen once a running program uses it; edits make a new version."""

    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField(default=dict, blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        ordering = ["template", "-number"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="template_version_unique")]

    def __str__(self) -> str:
        return f"{self.template.name} v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class WorkflowState(models.Model):
    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="states")
    code = models.SlugField(max_length=40)
    staff_label_zh = models.CharField(max_length=40)
    staff_label_en = models.CharField(max_length=60)
    applicant_label_zh = models.CharField(max_length=40)
    applicant_label_en = models.CharField(max_length=60)
    initial = models.BooleanField(default=False)
    terminal = models.BooleanField(default=False)
    applicant_editable = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="workflow_state_unique")]

    def __str__(self) -> str:
        return self.staff_label

    @property
    def staff_label(self) -> str:
        return bilingual(self.staff_label_zh, self.staff_label_en)

    @property
    def applicant_label(self) -> str:
        return bilingual(self.applicant_label_zh, self.applicant_label_en)


class Outcome(models.TextChoices):
    ADVANCE = "advance", _("Advance")
    RETURN = "return", _("Return to applicant")
    REJECT = "reject", _("Reject")
    WITHDRAW = "withdraw", _("Withdraw")
    APPROVE = "approve", _("Approve")


class Purpose(models.TextChoices):
    """What a step is for, as the rest of the platform asks for it. Codes and labels of steps are the
    workflow's own; the pipeline finds a step by its purpose, never by its code or a state's name."""

    SUBMIT = "submit", _("Submit the application")
    RESUBMIT = "resubmit", _("Send the requested additions")
    REQUEST_INFO = "request_info", _("Ask the applicant for more information")
    TO_VOTE = "to_vote", _("Put to the resident vote")
    DECIDE = "decide", _("Decide to fund")
    DECLINE = "decline", _("Decline")
    PUBLISH_NOTICE = "publish_notice", _("Publish for public notice")
    APPROVE = "approve", _("Approve after the public notice")


# A program cannot start with a workflow lacking a step for any of these (a resident vote is optional).
REQUIRED_PURPOSES = (Purpose.SUBMIT, Purpose.RESUBMIT, Purpose.REQUEST_INFO, Purpose.DECIDE, Purpose.DECLINE,
                     Purpose.PUBLISH_NOTICE, Purpose.APPROVE)


class WorkflowTransition(models.Model):
    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="transitions")
    code = models.SlugField(max_length=40)
    source = models.ForeignKey(WorkflowState, on_delete=models.CASCADE, related_name="outgoing")
    target = models.ForeignKey(WorkflowState, on_delete=models.CASCADE, related_name="incoming")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    roles = models.JSONField(default=list)
    guards = models.JSONField(default=list, blank=True)
    effects = models.JSONField(default=list, blank=True)
    needs_reason = models.BooleanField(default=False)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, blank=True)
    label_zh = models.CharField(max_length=40)
    label_en = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "source", "code"], name="workflow_transition_unique")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return bilingual(self.label_zh, self.label_en)


# The settings an officer edits on the program form. One list: the form's fields, the edit page's
# initial values, the service's data and the audit snapshot all follow it.
PROGRAM_SETTINGS = (
    "name", "code", "organizer", "area", "year", "description", "total_budget", "min_grant", "max_grant",
    "max_grant_ratio_bp", "max_grant_cap", "decided_by", "budget_tolerance_bp", "notice_min_working_days", "allow_unregistered",
    "allowed_org_types", "one_application_per_org", "applications_open_at", "applications_close_at",
    "attachment_max_mb", "at_risk_margin_bp", "fail_bar_years",
)
# Once a program runs, applicants rely on its rules; only these may still change.
EDITABLE_WHILE_RUNNING = frozenset({"description", "applications_close_at", "at_risk_margin_bp"})


class DecisionMethod(models.TextChoices):
    """How the funding decision is made. A resident vote's published tally is binding: the program's
    decision page takes it, and departures are overrides with a written reason."""

    REVIEW = "review", _("By the expert review ranking")
    VOTE = "vote", _("By a resident vote")


class ProgramStatus(models.TextChoices):
    SETUP = "setup", _("Being set up")
    RUNNING = "running", _("Running")
    CLOSED = "closed", _("Closed")


class Program(models.Model):
    name = models.CharField(_("name"), max_length=200)
    organizer = models.ForeignKey(
        "places.Organization", on_delete=models.PROTECT, related_name="organized_programs", verbose_name=_("organizer")
    )
    area = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="programs", verbose_name=_("area"))
    year = models.PositiveSmallIntegerField(_("year"))
    description = models.TextField(_("description"), blank=True, max_length=5000)
    total_budget = MoneyField(_("total budget"))
    min_grant = MoneyField(_("minimum grant per project"))
    max_grant = MoneyField(_("maximum grant per project"))
    max_grant_ratio_bp = models.PositiveIntegerField(_("grant at most this share of the project budget (basis points)"), null=True, blank=True)
    max_grant_cap = MoneyField(_("grant never above"), null=True, blank=True)
    decided_by = models.CharField(_("funding decided"), max_length=16, choices=DecisionMethod.choices,
                                  default=DecisionMethod.REVIEW)
    # How far a project may move money between its budget lines (or overspend one) without approval.
    budget_tolerance_bp = models.PositiveIntegerField(_("budget line tolerance (basis points)"), default=1000)
    # 公示 lasts at least this many working days (holidays and make-up working days from the calendar).
    notice_min_working_days = models.PositiveSmallIntegerField(_("shortest public notice (working days)"), default=5)
    allow_unregistered = models.BooleanField(_("unregistered community groups may apply"), default=False)
    allowed_org_types = models.JSONField(_("organization types that may apply"), default=list, blank=True)
    one_application_per_org = models.BooleanField(_("one application per organization"), default=True)
    credit_lookback_days = models.JSONField(default=dict, blank=True)
    applications_open_at = models.DateTimeField(_("applications open"))
    applications_close_at = models.DateTimeField(_("application deadline"))
    attachment_max_mb = models.PositiveSmallIntegerField(_("largest attachment (MB)"), default=10)
    # A project is flagged at risk when an indicator is behind the share of its target due by today by
    # more than this share of it (a monitoring setting: it may change while the program runs).
    at_risk_margin_bp = models.PositiveIntegerField(_("at-risk margin (basis points)"), default=2000)
    # An organization whose project fails an evaluation may not apply anywhere for this long.
    fail_bar_years = models.PositiveSmallIntegerField(_("bar after a failed evaluation (years)"), default=3)
    domains = models.ManyToManyField("places.ServiceDomain", through="ProgramDomain", related_name="+")
    form_version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="+")
    rubric_version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="+")
    workflow_version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=ProgramStatus.choices, default=ProgramStatus.SETUP)
    code = models.SlugField(_("short code"), max_length=20, unique=True)
    is_sample = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name

    def call_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == ProgramStatus.RUNNING and self.applications_open_at <= now < self.applications_close_at


class ProgramDomain(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="program_domains")
    domain = models.ForeignKey("places.ServiceDomain", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["program", "position"]
        constraints = [models.UniqueConstraint(fields=["program", "domain"], name="program_domain_unique")]


class StageCode(models.TextChoices):
    CALL = "call", _("Call for applications")
    SCREENING = "screening", _("Eligibility screening")
    REVIEW = "review", _("Expert review")
    ROADSHOW = "roadshow", _("Roadshow")
    NOTICE = "notice", _("Public notice")
    AGREEMENT = "agreement", _("Agreements")
    DELIVERY = "delivery", _("Delivery")
    EVALUATION = "evaluation", _("Final evaluation")


class ProgramStage(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="stages")
    code = models.CharField(max_length=16, choices=StageCode.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))

    class Meta:
        ordering = ["program", "starts_on"]
        constraints = [models.UniqueConstraint(fields=["program", "code"], name="program_stage_unique")]


class TrancheTrigger(models.TextChoices):
    SIGNING = "signing", _("On signing the agreement")
    MIDTERM_PASS = "midterm_pass", _("After a passed mid-term evaluation")
    FINAL_PASS = "final_pass", _("After a passed final evaluation")
    DATE = "date", _("On a date")


class TrancheRule(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="tranche_rules")
    position = models.PositiveSmallIntegerField(default=0)
    percent_bp = models.PositiveIntegerField(_("share of the grant (basis points)"), null=True, blank=True)
    amount = MoneyField(_("fixed amount"), null=True, blank=True)
    trigger = models.CharField(_("released"), max_length=16, choices=TrancheTrigger.choices)
    due_on = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        ordering = ["program", "position"]
