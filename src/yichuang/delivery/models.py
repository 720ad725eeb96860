"""Delivery (项目执行): what a funded project actually did, recorded as it happens.

An activity record is the evidence behind every published figure: person-times, people served and
volunteer hours are sums of these records (``ProjectTally`` keeps the sums, rewritten by the same
transaction that changes a record, and a check compares them with the records). Names of the people
served live in the project's beneficiary list, never on a public page. A submitted record changes
only through a correction request with a reason, and the request keeps both versions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Beneficiary(models.Model):
    """A person a project serves, named so that attendance can be counted without double counting."""

    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="beneficiaries")
    name = models.CharField(_("name"), max_length=50)
    group = models.CharField(_("group"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "name", "pk"]
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="activities")
    number = models.PositiveIntegerField(_("number"))
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    content = models.TextField(_("what was done"), max_length=2000)
    # The planned activity (its row in the application's plan) this one delivers, and its name then.
    planned = models.PositiveSmallIntegerField(null=True, blank=True)
    planned_name = models.CharField(_("planned activity"), max_length=100, blank=True)
    beneficiary_group = models.CharField(_("beneficiary group"), max_length=200, blank=True)
    # True: participants and person-times are counted from the attendance rows; False: typed in.
    named = models.BooleanField(default=False)
    participants = models.PositiveIntegerField(_("participants"))
    person_times = models.PositiveIntegerField(_("person-times"))
    # Typed in without a named list: how many of the participants came for the first time.
    new_participants = models.PositiveIntegerField(_("first-time participants"), default=0)
    volunteers = models.PositiveIntegerField(_("volunteers"), default=0)
    volunteer_minutes = models.PositiveIntegerField(default=0)
    sign_in_sheet = models.FileField(_("sign-in sheet"), upload_to="sign-in/%Y/%m/", blank=True)
    sign_in_sheet_name = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-number"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="activity_number_unique"),
            models.CheckConstraint(condition=models.Q(person_times__gte=models.F("participants")),
                                   name="activity_person_times_not_below_participants"),
            models.CheckConstraint(condition=models.Q(new_participants__lte=models.F("participants")),
                                   name="activity_new_participants_within_participants"),
        ]
        indexes = [models.Index(fields=["project", "held_on"], name="activity_project_day")]

    def __str__(self) -> str:
        return _("Activity %(n)s of %(number)s") % {"n": self.number, "number": self.project.number}

    @property
    def volunteer_hours(self) -> float:
        return round(self.volunteer_minutes / 60, 1)


class Attendance(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendances")
    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.PROTECT, related_name="attendances")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "beneficiary"], name="attendance_unique")]


class ActivityPhoto(models.Model):
    """A photo as stored: re-encoded by us (resized, no EXIF, so no location), safe to show inline."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="photos")
    image = models.FileField(upload_to="activity-photos/%Y/%m/")
    name = models.CharField(max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "pk"]


class CorrectionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPLIED = "applied", _("Applied")
    REJECTED = "rejected", _("Rejected")


class ActivityCorrection(models.Model):
    """A change to a submitted record, asked for with a reason and decided by the program's officer."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="corrections")
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    reason = models.TextField(_("reason"), max_length=1000)
    status = models.CharField(_("status"), max_length=16, choices=CorrectionStatus.choices,
                              default=CorrectionStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["activity", "-requested_at"]
        constraints = [models.UniqueConstraint(fields=["activity"], condition=models.Q(status="pending"),
                                               name="one_pending_correction_per_activity")]

    def __str__(self) -> str:
        return _("Correction of %(activity)s") % {"activity": self.activity}


class IndicatorReport(models.Model):
    """The organization's count for a custom indicator (one the records cannot add up); the latest counts,
    earlier ones stay as history."""

    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="indicator_reports")
    position = models.PositiveSmallIntegerField()
    value = models.PositiveIntegerField(_("achieved so far"))
    note = models.CharField(_("how it was counted"), max_length=300)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "position", "-reported_at", "-pk"]


class ProjectTally(models.Model):
    """A project's achieved figures, the sums of its activity records, kept for lists and dashboards.
    Written only by ``delivery.tally.recount`` inside the transaction that changed a record."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE, primary_key=True, related_name="tally")
    activities = models.PositiveIntegerField(default=0)
    person_times = models.PositiveIntegerField(default=0)
    named_people = models.PositiveIntegerField(default=0)
    counted_participants = models.PositiveIntegerField(default=0)  # first-time ones, without a named list
    volunteer_minutes = models.PositiveIntegerField(default=0)
    last_held_on = models.DateField(null=True, blank=True)

