"""People who hold a role for one program only: a hub organization or a third-party agency that runs the
program for the bureau, an evaluator who supervises it, an auditor who reads it. They are invited from
the program's page by whoever manages people in the program's area; the invitation is the ordinary one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from yichuang.accounts import granting
from yichuang.accounts.roles import PROGRAM_SCOPABLE, Role
from yichuang.core.forms import FAILED, submit
from yichuang.people import services as people
from yichuang.programs import permissions
from yichuang.programs.forms import ProgramInviteForm


def program_roles(user, program) -> list[Role]:
    """The roles ``user`` may give for ``program`` alone."""
    return [role for role in Role if role in PROGRAM_SCOPABLE and granting.may_grant(user, role, program=program)]


@login_required
def program_invite(request, pk: int):
    program = permissions.access_staff_program(request.user, pk)
    roles = program_roles(request.user, program)
    if not roles:
        raise PermissionDenied
    form = ProgramInviteForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = submit(form, lambda: people.invitation_create(
            actor=request.user, display_name=data["display_name"], address=data["address"], role=data["role"],
            program=program))
        if result is not FAILED:
            invitation, token = result
            return render(request, "people/invited.html", {"invitation": invitation, "link": people.invitation_link(token),
                                                           "back": "programs:program-detail", "program": program})
    return render(request, "programs/program_invite.html", {"program": program, "form": form},
                  status=400 if form.errors else 200)
