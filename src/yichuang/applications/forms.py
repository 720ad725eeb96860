"""Reading the application editor's flat form fields into a document, and back."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from yichuang.applications import schema
from yichuang.core.forms import StyledFormMixin, WholeNumberField
from yichuang.kernel import applications as doc
from yichuang.kernel.money import Money

# The editor's field names, derived from the kernel's schema (money typed in yuan: "grant_fen" → "grant").
SCALARS = list(doc.SCALAR_SPECS)
ROWS = {section: [schema.input_key(key) for key in specs] for section, specs in doc.ROW_SPECS.items()}
_ROW_FIELD = re.compile(rf"^({'|'.join(doc.ROW_SECTIONS)})-(\d{{1,3}})-([a-z_]+)$")


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


def _cell(column: schema.Column, row: dict) -> dict:
    if column.kind == "money":
        fen = row.get(column.key)
        # Keep what the user typed when it could not be read as money.
        value = Money(fen).yuan_str() if isinstance(fen, int) else row.get(column.name, "")
    else:
        value = row.get(column.key, "")
    return {"column": column, "value": "" if value is None else value}


def editor_rows(document: dict, section: str, extra: int) -> list[list[dict]]:
    """Rows to show in the editor, one cell per column of the schema: the saved rows plus ``extra`` blank ones."""
    columns = schema.columns(section)
    saved = [[_cell(column, row) for column in columns] for row in document.get(section) or [] if isinstance(row, dict)]
    return saved + [[{"column": column, "value": ""} for column in columns] for _ in range(extra)]


def field_name(path: str) -> str:
    """Kernel problem path ("budget.2.grant_fen") → editor field name ("budget-2-grant")."""
    parts = path.split(".")
    parts[-1] = schema.input_key(parts[-1])
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
