"""Forms of deliberation meetings and needs. Rules live in the services; forms parse and say what is missing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yichuang.core.forms import StyledFormMixin
from yichuang.participation.forms import DATE
from yichuang.participation.meetings import MeetingText
from yichuang.participation.models import Meeting, Proposal, Topic
from yichuang.places.models import ServiceDomain

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _community_label(area) -> str:
    return f"{area.parent.name if area.parent else ''} · {area.name}"


class MeetingForm(StyledFormMixin, forms.Form):
    area = forms.ModelChoiceField(label=_("Community"), queryset=None, empty_label="—")
    title = forms.CharField(label=_("Meeting"), max_length=80,
                            help_text=_("E.g. “Weekend deliberation hall: small public matters”."))
    purpose = forms.CharField(label=_("What the meeting is for"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    format = forms.ChoiceField(label=_("Format"), choices=Meeting.Format.choices, widget=forms.RadioSelect,
                               initial=Meeting.Format.COUNCIL,
                               help_text=_("In an open-space meeting, attendees split into groups by the topic they join."))
    place = forms.CharField(label=_("Meeting place"), max_length=100)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500, initial=40,
                                  help_text=_("Past this number, registrations join a waiting list."))
    voting = forms.ChoiceField(label=_("How attendees vote"), choices=Meeting.Voting.choices, widget=forms.RadioSelect,
                               initial=Meeting.Voting.ONE_VOTE)
    dots_per_person = forms.IntegerField(label=_("Dots per person"), min_value=1, max_value=10, initial=3,
                                         help_text=_("Only for dot-voting."))
    topics = forms.ModelMultipleChoiceField(label=_("Topics for the agenda"), queryset=Topic.objects.none(),
                                            required=False, widget=forms.CheckboxSelectMultiple,
                                            help_text=_("Open topics residents put forward, most followed first; "
                                                        "more can be added later."))

    def __init__(self, *args, communities, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = communities
        self.fields["area"].label_from_instance = _community_label
        self.fields["topics"].queryset = topics
        self.fields["topics"].label_from_instance = lambda t: f"{t.title} · {t.area.name}"

    def text(self) -> MeetingText:
        data = self.cleaned_data
        return MeetingText(area=data["area"], title=data["title"], purpose=data["purpose"], format=data["format"],
                           place=data["place"], starts_at=data["starts_at"], capacity=data["capacity"],
                           voting=data["voting"], dots_per_person=data["dots_per_person"] or 3)


class CloseForm(StyledFormMixin, forms.Form):
    resolution = forms.CharField(label=_("Resolution"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text=_("What the meeting decided, in the words the minutes will carry."))
    adopt_top = forms.IntegerField(label=_("How many priorities the meeting adopts"), min_value=1, max_value=20,
                                   initial=3, required=False,
                                   help_text=_("Dot-voting: the proposals with most dots; one tied with the last is "
                                               "adopted too."))


class ActionForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Action"), max_length=200)
    owner = forms.CharField(label=_("Who does it"), max_length=60,
                            help_text=_("A person, a team or an organization, as the public page should show it."))
    due = forms.DateField(label=_("Due by"), widget=DATE)
    proposal = forms.ModelChoiceField(label=_("From the proposal"), queryset=Proposal.objects.none(), required=False,
                                      empty_label="—")

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = meeting.proposals.filter(outcome=Proposal.Outcome.ADOPTED)


class NeedForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Need"), max_length=100)
    domain = forms.ModelChoiceField(label=_("Service domain"), queryset=ServiceDomain.objects.all(), required=False,
                                    empty_label="—")
    evidence = forms.CharField(label=_("Evidence"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("What residents said, and how many: it is shown on the public page."))
    as_project = forms.BooleanField(label=_("Residents propose a project for it"), required=False)
