from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

INDICATOR_LABELS = {
    "activities": _("Activities held"),
    "person_times": _("Person-times served"),
    "beneficiaries": _("People served"),
    "volunteer_hours": _("Volunteer hours"),
    "custom": _("Other"),
}
CATEGORY_LABELS = {
    "personnel": _("Personnel"),
    "activities": _("Activities"),
    "materials": _("Materials"),
    "publicity": _("Publicity"),
    "venue": _("Venue"),
    "transport": _("Transport"),
    "other": _("Other"),
}


@register.filter
def indicator_label(code: str) -> str:
    return str(INDICATOR_LABELS.get(code, code))


@register.filter
def category_label(code: str) -> str:
    return str(CATEGORY_LABELS.get(code, code))

FIELD_LABELS = {
    "name": _("Name"),
    "start": _("From"),
    "end": _("To"),
    "sessions": _("Number of sessions"),
    "participants": _("Participants"),
    "description": _("Description"),
    "target": _("Target"),
    "unit": _("Unit"),
    "role": _("Role"),
    "qualification": _("Qualification"),
    "item": _("Item"),
    "grant": _("Grant (yuan)"),
    "own": _("Own funds (yuan)"),
    "matched": _("Matched funds (yuan)"),
}


@register.filter
def field_label(key: str) -> str:
    return str(FIELD_LABELS.get(key, key))
