from __future__ import annotations

import re

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

# The sections of the application document, and the fields of their rows: the labels of the
# document's keys wherever they are shown by key (version diff, audit history).
SECTION_LABELS = {
    "title": _("Project title"),
    "summary": _("Summary"),
    "domain": _("Service domain"),
    "beneficiary_group": _("Who it serves"),
    "beneficiary_count": _("How many people it serves"),
    "need_evidence": _("The problem and the evidence of need"),
    "goals": _("Goals"),
    "activities": _("Activities"),
    "indicators": _("Indicators"),
    "team": _("Team"),
    "budget": _("Budget"),
}
FIELD_LABELS = {
    "kind": _("Kind"),
    "category": _("Category"),
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


DOCUMENT_LABELS = {**FIELD_LABELS, **SECTION_LABELS}
_PATH = re.compile(r"^(?P<section>\w+)(?:\[(?P<row>\d+)\])?(?:\.(?P<field>\w+))?$")


@register.filter
def path_label(path: str) -> str:
    """A document path as people read it: "budget[1].grant" → "Budget, row 2: Grant (yuan)"."""
    match = _PATH.match(str(path))
    if match is None:
        return str(path)
    section = str(SECTION_LABELS.get(match["section"], match["section"]))
    if match["row"] is None:
        return section
    text = str(_("%(section)s, row %(n)s") % {"section": section, "n": int(match["row"]) + 1})
    if match["field"]:
        text += str(_(": ")) + str(FIELD_LABELS.get(match["field"], match["field"]))
    return text
