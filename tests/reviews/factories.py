"""Review worlds built through the same services the application uses."""

from __future__ import annotations

import itertools

from tests import factories
from yichuang.accounts.models import User
from yichuang.accounts.roles import Role
from yichuang.applications.engine import application_transition
from yichuang.applications.models import Application
from yichuang.reviews import services
from yichuang.reviews.models import Expert, ReviewRound
from yichuang.reviews.pool import expert_create, expert_update

_serial = itertools.count(1)


def officer_of(program) -> User:
    existing = User.objects.filter(grants__role=Role.PROGRAM_OFFICER, grants__area=program.area).first()
    return existing or factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)


def expert(area, *, domains=("elderly",), with_account=True, **fields) -> Expert:
    n = next(_serial)
    created = expert_create(
        actor=factories.operator(), name=fields.pop("name", f"专家{n}"), area=area,
        domains=[factories.service_domain(code) for code in domains], min_load=fields.pop("min_load", 0),
        max_load=fields.pop("max_load", 10), **fields,
    )
    if with_account:
        user = factories.user_with_role(Role.EXPERT, area=area)
        created = expert_update(actor=factories.operator(), expert=created, version=created.version, user=user)
    return created


def in_review(program, count: int) -> list[Application]:
    """``count`` applications of different organizations, screened and moved into expert review."""
    officer = officer_of(program)
    applications = []
    for _ in range(count):
        organization = factories.organization(program.area)
        application = factories.submitted_application(program, organization)
        for code in ("start_screening", "pass_screening", "start_review"):
            application = application_transition(actor=officer, application=application, code=code)
        applications.append(application)
    return applications


def review_world(count: int = 3, experts: int = 4, k: int = 2):
    """A program with ``count`` applications under review and a panel of ``experts``, not yet assigned."""
    program = factories.program()
    applications = in_review(program, count)
    panel = [expert(program.area, domains=("elderly", "community")) for _ in range(experts)]
    review_round = ReviewRound.objects.get(program=program)
    review_round = services.round_update(actor=officer_of(program), review_round=review_round, version=review_round.version, panel=panel,
                                  reviewers_per_application=k, min_load=0, max_load=10)
    return program, review_round, applications, panel
