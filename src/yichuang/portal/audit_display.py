"""Audit history in words: the keys and coded values of before/after snapshots shown by their labels.

Snapshots store stable codes (states, steps, roles, organization types, document fields); the page
shows what they mean in the reader's language. Keys of model fields use the field's label; other keys
and values come from the vocabularies below, which reuse the labels kept elsewhere (one place each).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yichuang.accounts.roles import Role
from yichuang.applications import schema
from yichuang.core.timefmt import local_minute
from yichuang.places.models import OrganizationType
from yichuang.programs.models import WorkflowState, WorkflowTransition, bilingual

KEY_LABELS = {
    "amount": gettext_lazy("amount"), "answer": gettext_lazy("answer"), "application": gettext_lazy("application"),
    "applications": gettext_lazy("applications"), "area": gettext_lazy("area"), "assignment": gettext_lazy("assignment"),
    "bonus": gettext_lazy("bonus points"), "changed": gettext_lazy("changed"), "clawed_back": gettext_lazy("clawed back"),
    "closes_at": gettext_lazy("ends"), "code": gettext_lazy("code"), "conflicts": gettext_lazy("conflicts of interest"),
    "content": gettext_lazy("content"), "count": gettext_lazy("number"), "entry": gettext_lazy("ledger entry"),
    "experts": gettext_lazy("experts"), "file": gettext_lazy("file"), "forced": gettext_lazy("closed with pitches unscored"),
    "grant": gettext_lazy("grant"), "interests": gettext_lazy("interests"), "item": gettext_lazy("project"),
    "kind": gettext_lazy("kind"), "limit": gettext_lazy("limit"), "line": gettext_lazy("budget line"),
    "lines": gettext_lazy("lines"), "moved": gettext_lazy("moved"), "notice": gettext_lazy("notice"),
    "objection": gettext_lazy("objection"), "opens_at": gettext_lazy("starts"), "options": gettext_lazy("projects on the ballot"),
    "order": gettext_lazy("order"), "organization": gettext_lazy("organization"), "panel": gettext_lazy("panel"),
    "program": gettext_lazy("program"), "reference": gettext_lazy("reference"), "revision": gettext_lazy("revision"),
    "role": gettext_lazy("role"), "rule": gettext_lazy("rule"), "scores": gettext_lazy("scores"),
    "selected": gettext_lazy("selected"), "side": gettext_lazy("side"), "size": gettext_lazy("size"),
    "slot": gettext_lazy("pitch"), "source": gettext_lazy("source"), "state": gettext_lazy("state"),
    "status": gettext_lazy("status"), "tenths": gettext_lazy("score (tenths)"), "title": gettext_lazy("title"),
    "tranches": gettext_lazy("tranches"), "transition": gettext_lazy("step"), "type": gettext_lazy("type"),
    "venue": gettext_lazy("venue"), "version": gettext_lazy("version"), "voter": gettext_lazy("voter"),
    "voucher": gettext_lazy("voucher"), "method": gettext_lazy("method"), "seed": gettext_lazy("seed of the draw"),
    "objective": gettext_lazy("objective value"), "upper_bound": gettext_lazy("bound"),
    "optimal": gettext_lazy("proven optimal"), "seconds": gettext_lazy("seconds"), "at": gettext_lazy("time"),
    "pairs": gettext_lazy("reviews assigned"), "kept": gettext_lazy("pinned pairs kept"),
}


def _vocabulary() -> dict[str, str]:
    """Code → label for the coded values snapshots hold."""
    words = {code: str(label) for code, label in Role.choices}
    words.update({code: str(label) for code, label in OrganizationType.choices})
    for code, zh, en in WorkflowState.objects.values_list("code", "staff_label_zh", "staff_label_en").distinct():
        words.setdefault(code, bilingual(zh, en))
    for code, zh, en in WorkflowTransition.objects.values_list("code", "label_zh", "label_en").distinct():
        words.setdefault(code, bilingual(zh, en))
    return words


def key_label(key: str, field_labels: dict[str, str]) -> str:
    label = field_labels.get(key) or KEY_LABELS.get(key)
    return str(label) if label else (schema.label_for_path(key) if schema.is_document_path(key) else _("other detail"))


def display(value, words: dict[str, str], field_labels: dict[str, str]) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        if value in words:
            return words[value]
        return schema.label_for_path(value) if schema.is_document_path(value) else value
    if isinstance(value, list):
        return _(", ").join(display(item, words, field_labels) for item in value) if value else "—"
    if isinstance(value, dict):
        return "; ".join(f"{key_label(k, field_labels)}: {display(v, words, field_labels)}" for k, v in value.items())
    return str(value)


def changes(events, field_labels: dict[str, str]) -> list[tuple]:
    """(event, [(label, before, after), …]) for each event, in words."""
    words = _vocabulary()
    return [(event, [(key_label(name, field_labels), display(old, words, field_labels), display(new, words, field_labels))
                     for name, old, new in event.changes]) for event in events]


def sentence(event) -> str:
    """One audit entry as a sentence: who did what to which record, when, and why."""
    text = _("%(who)s: %(what)s, “%(record)s”, on %(when)s.") % {
        "who": event.actor or _("system"), "what": event.action_label, "record": event.object_repr,
        "when": local_minute(event.at)}
    return f"{text} {_('Reason: %(reason)s') % {'reason': event.reason}}" if event.reason else text
