"""Expert review: the expert pool, review rounds, conflicts, assignments, reviews and the roadshow.

Scores are stored in tenths of a point (integers): a rubric allows at most one decimal place, and
integers keep sums and comparisons exact; the statistics that follow are computed in the kernel.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Expert(models.Model):
    """A reviewer in a district's pool. An account is linked once the expert logs in to review."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="expert_profile"
    )
    name = models.CharField(_("name"), max_length=50)
    name_sort = models.CharField(max_length=300, editable=False, db_index=True)
    phone = models.CharField(_("mobile number"), max_length=20, blank=True)
    title = models.CharField(_("professional title"), max_length=100, blank=True)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    # The pool an expert belongs to is that of their home area: officers above it may assign them.
    area = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="experts", verbose_name=_("home area"))
    domains = models.ManyToManyField("places.ServiceDomain", blank=True, related_name="+", verbose_name=_("domains of expertise"))
    affiliations = models.ManyToManyField(
        "places.Organization", blank=True, related_name="affiliated_experts", verbose_name=_("affiliated organizations")
    )
    min_load = models.PositiveSmallIntegerField(_("fewest applications per round"), default=0)
    max_load = models.PositiveSmallIntegerField(_("most applications per round"), default=10)
    available = models.BooleanField(_("available for new rounds"), default=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["name_sort", "id"]

    def __str__(self) -> str:
        return self.name


class RoundState(models.TextChoices):
    DECLARING = "declaring", _("Experts declare conflicts")
    OPEN = "open", _("Reviewing")
    CLOSED = "closed", _("Closed")


class ReviewRound(models.Model):
    """The expert review of one program: the panel, the rules of the assignment, the deadline."""

    program = models.OneToOneField("programs.Program", on_delete=models.PROTECT, related_name="review_round")
    state = models.CharField(_("status"), max_length=16, choices=RoundState.choices, default=RoundState.DECLARING)
    reviewers_per_application = models.PositiveSmallIntegerField(_("reviewers per application"), default=3)
    min_load = models.PositiveSmallIntegerField(_("fewest applications per expert"), default=0)
    max_load = models.PositiveSmallIntegerField(_("most applications per expert"), default=10)
    community_conflicts = models.BooleanField(_("an expert living in the applicant's community is in conflict"), default=False)
    team_years = models.PositiveSmallIntegerField(_("years in which team membership is a conflict"), default=3)
    deadline = models.DateTimeField(_("review deadline"), null=True, blank=True)
    panel = models.ManyToManyField(Expert, blank=True, related_name="rounds", verbose_name=_("panel"))
    # The last solver run, for the page: method, objective, bound, optimality, seconds, seed.
    solution = models.JSONField(default=dict, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")

    def __str__(self) -> str:
        return str(self.program)


class RoundEntry(models.Model):
    """An application under review in a round (entered by the workflow's open_review_round effect)."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="entries")
    application = models.OneToOneField("applications.Application", on_delete=models.PROTECT, related_name="review_entry")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application__number"]


class ConflictSource(models.TextChoices):
    AFFILIATION = "affiliation", _("Affiliated with the applicant")
    LINKED = "linked", _("Affiliated with an organization linked to the applicant")
    COMMUNITY = "community", _("Lives in the applicant's community")
    TEAM = "team", _("On the applicant's team in recent years")
    DECLARED = "declared", _("Declared by the expert")


class Conflict(models.Model):
    """Why an expert must not review an application. Detected conflicts are recomputed; declared ones stay."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="conflicts")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="conflicts")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=16, choices=ConflictSource.choices)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "expert", "application", "source"], name="conflict_unique"),
        ]


class Interest(models.Model):
    """An expert's declared wish to review an application (raises the pair's affinity)."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="interests")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "expert", "application"], name="interest_unique")]


class PairRule(models.Model):
    """The officer's pins (must review) and forbids (must not review)."""

    class Rule(models.TextChoices):
        PIN = "pin", _("Must review")
        FORBID = "forbid", _("Must not review")

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="rules")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(max_length=8, choices=Rule.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "expert", "application"], name="pair_rule_unique")]


class Assignment(models.Model):
    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="assignments")
    application = models.ForeignKey("applications.Application", on_delete=models.PROTECT, related_name="assignments")
    affinity_bp = models.PositiveIntegerField(default=0)  # affinity × 10,000, for the page
    # Set when the expert confirms independence on opening it; content stays hidden until then.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application__number", "expert__name_sort"]
        constraints = [models.UniqueConstraint(fields=["round", "expert", "application"], name="assignment_unique")]

    @property
    def affinity(self) -> str:
        return f"{self.affinity_bp / 10000:g}"


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", pgettext_lazy("review state", "Submitted")


class Review(models.Model):
    """One expert's scores for one application. Submitted reviews are locked until reopened."""

    assignment = models.OneToOneField(Assignment, on_delete=models.PROTECT, related_name="review")
    state = models.CharField(max_length=16, choices=ReviewState.choices, default=ReviewState.DRAFT)
    # {criterion code: tenths of a point, or None for n/a}; bonus {code: tenths}; comments {code: text}.
    scores = models.JSONField(default=dict, blank=True)
    bonus = models.JSONField(default=dict, blank=True)
    comments = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("overall comment"), max_length=3000, blank=True)
    total_centi = models.PositiveIntegerField(null=True, blank=True)  # 0–100 scale × 100, set on submit
    revision = models.PositiveIntegerField(default=1)
    saved_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return _("Review of %(number)s") % {"number": self.assignment.application.number}


class SessionState(models.TextChoices):
    SETUP = "setup", _("Being prepared")
    LIVE = "live", _("Live")
    CLOSED = "closed", _("Closed")


class RoadshowSession(models.Model):
    program = models.OneToOneField("programs.Program", on_delete=models.PROTECT, related_name="roadshow")
    state = models.CharField(max_length=16, choices=SessionState.choices, default=SessionState.SETUP)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    panel = models.ManyToManyField(Expert, blank=True, related_name="roadshows", verbose_name=_("panel"))
    current = models.ForeignKey("RoadshowSlot", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return _("Roadshow of %(program)s") % {"program": self.program.name}


class RoadshowSlot(models.Model):
    session = models.ForeignKey(RoadshowSession, on_delete=models.CASCADE, related_name="slots")
    application = models.ForeignKey("applications.Application", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "application"], name="roadshow_slot_unique"),
            models.UniqueConstraint(fields=["session", "position"], name="roadshow_position_unique"),
        ]


class RoadshowScore(models.Model):
    slot = models.ForeignKey(RoadshowSlot, on_delete=models.CASCADE, related_name="scores")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="+")
    score_tenths = models.PositiveIntegerField()  # 0–100 points × 10
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["slot", "expert"], name="roadshow_score_unique")]
