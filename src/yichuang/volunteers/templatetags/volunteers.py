"""Labels and the section's tabs for the volunteer templates (one place for each code's words)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from yichuang.volunteers import permissions
from yichuang.volunteers.models import ServiceCategory, Skill

register = template.Library()


@register.filter
def skill_label(code: str) -> str:
    return str(Skill(code).label) if code in Skill.values else ""


@register.filter
def category_label(code: str) -> str:
    return str(ServiceCategory(code).label) if code in ServiceCategory.values else ""


@register.filter
def iso_day(text: str) -> str:
    """A date kept as ISO text (in a certificate's sealed payload) written as pages write dates."""
    import datetime as dt

    from yichuang.core.templatetags.yichuang import day

    try:
        return day(dt.date.fromisoformat(text))
    except (TypeError, ValueError):
        return text


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
    staff = permissions.is_staff_for_volunteers(user)
    if permissions.own_volunteer(user) is not None:
        tabs.append((_("My record"), reverse("volunteers:me")))
    elif not staff:  # staff register others from the roster
        tabs.append((_("Register"), reverse("volunteers:register")))
    tabs += [(pgettext("volunteers", "Activities"), reverse("volunteers:activities")), (_("Teams"), reverse("volunteers:teams"))]
    if staff or permissions.led_teams(user).exists():
        tabs.append((_("Roster"), reverse("volunteers:roster")))
    if staff:
        tabs.append((_("To confirm"), reverse("volunteers:work")))
    return {"volunteer_tabs": [{"label": label, "url": url, "active": request.path.startswith(url)} for label, url in tabs]}
