from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from yichuang.accounts.roles import AREA_SCOPED, ORGANIZATION_SCOPED, PROGRAM_SCOPABLE, Role


class User(AbstractUser):
    display_name = models.CharField(_("name"), max_length=50, blank=True)
    phone = models.CharField(_("mobile number"), max_length=20, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    # The interface language this person chose; their notifications are written in it too.
    language = models.CharField(_("interface language"), max_length=10, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username


class RoleGrant(models.Model):
    """A role held within one scope: an area subtree or one organization."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    area = models.ForeignKey(
        "places.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    organization = models.ForeignKey(
        "places.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("organization"),
    )
    program = models.ForeignKey(
        "programs.Program", null=True, blank=True, on_delete=models.PROTECT, related_name="grants", verbose_name=_("program"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "area"], name="grant_unique_area_scope"),
            models.UniqueConstraint(fields=["user", "role", "organization"], name="grant_unique_org_scope"),
            models.UniqueConstraint(fields=["user", "role", "program"], name="grant_unique_program_scope"),
            models.CheckConstraint(
                condition=(
                    models.Q(area__isnull=False, organization__isnull=True, program__isnull=True)
                    | models.Q(area__isnull=True, organization__isnull=False, program__isnull=True)
                    | models.Q(area__isnull=True, organization__isnull=True, program__isnull=False)
                ),
                name="grant_exactly_one_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} · {self.scope}"

    @property
    def scope(self):
        return self.organization or self.program or self.area

    def clean(self) -> None:
        if self.role in ORGANIZATION_SCOPED and self.organization_id is None:
            raise ValidationError({"organization": _("This role needs an organization as its scope.")})
        if self.program_id is not None and self.role not in PROGRAM_SCOPABLE:
            raise ValidationError({"program": _("This role cannot be held for a single program.")})
        if self.role in AREA_SCOPED and self.area_id is None and self.program_id is None:
            raise ValidationError({"area": _("This role needs an area as its scope.")})
