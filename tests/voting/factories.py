"""A resident vote on three shortlisted applications of a program, with residents to vote."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tests import factories
from tests.reviews.factories import officer_of
from yichuang.accounts.roles import Role
from yichuang.applications.engine import application_transition
from yichuang.applications.models import Application
from yichuang.kernel.money import Money
from yichuang.voting import services


def shortlist(program, count: int = 3, requests=(6_000, 5_000, 4_000)):
    """Submitted applications asking for the given yuan (the grant row of the default document)."""
    made = []
    for i in range(count):
        yuan = requests[i % len(requests)]
        document = factories.application_document(budget=[
            {"category": "activities", "item": "活动物料", "grant": str(yuan), "own": str(yuan), "matched": "0"}])
        application = factories.submitted_application(program, factories.organization(program.area), document)
        for code in ("start_screening", "pass_screening"):
            application = application_transition(actor=officer_of(program), application=application, code=code)
        made.append(Application.objects.get(pk=application.pk))
    return made


def resident(program, **fields):
    return factories.user_with_role(Role.RESIDENT, area=factories.program_community(program), **fields)


def vote(*, ballot_type="approval", opened=True, budget=10_000, **options):
    program = factories.program(min_grant=Money.from_yuan(1_000), decided_by="vote")
    applications = shortlist(program)
    now = timezone.now()
    made = services.vote_create(
        actor=officer_of(program), program=program, title="社区微项目居民投票", ballot_type=ballot_type,
        applications=applications, opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(days=3),
        budget=Money.from_yuan(budget), **options)
    if opened:
        made = services.vote_open(actor=officer_of(program), vote=made)
    return made


def option_ids(made) -> list[str]:
    return [str(o.pk) for o in made.options.order_by("position")]


def closed(made):
    """The vote after its announced end (time passing: no action), closed by its officer."""
    from yichuang.voting.models import Vote

    Vote.objects.filter(pk=made.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    return services.vote_close(actor=officer_of(made.program), vote=Vote.objects.get(pk=made.pk))
