"""Reading people: who is in a manager's scope, and their open invitations."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from yichuang.accounts import granting
from yichuang.accounts.models import RoleGrant, User
from yichuang.accounts.scopes import q_path_within
from yichuang.people.models import Invitation


def people_in_scope(actor) -> QuerySet[User]:
    """Everyone holding a role in the areas ``actor`` manages (everyone, for the operator)."""
    grants = RoleGrant.objects.select_related("area", "organization", "program").order_by("role", "id")
    users = User.objects.prefetch_related(Prefetch("grants", queryset=grants)).order_by("display_name", "username")
    if actor.is_superuser:
        return users
    paths = granting.managed_paths(actor)
    within = q_path_within("grants__area__path", paths) | q_path_within("grants__organization__area__path", paths)
    return users.filter(pk__in=User.objects.filter(within).values("pk"))


def search(users: QuerySet[User], text: str) -> QuerySet[User]:
    """By name or user name (part of it), or by a whole mobile number: no digit-by-digit probing."""
    text = text.strip()
    if not text:
        return users
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) == 11 and digits == text.replace(" ", ""):
        return users.filter(phone__endswith=digits)
    return users.filter(Q(display_name__icontains=text) | Q(username__icontains=text))


def invitations_in_scope(actor) -> QuerySet[Invitation]:
    rows = Invitation.objects.select_related("area", "organization", "program", "invited_by", "accepted_by")
    if actor.is_superuser:
        return rows
    paths = granting.managed_paths(actor)
    return rows.filter(q_path_within("area__path", paths) | q_path_within("organization__area__path", paths))


def registrations_in_scope(actor):
    """Organization registrations of the areas ``actor`` manages, those waiting first."""
    from django.db.models import Case, IntegerField, When

    from yichuang.people.models import OrganizationRegistration, RegistrationStatus

    rows = OrganizationRegistration.objects.select_related("area", "requested_by", "decided_by").annotate(
        waiting_first=Case(When(status=RegistrationStatus.WAITING, then=0), default=1, output_field=IntegerField())
    ).order_by("waiting_first", "-requested_at")
    if actor.is_superuser:
        return rows
    return rows.filter(q_path_within("area__path", granting.managed_paths(actor)))


def registrations_of(user):
    from yichuang.people.models import OrganizationRegistration

    return OrganizationRegistration.objects.filter(requested_by=user).select_related("area")


def signups_of(user):
    from yichuang.people.models import ResidentSignup

    return ResidentSignup.objects.filter(user=user).select_related("community")[:3]
