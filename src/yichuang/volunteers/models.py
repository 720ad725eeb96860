"""Volunteers (志愿者): the roster, teams, shifts, check-ins, service records and certificates.

The fields follow the Ministry of Civil Affairs' 2020 rules (志愿服务记录与证明出具办法(试行)):
volunteer Art. 5, service record Art. 7, training Art. 8, awards Art. 9, evaluations Art. 10.
ID numbers are stored encrypted (``id_cipher``) and found by a keyed hash (``id_lookup``); pages
show ``id_masked``. A volunteer's total confirmed minutes are kept on the volunteer, rewritten in
the transaction that confirms or corrects a record, so a record page never sums millions of rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yichuang.kernel import volunteers as rules


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class IdKind(models.TextChoices):
    RESIDENT_ID = rules.RESIDENT_ID, _("Resident identity card (居民身份证)")
    RESIDENCE_PERMIT = rules.RESIDENCE_PERMIT, _("Residence permit for Hong Kong, Macao and Taiwan residents")
    HK_MACAO_PERMIT = rules.HK_MACAO_PERMIT, _("Mainland travel permit for Hong Kong and Macao residents")
    TAIWAN_PERMIT = rules.TAIWAN_PERMIT, _("Mainland travel permit for Taiwan residents")
    FOREIGN_PERMANENT = rules.FOREIGN_PERMANENT, _("Foreigner's permanent residence ID card")
    PASSPORT = rules.PASSPORT, _("Passport")


class Skill(models.TextChoices):
    MEDICAL = "medical", _("Medical care and nursing")
    TUTORING = "tutoring", _("Tutoring and teaching")
    LEGAL = "legal", _("Legal advice")
    PSYCHOLOGY = "psychology", _("Counselling")
    ELDER_CARE = "elder_care", _("Caring for older people")
    DISABILITY = "disability", _("Supporting people with disabilities")
    DIGITAL = "digital", _("Computers and phones")
    ARTS = "arts", _("Arts and crafts")
    PUBLICITY = "publicity", _("Photography and publicity")
    REPAIRS = "repairs", _("Household repairs")
    COOKING = "cooking", _("Cooking")
    PARTY_LECTURES = "party_lectures", _("Policy and Party lectures")


class ServiceCategory(models.TextChoices):
    COMMUNITY = "community", _("Community service")
    ELDERLY = "elderly", _("Older people")
    DISABILITY = "disability", _("People with disabilities")
    CHILDREN = "children", _("Children and young people")
    POVERTY = "poverty", _("Poverty relief")
    HEALTH = "health", _("Health")
    ENVIRONMENT = "environment", _("Environment")
    CULTURE = "culture", _("Culture and education")
    EMERGENCY = "emergency", _("Emergencies")
    CIVILITY = "civility", _("Civility and safety patrols")


class Nature(models.TextChoices):
    """What an activity is. Only volunteer service is recorded as service (MCA rules, Art. 19;
    Guangzhou i志愿): meetings, team-building and performances are asked for so that the answer can
    be a clear refusal rather than a silently inflated record."""

    SERVICE = "service", _("Volunteer service")
    MEETING = "meeting", _("Meeting")
    TEAM_BUILDING = "team_building", _("Team-building")
    PERFORMANCE = "performance", _("Performance")


NOT_SERVICE = frozenset({Nature.MEETING, Nature.TEAM_BUILDING, Nature.PERFORMANCE})


class Volunteer(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("volunteer status", "Active")
        ERASED = "erased", pgettext_lazy("volunteer status", "Personal data deleted")

    class Via(models.TextChoices):
        SELF = "self", _("By the volunteer")
        ORGANIZATION = "organization", _("By an organization, with the volunteer's consent")

    number = models.CharField(_("volunteer number"), max_length=16, unique=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="volunteer")
    name = models.CharField(_("name"), max_length=50)
    name_sort = models.CharField(max_length=200, db_index=True, editable=False)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    id_kind = models.CharField(_("identity document"), max_length=24, choices=IdKind.choices, blank=True)
    id_cipher = models.TextField(blank=True)
    id_lookup = models.CharField(max_length=64, unique=True, null=True, blank=True)
    id_masked = models.CharField(_("document number"), max_length=24, blank=True)
    area = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area of residence"))
    phone = models.CharField(_("mobile number"), max_length=20, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    skills_note = models.CharField(_("other skills"), max_length=200, blank=True)
    categories = models.JSONField(_("service categories"), default=list, blank=True)
    guardian_name = models.CharField(_("guardian"), max_length=50, blank=True)
    guardian_phone = models.CharField(_("guardian's mobile number"), max_length=20, blank=True)
    registered_via = models.CharField(max_length=16, choices=Via.choices)
    organization = models.ForeignKey("places.Organization", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("registered by organization"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    minutes_confirmed = models.PositiveIntegerField(default=0)
    is_sample = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name_sort", "pk"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        indexes = [models.Index(fields=["area", "name_sort"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.number}）"


class Consent(models.Model):
    """A consent as given: which text (by version), how, by whom, when."""

    class Purpose(models.TextChoices):
        REGISTRATION = "registration", _("Registration and service records")
        SENSITIVE = "sensitive", _("Identity document number (sensitive personal information)")
        GUARDIAN = "guardian", _("Guardian's consent for a child under 14")

    class Method(models.TextChoices):
        ONLINE = "online", _("Online, by the volunteer")
        PAPER = "paper", _("On a signed paper form kept by the organization")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    text_version = models.CharField(max_length=16)
    method = models.CharField(max_length=8, choices=Method.choices)
    given_by_name = models.CharField(max_length=50)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField()

    class Meta:
        ordering = ["given_at", "pk"]


class Team(models.Model):
    class Joining(models.TextChoices):
        APPLICATION = "application", _("Volunteers apply; a leader accepts")
        INVITATION = "invitation", _("By invitation only")

    name = models.CharField(_("name"), max_length=100)
    organization = models.ForeignKey("places.Organization", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("organization"))
    area = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("community"))
    skill = models.CharField(_("skill"), max_length=24, choices=Skill.choices, blank=True)
    category = models.CharField(_("service category"), max_length=24, choices=ServiceCategory.choices, blank=True)
    description = models.TextField(_("about the team"), max_length=1000, blank=True)
    joining = models.CharField(_("joining"), max_length=16, choices=Joining.choices, default=Joining.APPLICATION)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(default=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("volunteer team")

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", pgettext_lazy("team membership", "Applied")
        INVITED = "invited", pgettext_lazy("team membership", "Invited")
        ACTIVE = "active", pgettext_lazy("team membership", "Member")
        LEFT = "left", pgettext_lazy("team membership", "Left")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="memberships")
    is_leader = models.BooleanField(_("leader"), default=False)
    status = models.CharField(max_length=8, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "volunteer"], name="one_membership_per_team")]

    def __str__(self) -> str:
        return f"{self.team} · {self.volunteer.name}"


class Opportunity(models.Model):
    """A volunteer activity to sign up for (志愿服务活动), with its shifts."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("opportunity status", "Open for sign-up")
        CLOSED = "closed", pgettext_lazy("opportunity status", "Closed")

    class Rounding(models.TextChoices):
        MINUTE = "minute", _("Every minute counts")
        QUARTER_DOWN = "quarter_down", _("Down to the quarter hour")
        HALF_HOUR_DOWN = "half_hour_down", _("Down to the half hour")
        HALF_HOUR_NEAREST = "half_hour_nearest", _("To the nearest half hour")

    title = models.CharField(_("activity name"), max_length=100)
    organization = models.ForeignKey("places.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organizing unit"))
    area = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area"))
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="opportunities",
                             verbose_name=_("team"))
    project = models.ForeignKey("projects.Project", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("funded project"))
    nature = models.CharField(_("kind of activity"), max_length=16, choices=Nature.choices, default=Nature.SERVICE)
    category = models.CharField(_("service category"), max_length=24, choices=ServiceCategory.choices)
    skills = models.JSONField(_("skills wanted"), default=list, blank=True)
    place = models.CharField(_("place"), max_length=200)
    content = models.TextField(_("service content"), max_length=2000)
    person_in_charge = models.CharField(_("person in charge"), max_length=50)
    rounding = models.CharField(_("service time"), max_length=24, choices=Rounding.choices, default=Rounding.MINUTE)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    check_in_code = models.CharField(max_length=32, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("volunteer activity")

    def __str__(self) -> str:
        return self.title


class Shift(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("places"))
    confirmed_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        from django.utils import timezone

        return f"{self.opportunity} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"


class Signup(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("shift sign-up", "Confirmed")
        WAITLISTED = "waitlisted", pgettext_lazy("shift sign-up", "On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("shift sign-up", "Cancelled")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="signups")
    status = models.CharField(max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["shift", "volunteer"], name="one_signup_per_shift")]

    def __str__(self) -> str:
        return f"{self.shift} · {self.volunteer.name}"


class CheckEvent(models.Model):
    """One scan. ``key`` is the client's idempotency key: a retried request finds its first row."""

    class Kind(models.TextChoices):
        IN = "in", _("Check-in")
        OUT = "out", _("Check-out")

    class Method(models.TextChoices):
        PHONE = "phone", _("Scanned on the volunteer's phone")
        LEADER = "leader", _("Recorded by the team leader or organizer")
        API = "api", _("Sent by another system")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="events")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=4, choices=Kind.choices)
    at = models.DateTimeField()
    received_at = models.DateTimeField()
    late = models.BooleanField(default=False)
    method = models.CharField(max_length=8, choices=Method.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=64, unique=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["shift", "volunteer", "at"])]

    def __str__(self) -> str:
        from django.utils import timezone

        return f"{self.volunteer.name} · {self.get_kind_display()} {timezone.localtime(self.at):%Y-%m-%d %H:%M}"


class ServiceRecord(models.Model):
    """Art. 7: 活动名称、日期、地点、服务内容、服务时间、活动组织单位、活动负责人."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("service record", "Awaiting confirmation")
        AWAITING_APPROVAL = "awaiting_approval", pgettext_lazy("service record", "Late entry awaiting approval")
        CONFIRMED = "confirmed", pgettext_lazy("service record", "Confirmed")
        REJECTED = "rejected", pgettext_lazy("service record", "Not accepted")

    class Source(models.TextChoices):
        CHECK_IN = "check_in", _("From check-in and check-out")
        ENTERED = "entered", _("Entered by the organizer")
        LATE_ENTRY = "late_entry", _("Late entry (补录)")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="records")
    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, null=True, blank=True, related_name="records")
    organization = models.ForeignKey("places.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organizing unit"))
    activity_name = models.CharField(_("activity name"), max_length=100)
    served_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    content = models.CharField(_("service content"), max_length=500)
    minutes = models.PositiveIntegerField(_("service time"))
    person_in_charge = models.CharField(_("person in charge"), max_length=50)
    source = models.CharField(max_length=12, choices=Source.choices)
    status = models.CharField(max_length=20, choices=Status.choices)
    deadline = models.DateField()
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    late_reason = models.CharField(_("why it is entered late"), max_length=300, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-served_on", "-pk"]
        indexes = [models.Index(fields=["volunteer", "-served_on"]), models.Index(fields=["organization", "status"])]
        constraints = [models.UniqueConstraint(fields=["shift", "volunteer"], name="one_record_per_shift",
                                               condition=models.Q(shift__isnull=False))]

    def __str__(self) -> str:
        return f"{self.activity_name} · {self.served_on:%Y-%m-%d} · {self.volunteer.name}"


class RecordCorrection(models.Model):
    """Art. 13: the volunteer asks, the organizer checks; both versions are kept."""

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("correction", "Requested")
        APPLIED = "applied", pgettext_lazy("correction", "Applied")
        REJECTED = "rejected", pgettext_lazy("correction", "Rejected")

    record = models.ForeignKey(ServiceRecord, on_delete=models.PROTECT, related_name="corrections")
    before = models.JSONField()
    after = models.JSONField()
    reason = models.CharField(_("reason"), max_length=500)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return str(self.record)


class Training(models.Model):
    """Art. 8: 名称、主要内容、学习时长、举办单位、日期."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="trainings")
    name = models.CharField(_("training"), max_length=100)
    content = models.CharField(_("main content"), max_length=500)
    minutes = models.PositiveIntegerField(_("length"))
    host = models.CharField(_("held by"), max_length=100)
    held_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-pk"]


class Award(models.Model):
    """Art. 9: 名称、日期、授予单位."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="awards")
    name = models.CharField(_("award"), max_length=100)
    awarded_on = models.DateField(_("date"))
    granted_by = models.CharField(_("granted by"), max_length=100)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-awarded_on", "-pk"]


class Evaluation(models.Model):
    """Art. 10: 服务质量评价 and its date."""

    class Rating(models.TextChoices):
        EXCELLENT = "excellent", pgettext_lazy("service quality", "Excellent")
        GOOD = "good", pgettext_lazy("service quality", "Good")
        FAIR = "fair", pgettext_lazy("service quality", "Fair")
        POOR = "poor", pgettext_lazy("service quality", "Needs improvement")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="evaluations")
    organization = models.ForeignKey("places.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("evaluated by"))
    rating = models.CharField(_("service quality"), max_length=12, choices=Rating.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    evaluated_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-evaluated_on", "-pk"]


class Certificate(models.Model):
    """志愿服务记录证明 (Art. 14–17): requested by the volunteer, issued by the unit that recorded the
    service. ``payload`` is exactly what the certificate shows (names masked); ``seal`` signs it and
    ``pdf_sha256`` fingerprints the issued file, so an altered copy is told apart."""

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("certificate", "Requested")
        ISSUED = "issued", pgettext_lazy("certificate", "Issued")
        REFUSED = "refused", pgettext_lazy("certificate", "Refused")

    number = models.CharField(_("certificate number"), max_length=20, unique=True)
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="certificates")
    organization = models.ForeignKey("places.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("issuing unit"))
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    payload = models.JSONField(null=True, blank=True)
    seal = models.CharField(max_length=64, blank=True)
    pdf = models.FileField(upload_to="certificates/%Y/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return self.number


class RosterImport(models.Model):
    """An Excel roster (登记造册) imported in the background, with its progress and per-row report."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("import", "Waiting to start")
        RUNNING = "running", pgettext_lazy("import", "Checking the rows")
        DONE = "done", pgettext_lazy("import", "Finished")
        FAILED = "failed", pgettext_lazy("import", "Could not be read")

    class Mode(models.TextChoices):
        ALL_OR_NOTHING = "all", _("All or nothing: import nothing if any row has a problem")
        SKIP_BAD_ROWS = "skip", _("Import the good rows and list the others")

    organization = models.ForeignKey("places.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("registering unit"))
    mode = models.CharField(_("if a row has a problem"), max_length=8, choices=Mode.choices)
    file = models.FileField(upload_to="roster-imports/%Y/%m/")
    filename = models.CharField(max_length=200)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)  # [[row, message], ...]
    error = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
