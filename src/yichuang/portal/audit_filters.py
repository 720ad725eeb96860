"""Filtering the audit trail: who, what, which kind of record, when, where, and a free search."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yichuang.accounts.audit_readers import HISTORY_READERS
from yichuang.accounts.scopes import area_paths, q_path_within
from yichuang.core.actions import ACTION_LABELS
from yichuang.core.forms import StyledFormMixin
from yichuang.core.models import AuditEvent
from yichuang.places.models import Area

EXPORT_LIMIT = 10_000  # rows in one Excel export; narrow the filter for more


class AuditFilterForm(StyledFormMixin, forms.Form):
    who = forms.CharField(label=_("Who"), required=False, max_length=50)
    action = forms.ChoiceField(label=_("What"), required=False)
    kind = forms.ChoiceField(label=_("Kind of record"), required=False)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False, empty_label=_("All my areas"))
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    q = forms.CharField(label=_("Search the record and the reason"), required=False, max_length=100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Every change")), *sorted(
            ((code, str(label)) for code, label in ACTION_LABELS.items()), key=lambda pair: pair[1])]
        kinds = ContentType.objects.filter(pk__in=AuditEvent.objects.exclude(content_type=None)
                                           .values("content_type").distinct())
        self.fields["kind"].choices = [("", _("Every kind")), *sorted(
            ((f"{ct.app_label}.{ct.model}", str(ct.model_class()._meta.verbose_name if ct.model_class() else ct.model))
             for ct in kinds), key=lambda pair: pair[1])]
        self.fields["area"].queryset = Area.objects.filter(
            q_path_within("path", area_paths(user, *HISTORY_READERS))).order_by("path")
        self.fields["area"].label_from_instance = lambda area: f"{'　' * (area.path.count('/') - 2)}{area.name}"

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The end date is before the start date."))
        return data

    def apply(self, events):
        """``events`` narrowed by what was filled in (the whole trail when the form is not valid)."""
        if not self.is_valid():
            return events
        data = self.cleaned_data
        if data["who"].strip():
            text = data["who"].strip()
            events = events.filter(Q(actor__display_name__icontains=text) | Q(actor__username__icontains=text))
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["kind"]:
            app_label, _dot, model = data["kind"].partition(".")
            events = events.filter(content_type__app_label=app_label, content_type__model=model)
        if data["area"]:
            events = events.filter(area_path__startswith=data["area"].path)
        if data["start"]:
            events = events.filter(at__gte=_day_start(data["start"]))
        if data["end"]:
            events = events.filter(at__lt=_day_start(data["end"] + datetime.timedelta(days=1)))
        if data["q"].strip():
            text = data["q"].strip()
            events = events.filter(Q(object_repr__icontains=text) | Q(reason__icontains=text))
        return events


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
