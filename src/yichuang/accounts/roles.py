"""Role codes are stable; only their labels are translated."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROGRAM_OFFICER = "program_officer", _("Program officer")
    EXPERT = "expert", _("Expert")
    ORG_MEMBER = "org_member", _("Organization member")
    # Held with the member role: invites and manages the organization's colleagues.
    ORG_ADMIN = "org_admin", _("Organization administrator")
    SUPERVISOR = "supervisor", _("Social-work supervisor")
    COMMUNITY_WORKER = "community_worker", _("Community worker")
    VOLUNTEER = "volunteer", _("Volunteer")
    RESIDENT = "resident", _("Resident")
    DONOR = "donor", _("Donor")
    AUDITOR = "auditor", _("Auditor")


# Which kind of scope each role is bound to.
ORGANIZATION_SCOPED = frozenset({Role.ORG_MEMBER, Role.ORG_ADMIN})
AREA_SCOPED = frozenset(set(Role) - ORGANIZATION_SCOPED)
# Roles that may instead be held for a single program: a hub organization or third-party agency runs
# one program for the bureau, an evaluator supervises it, an auditor reads it.
PROGRAM_SCOPABLE = frozenset({Role.PROGRAM_OFFICER, Role.SUPERVISOR, Role.AUDITOR})

# Roles that see other people's data or move money: their sessions end after a shorter idle time.
PUBLIC_ROLES = frozenset({Role.VOLUNTEER, Role.RESIDENT, Role.DONOR})
STAFF_ROLES = frozenset(set(Role) - PUBLIC_ROLES)
