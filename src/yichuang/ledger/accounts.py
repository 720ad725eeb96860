"""The accounts every program and project uses, opened on demand with stable codes.

A program's grants are paid from its "grants paid" expense account into each project's grant
account, which carries the granted amount as its limit: nothing can ever pay a project more."""

from __future__ import annotations

from django.utils.translation import gettext as _

from yichuang.ledger.models import Account, AccountKind
from yichuang.ledger.services import account_open


def program_grants_code(program) -> str:
    return f"program:{program.pk}:grants"


def project_grant_code(project) -> str:
    return f"project:{project.pk}:grant"


def program_grants_account(*, actor, program) -> Account:
    account = Account.objects.filter(code=program_grants_code(program)).first()
    return account or account_open(
        actor=actor, code=program_grants_code(program), kind=AccountKind.EXPENSE, program=program,
        name=_("Grants paid by %(program)s") % {"program": program.name})


def grant_account_open(*, actor, project) -> Account:
    program_grants_account(actor=actor, program=project.program)
    return account_open(
        actor=actor, code=project_grant_code(project), kind=AccountKind.LIABILITY, limit=project.grant.fen,
        program=project.program, application=project.application,
        name=_("Grant to %(number)s %(title)s") % {"number": project.number, "title": project.title})
