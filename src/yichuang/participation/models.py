"""Residents' voice: micro-wishes (微心愿) posted for residents and adopted by donors and volunteers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yichuang.core.fields import MoneyField


class WishFor(models.TextChoices):
    CHILD = "child", _("A child in difficulty")
    LEFT_BEHIND = "left_behind", _("A left-behind child")
    ELDERLY_ALONE = "elderly_alone", _("An elderly person living alone")
    DISABLED = "disabled", _("A person with a disability")
    FAMILY = "family", _("A family in difficulty")


class MicroWish(models.Model):
    """A small wish a community worker posts for a resident. Its public text names nobody; the
    resident's name stays with the staff (and the resident, when linked to an account)."""

    class Status(models.TextChoices):
        CHECKING = "checking", pgettext_lazy("micro-wish", "Waiting for a second check")
        RETURNED = "returned", pgettext_lazy("micro-wish", "Returned for changes")
        PUBLISHED = "published", pgettext_lazy("micro-wish", "Waiting for someone to adopt it")
        ADOPTED = "adopted", pgettext_lazy("micro-wish", "Adopted")
        FULFILLED = "fulfilled", pgettext_lazy("micro-wish", "Fulfilled, waiting for confirmation")
        CLOSED = "closed", pgettext_lazy("micro-wish", "Came true")
        WITHDRAWN = "withdrawn", pgettext_lazy("micro-wish", "Withdrawn")

    area = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("community"))
    wish_for = models.CharField(_("the wish is for"), max_length=16, choices=WishFor.choices)
    title = models.CharField(_("the wish"), max_length=60)
    story = models.TextField(_("about the wish"), max_length=500)
    value = MoneyField(_("estimated value"))
    deadline = models.DateField(_("wanted by"))
    # Private: seen by the community's staff, and by the resident when linked to their account.
    beneficiary_name = models.CharField(_("resident's name"), max_length=50)
    beneficiary_note = models.CharField(_("private note for staff"), max_length=300, blank=True)
    beneficiary_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="wishes_for_me", verbose_name=_("resident's account"))
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    posted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CHECKING)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    checked_at = models.DateTimeField(null=True, blank=True)
    check_note = models.CharField(_("note"), max_length=300, blank=True)
    adopter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="adopted_wishes")
    adopter_public = models.BooleanField(_("show my name on the public page"), default=False)
    adopted_at = models.DateTimeField(null=True, blank=True)
    proof = models.FileField(_("proof"), upload_to="wishes/%Y/", blank=True)
    proof_name = models.CharField(max_length=200, blank=True)
    proof_note = models.CharField(_("how it was fulfilled"), max_length=300, blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["status", "area"]), models.Index(fields=["area", "status"])]
        verbose_name = _("micro-wish")
        verbose_name_plural = _("micro-wishes")

    def __str__(self) -> str:
        return self.title
