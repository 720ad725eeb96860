"""Labels and the section's tabs for the volunteer templates (one place for each code's words)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from yichuang.volunteers import permissions
from yichuang.volunteers.models import ServiceCategory, Skill

register = template.Library()


@register.filter
def skill_label(code: str) -> str:
    return str(Skill(code).label) if code in Skill.values else ""


@register.filter
def category_label(code: str) -> str:
    return str(ServiceCategory(code).label) if code in ServiceCategory.values else ""


MATCH_REASONS = {
    "skills": lambda: _("your skills fit"),
    "same_community": lambda: _("in your community"),
    "same_street": lambda: _("near you"),
    "reliable": lambda: _("comes when signed up"),
}


@register.filter
def match_reason(code: str) -> str:
    return MATCH_REASONS[code]() if code in MATCH_REASONS else ""


@register.inclusion_tag("volunteers/_tabs.html", takes_context=True)
def volunteer_tabs(context):
    request = context["request"]
    user = request.user
    tabs = []
    if permissions.own_volunteer(user) is not None:
        tabs.append((_("My record"), reverse("volunteers:me")))
    else:
        tabs.append((_("Register"), reverse("volunteers:register")))
    tabs += [(_("Activities"), reverse("volunteers:activities")), (_("Teams"), reverse("volunteers:teams"))]
    staff = permissions.is_staff_for_volunteers(user)
    if staff or permissions.led_teams(user).exists():
        tabs.append((_("Roster"), reverse("volunteers:roster")))
    if staff:
        tabs.append((_("To confirm"), reverse("volunteers:work")))
    return {"volunteer_tabs": [{"label": label, "url": url, "active": request.path.startswith(url)} for label, url in tabs]}
