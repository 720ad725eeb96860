"""Funding decisions. Every computation and every override is a new row: nothing is overwritten, so
the computed result and the officer's changes stay side by side in the history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    COMPUTED = "computed", _("Computed")
    OVERRIDE = "override", _("Changed by the officer")
    APPLIED = "applied", _("Applied to the applications")


class Decision(models.Model):
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="funding_decisions")
    kind = models.CharField(max_length=16, choices=DecisionKind.choices)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The rules used: budget (fen), objective, organization cap, quotas per domain code.
    parameters = models.JSONField(default=dict)
    # {"funded": [[application id, fen], …] in rank order, "unfunded": [[id, code, params], …],
    #  "optimal": bool, "seconds": float}
    result = models.JSONField(default=dict)
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("funding decision")
        verbose_name_plural = _("funding decisions")
