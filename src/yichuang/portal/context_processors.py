"""The navigation bar: which sections this user can open."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy as pgettext

from yichuang.accounts import granting
from yichuang.accounts.audit_readers import can_read_audit
from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import roles_of
from yichuang.applications.permissions import applying_organizations
from yichuang.charity import permissions as charity
from yichuang.notifications.models import Notification
from yichuang.participation import permissions as participation
from yichuang.places import permissions as places
from yichuang.programs import permissions as programs
from yichuang.projects.permissions import own_projects
from yichuang.reviews import permissions as reviews
from yichuang.volunteers import permissions as volunteers
from yichuang.voting.permissions import resident_paths


def navigation(request) -> dict:
    """Evaluated only when a page draws the bar: htmx fragments and downloads run none of its queries."""
    return {"nav_items": SimpleLazyObject(lambda: _items(request))}


def _items(request) -> list[dict]:
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        items.append((_("My workspace"), reverse("portal:home")))
        if places.can_browse_areas(user):
            items.append((_("Areas"), reverse("places:area-list")))
        if places.can_list_organizations(user):
            items.append((_("Organizations"), reverse("places:organization-list")))
        staff = programs.staff_programs(user).exists()
        if staff or programs.can_create_program(user):
            items.append((_("Programs"), reverse("programs:program-list")))
        if staff:
            items.append((_("Dashboard"), reverse("delivery:dashboard")))
        if reviews.can_manage_pool(user) or reviews.pool_experts(user).exists():
            items.append((_("Experts"), reverse("reviews:expert-list")))
        if granting.manages_people(user):
            items.append((_("People"), reverse("people:list")))
        if reviews.expert_of(user) is not None:
            items.append((_("My reviews"), reverse("reviews:my-list")))
        if applying_organizations(user).exists():
            items.append((_("My applications"), reverse("applications:mine")))
        if own_projects(user).exists():
            items.append((_("Our projects"), reverse("projects:mine")))
        if resident_paths(user):
            items.append((_("Resident votes"), reverse("voting:mine")))
        if volunteers.in_menu(user):
            items.append((pgettext("navigation", "Volunteers"), reverse("volunteers:home")))
        if participation.in_menu(user):
            items.append((_("Micro-wishes"), reverse("participation:wish-list")))
        if participation.deliberation_in_menu(user):
            items.append((_("Deliberation"), reverse("participation:meeting-list")))
        if Role.DONOR in roles_of(user) or charity.in_menu(user):
            items.append((_("Charity funds"), reverse("charity:fund-list")))
        if Role.DONOR in roles_of(user):
            items.append((_("My gifts"), reverse("charity:mine")))
        if can_read_audit(user):
            items.append((_("Audit trail"), reverse("audit:audit-list")))
        unread = Notification.objects.filter(recipient=user, read_at=None).count()
        items.append((_("Inbox (%(n)s)") % {"n": unread} if unread else _("Inbox"), reverse("notifications:inbox")))
    else:
        items.append((_("Open calls"), reverse("programs:call-list")))
        items.append((_("Public notices"), reverse("applications:public-notices")))
        items.append((_("Funded projects"), reverse("public-projects:list")))
        items.append((_("Micro-wishes"), reverse("participation:wish-list")))
        items.append((_("Deliberation"), reverse("participation:meeting-list")))
        items.append((_("Charity funds"), reverse("charity:fund-list")))
        items.append((_("Check a certificate"), reverse("verify:form")))
    current = request.path if request else ""
    return [{"label": label, "url": url, "active": current.startswith(url)} for label, url in items]
