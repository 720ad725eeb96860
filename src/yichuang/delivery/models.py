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


class StoredPhoto(models.Model):
    """A photo as stored: re-encoded by us (resized, no EXIF, so no location), safe to show inline."""

    image = models.FileField(upload_to="photos/%Y/%m/")
    name = models.CharField(max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class ActivityPhoto(StoredPhoto):
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="photos")

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



class EvaluationKind(models.TextChoices):
    MIDTERM = "midterm", _("Mid-term evaluation")
    FINAL = "final", _("Final evaluation")


class EvaluationRound(models.Model):
    """A program's mid-term or final evaluation of all its projects: evaluators (experts of the pool,
    supervisors) fill the form for each project; an officer decides each project's result."""

    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="evaluation_rounds")
    kind = models.CharField(_("evaluation"), max_length=16, choices=EvaluationKind.choices)
    # The form as opened, frozen: [[code, label (zh), label (en), maximum], …].
    criteria = models.JSONField(default=list)
    due_on = models.DateField(_("sheets due by"))
    evaluators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="evaluation_rounds",
                                        verbose_name=_("evaluators"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "kind"]
        constraints = [models.UniqueConstraint(fields=["program", "kind"], name="evaluation_round_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.program}"


class Consequence(models.TextChoices):
    """What a decided evaluation does to the project's money (applied through the tranche services)."""

    RELEASE = "release", _("Release the tranche it triggers (proposed for four-eyes approval)")
    NONE = "none", _("No change to the money")
    HOLD = "hold", _("Hold the next unpaid tranche")
    REDUCE = "reduce", _("Reduce the next unpaid tranche")
    CANCEL = "cancel", _("Cancel the unpaid tranches")
    CLAW_BACK = "claw_back", _("Claw back money already paid")


class ProjectEvaluation(models.Model):
    round = models.ForeignKey(EvaluationRound, on_delete=models.PROTECT, related_name="evaluations")
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="evaluations")
    result = models.CharField(_("result"), max_length=16, blank=True)  # projects.EvaluationResult codes
    conclusion = models.TextField(_("conclusion"), max_length=3000, blank=True)
    actions = models.TextField(_("required actions"), max_length=3000, blank=True)
    rectify_by = models.DateField(_("rectify by"), null=True, blank=True)
    consequence = models.CharField(_("consequence"), max_length=16, choices=Consequence.choices, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "project__number"]
        constraints = [models.UniqueConstraint(fields=["round", "project"], name="project_evaluation_unique")]

    def __str__(self) -> str:
        return _("%(kind)s of %(number)s") % {"kind": self.round.get_kind_display(), "number": self.project.number}


class EvaluationSheet(models.Model):
    """One evaluator's form for one project: scores by criterion, findings, documents reviewed, and
    the result they recommend."""

    evaluation = models.ForeignKey(ProjectEvaluation, on_delete=models.PROTECT, related_name="sheets")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scores = models.JSONField(default=dict)
    findings = models.TextField(_("findings"), max_length=5000)
    documents = models.TextField(_("documents reviewed"), max_length=2000)
    recommendation = models.CharField(_("recommended result"), max_length=16)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["evaluation", "evaluator"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "evaluator"], name="evaluation_sheet_unique")]

    @property
    def total(self) -> int:
        return sum(int(v) for v in self.scores.values())


class Severity(models.TextChoices):
    LOW = "low", _("Minor")
    MEDIUM = "medium", _("Serious")
    HIGH = "high", _("Severe")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("To be dealt with")
    DONE = "done", _("Dealt with, waiting for the supervisor")
    ACCEPTED = "accepted", _("Accepted by the supervisor")


class SupervisionVisit(models.Model):
    """A supervisor's (社工督导) visit to a project: what they saw, the issues found and their follow-ups."""

    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField(_("date of the visit"))
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    observations = models.TextField(_("observations"), max_length=3000)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return _("Supervision visit to %(number)s") % {"number": self.project.number}


class VisitIssue(models.Model):
    """An issue found on a visit: open until the organization says how it dealt with it and a supervisor
    accepts that (or sends it back with a note)."""

    visit = models.ForeignKey(SupervisionVisit, on_delete=models.PROTECT, related_name="issues")
    description = models.CharField(_("issue"), max_length=500)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    follow_up = models.CharField(_("follow-up required"), max_length=500)
    due_on = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN)
    response = models.TextField(_("how it was dealt with"), max_length=2000, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField(_("supervisor's note"), max_length=500, blank=True)

    class Meta:
        ordering = ["visit", "pk"]


class VisitPhoto(StoredPhoto):
    visit = models.ForeignKey(SupervisionVisit, on_delete=models.PROTECT, related_name="photos")

    class Meta:
        ordering = ["visit", "pk"]


class LeftoverHandling(models.TextChoices):
    NONE = "none", _("Nothing is left")
    RETURN = "return", _("Returned to the funder")
    KEEP = "keep", _("Kept for the project's purpose, as the agreement allows")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, waiting for the officer")
    RETURNED = "returned", _("Sent back for changes")
    ACCEPTED = "accepted", _("Accepted: the project is closed")


class FinalReport(models.Model):
    """The organization's final report (结项报告). Figures are frozen at submission: the indicators as the
    records add them up, the budget lines as spent."""

    project = models.OneToOneField("projects.Project", on_delete=models.PROTECT, related_name="final_report")
    narrative = models.TextField(_("what the project achieved"), max_length=8000)
    lessons = models.TextField(_("difficulties and lessons"), max_length=4000, blank=True)
    leftover_handling = models.CharField(_("money left over"), max_length=8, choices=LeftoverHandling.choices,
                                         default=LeftoverHandling.NONE)
    leftover_note = models.CharField(_("how the money left over is handled"), max_length=500, blank=True)
    figures = models.JSONField(default=dict)  # frozen at submission: indicators, spending, paid
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("officer's note"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return _("Final report of %(number)s") % {"number": self.project.number}
