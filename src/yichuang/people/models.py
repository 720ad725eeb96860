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
    program = models.ForeignKey("programs.Program", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("program"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # What else the link settles, for a higher app's hook (people.services.on_accept): "expert" links
    # the pool's expert ``subject_id`` to the account.
    purpose = models.CharField(max_length=20, blank=True)
    subject_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return _("Invitation of %(name)s") % {"name": self.display_name}

    @property
    def scope(self):
        return self.organization or self.program or self.area

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class RegistrationStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class OrganizationRegistration(models.Model):
    """An organization asking to be listed, from the public site, with its registration certificate.

    The area's officer checks it against the certificate; verifying creates the organization and makes
    the person who registered it its first member. Until then nothing else sees it.
    """

    name = models.CharField(_("name"), max_length=200)
    org_type = models.CharField(_("type"), max_length=32)  # places.OrganizationType codes
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    area = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area"))
    legal_representative = models.CharField(_("legal representative"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=20)
    address = models.CharField(_("address"), max_length=200, blank=True)
    certificate = models.FileField(_("registration certificate"), upload_to="registrations/%Y/")
    certificate_name = models.CharField(max_length=200, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices, default=RegistrationStatus.WAITING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("reason"), max_length=300, blank=True)
    organization = models.ForeignKey("places.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("organization registration")
        verbose_name_plural = _("organization registrations")

    def __str__(self) -> str:
        return _("Registration of %(name)s") % {"name": self.name}


class VerificationMethod(models.TextChoices):
    ID_CARD = "id_card", _("Identity card seen at the service point")
    HOUSEHOLD = "household", _("Found in the community's household register")
    KNOWN = "known", _("Known to the community worker in person")


class ResidentSignup(models.Model):
    """A resident's sign-up with a mobile number; a community worker verifies it (who, when, how)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="resident_signups")
    community = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("community"))
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices, default=RegistrationStatus.WAITING)
    method = models.CharField(_("how it was verified"), max_length=16, choices=VerificationMethod.choices, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("resident sign-up")
        verbose_name_plural = _("resident sign-ups")

    def __str__(self) -> str:
        return _("Sign-up of %(name)s") % {"name": self.user}
