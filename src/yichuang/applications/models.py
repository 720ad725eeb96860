"""Applications, their frozen versions, history, screening results, near-duplicates and public notices."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yichuang.core.fields import MoneyField


class Application(models.Model):
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="applications")
    organization = models.ForeignKey("places.Organization", on_delete=models.PROTECT, related_name="applications")
    state = models.ForeignKey("programs.WorkflowState", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("number"), max_length=30, unique=True)
    # The working copy the applicant edits; submissions freeze it into an ApplicationVersion.
    draft = models.JSONField(default=dict)
    draft_revision = models.PositiveIntegerField(default=1)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    # Which open editor (one browser tab) saved last: its own autosaves racing a full save are not a conflict.
    draft_editor = models.CharField(max_length=32, blank=True)
    # Denormalised from the latest submitted (or draft) document, for lists and filters.
    title = models.CharField(_("title"), max_length=200, blank=True)
    domain = models.ForeignKey("places.ServiceDomain", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    community = models.ForeignKey("places.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    grant_requested = MoneyField(_("grant requested"), default=0)
    total_budget = MoneyField(_("project budget"), default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Summary of the latest version's checks, kept by the screening and snapshot effects for lists.
    latest_version = models.ForeignKey(
        "ApplicationVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    failed_checks = models.PositiveSmallIntegerField(default=0)
    duplicate_count = models.PositiveSmallIntegerField(default=0)
    search_text = models.CharField(max_length=700, blank=True)
    is_sample = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["number"]
        indexes = [models.Index(fields=["program", "state"], name="application_program_state_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class ApplicationVersion(models.Model):
    """What the applicant submitted, frozen. Revisions requested later become new versions."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    document = models.JSONField()
    text = models.TextField(blank=True)  # the prose, simplified, for near-duplicate checks
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "number"]
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="application_version_unique")]

    def __str__(self) -> str:
        return f"{self.application.number} v{self.number}"


def attachment_path(instance, filename: str) -> str:
    return f"applications/{instance.application_id}/{timezone.now():%Y%m%d%H%M%S}-{filename[-80:]}"


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField()
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    # Attachments of a submitted version stay; removing one from a draft only hides it.
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class TransitionLog(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="transitions")
    transition = models.CharField(max_length=40)
    outcome = models.CharField(max_length=16)
    from_state = models.ForeignKey("programs.WorkflowState", on_delete=models.PROTECT, related_name="+")
    to_state = models.ForeignKey("programs.WorkflowState", on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["application", "at", "id"]


class ScreeningResult(models.Model):
    version = models.ForeignKey(ApplicationVersion, on_delete=models.CASCADE, related_name="checks")
    code = models.CharField(max_length=30)
    outcome = models.CharField(max_length=8)  # pass / fail / warn / na
    params = models.JSONField(default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "position"]


class DuplicateKey(models.Model):
    """LSH band keys of a version's text: candidates for near-duplicates share at least one."""

    version = models.ForeignKey(ApplicationVersion, on_delete=models.CASCADE, related_name="duplicate_keys")
    key = models.BigIntegerField(db_index=True)
    # The text's shingle count, copied here so candidates whose size rules out the threshold are
    # dropped in the key lookup itself, before any text is read.
    size = models.PositiveIntegerField(default=0)


class NearDuplicate(models.Model):
    version = models.ForeignKey(ApplicationVersion, on_delete=models.CASCADE, related_name="near_duplicates")
    other = models.ForeignKey(ApplicationVersion, on_delete=models.CASCADE, related_name="+")
    similarity_bp = models.PositiveIntegerField()  # Jaccard of character 5-grams, in basis points

    class Meta:
        ordering = ["version", "-similarity_bp"]
        constraints = [models.UniqueConstraint(fields=["version", "other"], name="near_duplicate_unique")]


class InfoRequest(models.Model):
    """The officer's request for more information and the applicant's answer."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="info_requests")
    message = models.TextField(_("what is needed"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_version = models.ForeignKey(ApplicationVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["application", "requested_at"]


class NoticeKind(models.TextChoices):
    SHORTLIST = "shortlist", _("Shortlist")
    FINAL = "final", _("Funding decision")


class PublicNotice(models.Model):
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(_("kind"), max_length=16, choices=NoticeKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, max_length=5000)
    opens_at = models.DateTimeField(_("notice period starts"))
    closes_at = models.DateTimeField(_("notice period ends"))
    published_at = models.DateTimeField(null=True, blank=True)
    finalized_at = models.DateTimeField(null=True, blank=True)
    # A published notice is never deleted: it is withdrawn with a reason that stays on its page.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    withdrawn_reason = models.TextField(_("reason for withdrawing"), blank=True, max_length=2000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_sample = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["-opens_at"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.published_at is not None and self.withdrawn_at is None and self.opens_at <= now < self.closes_at

    @property
    def is_live(self) -> bool:
        """Published (or about to be) and neither final nor withdrawn: it still holds its applications."""
        return self.finalized_at is None and self.withdrawn_at is None


class NoticeItem(models.Model):
    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="items")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="notice_items")
    position = models.PositiveSmallIntegerField(default=0)
    amount = MoneyField(_("amount"), null=True, blank=True)

    class Meta:
        ordering = ["notice", "position"]
        constraints = [models.UniqueConstraint(fields=["notice", "application"], name="notice_item_unique")]


class Objection(models.Model):
    notice = models.ForeignKey(PublicNotice, on_delete=models.PROTECT, related_name="objections")
    item = models.ForeignKey(NoticeItem, null=True, blank=True, on_delete=models.PROTECT, related_name="objections")
    name = models.CharField(_("your name"), max_length=50)
    contact = models.CharField(_("phone or e-mail"), max_length=100)
    text = models.TextField(_("objection"), max_length=3000)
    filed_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("answer"), blank=True, max_length=3000)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    # An abusive objection (insults, spam, advertising) is closed with a reason instead of answered;
    # its text is then not shown on the public page.
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    close_reason = models.CharField(_("reason for closing"), max_length=300, blank=True)

    class Meta:
        ordering = ["notice", "filed_at"]
