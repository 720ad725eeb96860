"""Residents' voice: micro-wishes (微心愿) posted for residents and adopted by donors and volunteers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yichuang.core.fields import MoneyField


class WishFor(models.TextChoices):
    CHILD = "child", _("A child in difficulty")
    LEFT_BEHIND = "left_behind", _("A left-behind child")
    ELDERLY_ALONE = "elderly_alone", _("An elderly person living alone")
    DISABLED = "disabled", _("A person with a disability")
    FAMILY = "family", _("A family in difficulty")


class MicroWish(models.Model):
    """A small wish a community worker posts for a resident. Its public text names nobody; the
    resident's name stays with the staff (and the resident, when linked to an account)."""

    class Status(models.TextChoices):
        CHECKING = "checking", pgettext_lazy("micro-wish", "Waiting for a second check")
        RETURNED = "returned", pgettext_lazy("micro-wish", "Returned for changes")
        PUBLISHED = "published", pgettext_lazy("micro-wish", "Waiting for someone to adopt it")
        ADOPTED = "adopted", pgettext_lazy("micro-wish", "Adopted")
        FULFILLED = "fulfilled", pgettext_lazy("micro-wish", "Fulfilled, waiting for confirmation")
        CLOSED = "closed", pgettext_lazy("micro-wish", "Came true")
        WITHDRAWN = "withdrawn", pgettext_lazy("micro-wish", "Withdrawn")

    area = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("community"))
    wish_for = models.CharField(_("the wish is for"), max_length=16, choices=WishFor.choices)
    title = models.CharField(_("the wish"), max_length=60)
    story = models.TextField(_("about the wish"), max_length=500)
    value = MoneyField(_("estimated value"))
    deadline = models.DateField(_("wanted by"))
    # Private: seen by the community's staff, and by the resident when linked to their account.
    beneficiary_name = models.CharField(_("resident's name"), max_length=50)
    beneficiary_note = models.CharField(_("private note for staff"), max_length=300, blank=True)
    beneficiary_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="wishes_for_me", verbose_name=_("resident's account"))
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    posted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CHECKING)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    checked_at = models.DateTimeField(null=True, blank=True)
    check_note = models.CharField(_("note"), max_length=300, blank=True)
    adopter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="adopted_wishes")
    adopter_public = models.BooleanField(_("show my name on the public page"), default=False)
    # Adopted by a community charity fund, paid by its grant (the adopter is who recorded the payment).
    sponsor = models.CharField(_("paid by"), max_length=120, blank=True)
    adopted_at = models.DateTimeField(null=True, blank=True)
    proof = models.FileField(_("proof"), upload_to="wishes/%Y/", blank=True)
    proof_name = models.CharField(max_length=200, blank=True)
    proof_note = models.CharField(_("how it was fulfilled"), max_length=300, blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["status", "area"]), models.Index(fields=["area", "status"])]
        verbose_name = _("micro-wish")
        verbose_name_plural = _("micro-wishes")

    def __str__(self) -> str:
        return self.title


class AgeGroup(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    FROM_18 = "18_34", _("18 to 34")
    FROM_35 = "35_59", _("35 to 59")
    FROM_60 = "60_79", _("60 to 79")
    FROM_80 = "80_plus", _("80 or older")


class Survey(models.Model):
    """A needs survey (需求调查) of an area: built by its keepers, open for a period, answered
    anonymously (one answer per browser, with a human check) or by verified residents (one each)."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("survey", "Being prepared")
        OPEN = "open", pgettext_lazy("survey", "Open for answers")
        CLOSED = "closed", pgettext_lazy("survey", "Closed")

    class Mode(models.TextChoices):
        ANONYMOUS = "anonymous", _("Anonymous: anyone with the link, once per phone or computer")
        IDENTIFIED = "identified", _("Identified: verified residents of the area, once each")

    area = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area"))
    title = models.CharField(_("title"), max_length=100)
    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    mode = models.CharField(_("who answers"), max_length=12, choices=Mode.choices, default=Mode.ANONYMOUS)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    # The public link's key: random, so surveys cannot be listed by guessing.
    key = models.CharField(max_length=24, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("needs survey")
        verbose_name_plural = _("needs surveys")

    def __str__(self) -> str:
        return self.title


class SurveyQuestion(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        TEXT = "text", pgettext_lazy("survey question", "Text")
        SCALE = "scale", _("Scale of 1 to 5")
        MATRIX = "matrix", _("Grid (one choice per row)")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    kind = models.CharField(_("kind of question"), max_length=8, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(_("an answer is required"), default=False)
    options = models.JSONField(_("choices"), default=list, blank=True)
    rows = models.JSONField(_("rows"), default=list, blank=True)
    show_if_question = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                                         verbose_name=_("only if the answer to"))
    show_if_option = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["survey", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["survey", "position"], name="survey_question_position")]

    def __str__(self) -> str:
        return self.text

    @property
    def show_if_answer(self) -> str:
        """The earlier answer this question waits for (its label)."""
        return self.show_if_question.options[self.show_if_option] if self.show_if_question_id else ""


class SurveyResponse(models.Model):
    """One respondent's answers. Anonymous answers keep no link to a person: only a keyed hash of
    the browser's session (to refuse a second answer) and what the respondent chose to say about
    where they live and their age group."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    answers = models.JSONField(default=dict)
    community = models.ForeignKey("places.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("community"))
    age_group = models.CharField(_("age group"), max_length=8, choices=AgeGroup.choices, blank=True)
    session_hash = models.CharField(max_length=64, null=True, blank=True)
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # staff typing in a paper questionnaire
    submitted_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "session_hash"], name="survey_once_per_session"),
            models.UniqueConstraint(fields=["survey", "resident"], name="survey_once_per_resident"),
        ]
        indexes = [models.Index(fields=["survey", "community"])]


class Topic(models.Model):
    """A "small public matter" (小事) a resident puts forward for the community to deliberate:
    road repair, the ancestral hall, meals for elderly people living alone. Followed by neighbours,
    hidden when enough of them report it, until a keeper looks at it."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("topic", "Open")
        HIDDEN = "hidden", pgettext_lazy("topic", "Hidden after reports, waiting for a moderator")
        REMOVED = "removed", pgettext_lazy("topic", "Removed by a moderator")

    area = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("community"))
    title = models.CharField(_("topic"), max_length=80)
    body = models.TextField(_("what it is about"), max_length=1000)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Staff recording a topic for a resident who does not use a phone: the resident's name as they
    # want it shown, and the staff member as the one who typed it.
    assisted_for = models.CharField(_("on behalf of"), max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    followers = models.PositiveIntegerField(default=0)
    reports = models.PositiveIntegerField(default=0)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    moderation_note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-followers", "-created_at", "-pk"]
        indexes = [models.Index(fields=["area", "status"])]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.title


class TopicFollow(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="topic_follow_once")]


class TopicReport(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="report_rows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("why"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="topic_report_once")]


# Deliberation meetings and needs live in their own module; Django finds models through this one.
from yichuang.participation.meeting_models import (  # noqa: E402, F401
    ActionItem,
    AgendaItem,
    BreakoutGroup,
    Meeting,
    MeetingVote,
    Need,
    NeedCitation,
    Proposal,
    Registration,
)

