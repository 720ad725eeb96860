"""Resident votes (居民投票) on a program's shortlist: ballots (one per person, enforced by the
database), paper ballots, and the published tally."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yichuang.core.fields import MoneyField


class BallotType(models.TextChoices):
    APPROVAL = "approval", _("Approval: tick the projects you support")
    CHOOSE_ONE = "choose_one", _("Choose one project")
    RANKED = "ranked", _("Ranked: order your favourites, points by position")
    CUMULATIVE = "cumulative", _("Cumulative: spread your points")
    KNAPSACK = "knapsack", _("Within the budget: choose projects that fit the money")


class TallyRule(models.TextChoices):
    GREEDY = "greedy", _("Most votes first, skipping what no longer fits")
    GREEDY_NO_SKIP = "greedy-no-skip", _("Most votes first, stopping at the first that does not fit")
    GREEDY_THRESHOLD = "greedy-threshold", _("Most votes first, only projects above a vote threshold")
    EQUAL_SHARES = "equalshares/add1", _("Method of Equal Shares, with completion")
    EQUAL_SHARES_COMPARISON = "equalshares/add1-comparison", _("Method of Equal Shares, then compared with most votes")


class VoteStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("vote status", "Being prepared")
    OPEN = "open", pgettext_lazy("vote status", "Open")
    CLOSED = "closed", pgettext_lazy("vote status", "Closed")
    PUBLISHED = "published", pgettext_lazy("vote status", "Result published")


class Vote(models.Model):
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="votes")
    # Who may vote: verified residents of this area (the program's area or a part of it).
    area = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area"))
    title = models.CharField(_("title"), max_length=200)
    ballot_type = models.CharField(_("ballot"), max_length=16, choices=BallotType.choices)
    min_choices = models.PositiveSmallIntegerField(_("choose at least"), default=1)
    max_choices = models.PositiveSmallIntegerField(_("choose at most"), null=True, blank=True)
    points = models.JSONField(_("points per position"), default=list, blank=True)
    total_points = models.PositiveSmallIntegerField(_("points to spread"), default=0)
    max_per_project = models.PositiveSmallIntegerField(_("points per project, at most"), null=True, blank=True)
    budget = MoneyField(_("budget"))
    rule = models.CharField(_("counting rule"), max_length=40, choices=TallyRule.choices, default=TallyRule.GREEDY)
    threshold = models.PositiveIntegerField(_("vote threshold"), null=True, blank=True)
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    status = models.CharField(_("status"), max_length=16, choices=VoteStatus.choices, default=VoteStatus.DRAFT)
    # Closed before ``closes_at``: when, and why (shown to voters and on the result page).
    closed_early_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.TextField(_("reason for closing early"), blank=True, max_length=2000)
    is_sample = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at", "-id"]

    def __str__(self) -> str:
        return self.title


class VoteOption(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="options")
    application = models.ForeignKey("applications.Application", on_delete=models.PROTECT, related_name="+")
    cost = MoneyField(_("cost"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["vote", "position"]
        constraints = [models.UniqueConstraint(fields=["vote", "application"], name="vote_option_unique")]


class BallotSource(models.TextChoices):
    ONLINE = "online", _("Online")
    ASSISTED = "assisted", _("Assisted at a service point")
    PAPER = "paper", _("Paper ballot")


class Ballot(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    paper_number = models.CharField(_("paper ballot number"), max_length=40, blank=True)
    # [[option id, points or null], …] in the voter's order.
    choices = models.JSONField(default=list)
    source = models.CharField(max_length=16, choices=BallotSource.choices, default=BallotSource.ONLINE)
    assisted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["vote", "id"]
        constraints = [
            # One person, one ballot: a second ballot replaces the first through the service, and the
            # database refuses a second row even if two requests race.
            models.UniqueConstraint(fields=["vote", "voter"], condition=Q(voter__isnull=False), name="ballot_one_per_person"),
            models.UniqueConstraint(fields=["vote", "paper_number"], condition=~Q(paper_number=""),
                                    name="ballot_paper_number_unique"),
            models.CheckConstraint(condition=Q(voter__isnull=False) | ~Q(paper_number=""), name="ballot_has_a_source"),
        ]

    def __str__(self) -> str:
        return _("Ballot in %(vote)s") % {"vote": self.vote.title}


class TallyRun(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="tallies")
    rule = models.CharField(max_length=40, choices=TallyRule.choices)
    # {"selected": [option ids in order], "scores": {option id: votes or points}, "ballots": n,
    #  "shares": {option id: {"supporters": n, "min": fen, "max": fen}}, "spent": fen, "seconds": s}
    result = models.JSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
