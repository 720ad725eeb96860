"""The audit trail: one append-only row per change, written by service functions."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yichuang.core.actions import action_label
from yichuang.core.appendonly import AppendOnlyError, AppendOnlyQuerySet


class AuditEvent(models.Model):
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Stable dotted code such as "places.organization.created"; labels live in core.actions.
    action = models.CharField(_("action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    # Area path of the object, so an auditor's scope filter is one indexed prefix match.
    area_path = models.CharField(max_length=255, blank=True, db_index=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """Field-by-field differences between before and after, for display."""
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(key, before.get(key), after.get(key)) for key in keys if before.get(key) != after.get(key)]


class CalendarDay(models.Model):
    """A day that breaks the Monday-to-Friday rule: a public holiday on a weekday, or a weekend day
    worked instead (调休). Seeded from the State Council's published schedule (the chinesecalendar
    package); later years are added with ``yichuang calendar_day``."""

    date = models.DateField(_("date"), primary_key=True)
    is_workday = models.BooleanField(_("working day"))
    name = models.CharField(_("name"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return self.date.isoformat()


class OutboxMessage(models.Model):
    """A message to an address (e-mail or mobile) that the configured channel keeps instead of sending:
    the embedded set-up and the tests have no mail server or SMS gateway, so people read it here."""

    channel = models.CharField(_("channel"), max_length=10)  # "email" or "sms"
    kind = models.CharField(max_length=40)
    to = models.CharField(_("to"), max_length=200)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
