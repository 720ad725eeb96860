"""Invitations: how a person gets an account and a role without a developer."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yichuang.accounts.roles import Role


def token_digest(token: str) -> str:
    """Only the digest is stored: a leaked database does not hand out working invitation links."""
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """A single-use, expiring link that opens (or links) an account with one role in one scope."""

    digest = models.CharField(max_length=64, unique=True)
    display_name = models.CharField(_("name"), max_length=50)
    address = models.CharField(_("e-mail or mobile number"), max_length=200)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    area = models.ForeignKey("places.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("area"))
    organization = models.ForeignKey("places.Organization", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("organization"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return _("Invitation of %(name)s") % {"name": self.display_name}

    @property
    def scope(self):
        return self.organization or self.area

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()
