"""Reading the application editor's flat form fields into a document, and back."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from yichuang.core.forms import StyledFormMixin, WholeNumberField
from yichuang.kernel.money import Money

SCALARS = ["title", "summary", "domain", "beneficiary_group", "beneficiary_count", "need_evidence", "goals"]
ROWS = {
    "activities": ["name", "start", "end", "sessions", "participants", "description"],
    "indicators": ["kind", "name", "target", "unit"],
    "team": ["name", "role", "qualification"],
    "budget": ["category", "item", "grant", "own", "matched"],
}
MONEY_KEYS = ("grant", "own", "matched")
_ROW_FIELD = re.compile(r"^(activities|indicators|team|budget)-(\d{1,3})-([a-z_]+)$")


def parse_document(post) -> dict:
    """The raw document as posted: strings only; the kernel normalises and checks it."""
    raw: dict = {name: post.get(name, "") for name in SCALARS}
    rows: dict[str, dict[int, dict]] = {section: {} for section in ROWS}
    for key in post:
        match = _ROW_FIELD.match(key)
        if match and match.group(3) in ROWS[match.group(1)]:
            section, index, name = match.group(1), int(match.group(2)), match.group(3)
            rows[section].setdefault(index, {})[name] = post.get(key, "")
    for section, by_index in rows.items():
        raw[section] = [by_index[i] for i in sorted(by_index)]
    return raw


def editor_rows(document: dict, section: str, extra: int) -> list[dict]:
    """Rows to show in the editor: the saved ones (money back in yuan) plus ``extra`` blank rows."""
    shown = []
    for row in document.get(section) or []:
        values = {name: row.get(name, "") for name in ROWS[section]}
        if section == "budget":
            for key in MONEY_KEYS:
                fen = row.get(f"{key}_fen")
                # Keep what the user typed when it could not be read as money.
                values[key] = Money(fen).yuan_str() if isinstance(fen, int) else row.get(key, "")
        shown.append({name: "" if value is None else value for name, value in values.items()})
    blank = {name: "" for name in ROWS[section]}
    return shown + [dict(blank) for _ in range(extra)]


def field_name(path: str) -> str:
    """Kernel problem path ("budget.2.grant_fen") → editor field name ("budget-2-grant")."""
    parts = path.split(".")
    if parts[-1].endswith("_fen"):
        parts[-1] = parts[-1][: -len("_fen")]
    return "-".join(parts)


class AttachmentForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("What is it?"), max_length=200, required=False)


class TransitionReasonForm(StyledFormMixin, forms.Form):
    code = forms.SlugField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason or message"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
    answer = forms.CharField(label=_("Your answer to the request"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))


class ApplicationFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("Status"), required=False, choices=[])
    domain = forms.ChoiceField(label=_("Service domain"), required=False, choices=[])

    def __init__(self, *args, states, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All statuses")), *[(s.code, s.staff_label) for s in states]]
        self.fields["domain"].choices = [("", _("All domains")), *[(d.code, str(d)) for d in domains]]


class NoticeForm(StyledFormMixin, forms.Form):
    """The kind is chosen before the form (it decides which applications are offered)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    opens_at = forms.DateTimeField(label=_("Notice period starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    closes_at = forms.DateTimeField(label=_("Notice period ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    applications = forms.ModelMultipleChoiceField(label=_("Applications"), queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = applications
        self.fields["applications"].label_from_instance = lambda a: f"{a.number} {a.title} · {a.organization.name} · {a.state.staff_label}"


class ObjectionForm(StyledFormMixin, forms.Form):
    item = forms.ChoiceField(label=_("Which project"), required=False, choices=[])
    name = forms.CharField(label=_("Your name"), max_length=50)
    contact = forms.CharField(label=_("Phone or e-mail"), max_length=100, help_text=_("Only the program officers see it, to answer you."))
    text = forms.CharField(label=_("Your objection"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))
    website = forms.CharField(required=False, widget=forms.HiddenInput)  # left empty by people, filled by bots
    human_check = WholeNumberField(label="")

    def __init__(self, *args, items, challenge: tuple[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge = challenge
        self.fields["human_check"].label = _("A check that a person is writing: how much is %(a)s plus %(b)s?") % {
            "a": challenge[0], "b": challenge[1]}
        self.fields["item"].choices = [("", _("The notice as a whole")), *[(i.pk, f"{i.application.number} {i.application.title}") for i in items]]


    def clean_human_check(self):
        value = self.cleaned_data["human_check"]
        if value != sum(self.challenge):
            raise forms.ValidationError(_("That is not the sum; please count again."))
        return value


class ObjectionAnswerForm(StyledFormMixin, forms.Form):
    answer = forms.CharField(label=_("Answer"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
