"""Deliberation meetings (议事会 / 周末议事厅 / open-space meetings) and the needs residents raise.

A meeting's agenda is made of topics; residents register (a place, or the waiting list); attendance is
taken with a QR code or by staff; in an open-space meeting breakout groups form from the topics
attendees joined, each recording notes and proposals; attendees vote (one person one vote, or dots);
the organizer records the resolution, and action items with owners and due dates stay on the public
page until each is done. A topic, an action item or a survey finding can become a need.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Meeting(models.Model):
    class Format(models.TextChoices):
        COUNCIL = "council", _("Residents' council")
        OPEN_SPACE = "open_space", _("Open-space meeting")

    class Voting(models.TextChoices):
        ONE_VOTE = "one_vote", _("One person, one vote (for, against or abstain)")
        DOTS = "dots", _("Dot-voting (each person spreads a few dots over the proposals)")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("meeting", "Being prepared")
        OPEN = "open", pgettext_lazy("meeting", "Registration open")
        IN_SESSION = "in_session", pgettext_lazy("meeting", "In session")
        VOTING = "voting", pgettext_lazy("meeting", "Voting")
        CLOSED = "closed", pgettext_lazy("meeting", "Resolution recorded")

    area = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("community"))
    title = models.CharField(_("meeting"), max_length=80)
    purpose = models.TextField(_("what the meeting is for"), max_length=1000)
    format = models.CharField(_("format"), max_length=12, choices=Format.choices, default=Format.COUNCIL)
    place = models.CharField(_("meeting place"), max_length=100)
    starts_at = models.DateTimeField(_("starts at"))
    capacity = models.PositiveIntegerField(_("places"))
    voting = models.CharField(_("how attendees vote"), max_length=10, choices=Voting.choices, default=Voting.ONE_VOTE)
    dots_per_person = models.PositiveSmallIntegerField(_("dots per person"), default=3)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    organizer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Printed as a QR code at the door: opened by a registered resident, it records their attendance.
    attendance_key = models.CharField(max_length=32, unique=True)
    resolution = models.TextField(_("resolution"), max_length=3000, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["area", "status"])]
        verbose_name = _("deliberation meeting")
        verbose_name_plural = _("deliberation meetings")

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    """A topic on the agenda: a resident's topic taken up, or one the organizer writes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("agenda topic"), max_length=80)
    topic = models.ForeignKey("participation.Topic", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="agenda_items", verbose_name=_("community topic"))

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class BreakoutGroup(models.Model):
    """An open-space group formed around one agenda topic; it records its notes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="groups")
    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="group")
    notes = models.TextField(_("group notes"), max_length=5000, blank=True)

    class Meta:
        ordering = ["item__position", "pk"]


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", pgettext_lazy("registration", "Registered")
        WAITLISTED = "waitlisted", pgettext_lazy("registration", "On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    # None for a resident without a phone, registered by staff under the name they give (assisted).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="meeting_registrations")
    name = models.CharField(_("name"), max_length=50)
    assisted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    joined_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("topic to discuss"))
    group = models.ForeignKey(BreakoutGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    attended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], condition=Q(user__isnull=False),
                                               name="meeting_registration_once")]


class Proposal(models.Model):
    """Something the meeting votes on: put forward by a group or by the organizer."""

    class Outcome(models.TextChoices):
        PENDING = "pending", pgettext_lazy("proposal", "Not yet decided")
        ADOPTED = "adopted", pgettext_lazy("proposal", "Adopted")
        NOT_ADOPTED = "not_adopted", pgettext_lazy("proposal", "Not adopted")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="proposals")
    group = models.ForeignKey(BreakoutGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals")
    text = models.CharField(_("proposal"), max_length=300)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    # The result as counted when the resolution was recorded (votes cannot change after the close).
    votes_for = models.PositiveIntegerField(default=0)
    votes_against = models.PositiveIntegerField(default=0)
    votes_abstain = models.PositiveIntegerField(default=0)
    dots = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


class MeetingVote(models.Model):
    """One attendee's vote on one proposal: a choice, or the dots they put on it. One per attendee and
    proposal, held by the database; dots over the whole meeting are checked under the attendee's lock."""

    class Choice(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstain")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="votes")
    choice = models.CharField(max_length=8, choices=Choice.choices, blank=True)
    dots = models.PositiveSmallIntegerField(default=0)
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "registration"], name="meeting_vote_once")]


class ActionItem(models.Model):
    """What the meeting decided to do: an owner, a due date, on the public page until it is done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions",
                                 verbose_name=_("from the proposal"))
    title = models.CharField(_("action"), max_length=200)
    owner = models.CharField(_("who does it"), max_length=60)
    due = models.DateField(_("due by"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.CharField(_("what was done"), max_length=300, blank=True)
    wish = models.ForeignKey("participation.MicroWish", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.title


class Need(models.Model):
    """A need of a community, with its evidence: raised at a meeting, from a topic, or found by a
    survey. Officers read needs by domain when they set a program's domains; an applicant cites one
    as evidence. "Proposed as a project" marks a need residents want a funded project for."""

    class Source(models.TextChoices):
        SURVEY = "survey", _("A needs survey")
        TOPIC = "topic", _("A community topic")
        ACTION = "action", _("A deliberation meeting")

    area = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("community"))
    domain = models.ForeignKey("places.ServiceDomain", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("service domain"))
    title = models.CharField(_("need"), max_length=100)
    evidence = models.TextField(_("evidence"), max_length=2000)
    source = models.CharField(_("raised by"), max_length=8, choices=Source.choices)
    survey_question = models.ForeignKey("participation.SurveyQuestion", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    topic = models.ForeignKey("participation.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.ForeignKey(ActionItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="needs")
    as_project = models.BooleanField(_("proposed as a project"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["area", "domain"])]
        verbose_name = _("community need")
        verbose_name_plural = _("community needs")

    def __str__(self) -> str:
        return self.title


class NeedCitation(models.Model):
    """An application citing a need as evidence: the need's text went into the application's "evidence of
    need" (where reviewers read it), and the need page counts the applications that cite it."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="citations")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    cited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "application"], name="need_cited_once")]
