"""A role for a single program: a hub organization's staff runs one program for the bureau."""

import pytest
from django.urls import reverse

from tests import factories
from tests.projects.factories import project
from tests.reviews.factories import officer_of
from yichuang.accounts import granting
from yichuang.accounts.models import RoleGrant
from yichuang.accounts.roles import Role
from yichuang.people import services
from yichuang.people.models import Invitation

pytestmark = pytest.mark.django_db
PASSWORD = "长城-Great-Wall-2026"


def _hub_officer(program):
    """Invited from the program's page by the area's officer, as the page does it."""
    _invitation, token = services.invitation_create(actor=officer_of(program), display_name="枢纽组织项目专员",
                                                    address="hub@example.org", role=Role.PROGRAM_OFFICER, program=program)
    return services.invitation_accept(token=token, username="hub.staff", password=PASSWORD)


def test_program_invite_page_sends_an_invitation_for_this_program_only(client):
    program = factories.program()
    client.force_login(officer_of(program))

    response = client.post(reverse("programs:program-invite", args=[program.pk]),
                           {"display_name": "枢纽组织项目专员", "address": "hub@example.org", "role": "program_officer"})

    invitation = Invitation.objects.get()
    assert response.status_code == 200 and response.context["link"]
    assert (invitation.program, invitation.area, invitation.organization) == (program, None, None)


def test_program_invite_refuses_a_role_that_cannot_be_held_for_one_program(client):
    program = factories.program()
    client.force_login(officer_of(program))

    response = client.post(reverse("programs:program-invite", args=[program.pk]),
                           {"display_name": "某人", "address": "x@example.org", "role": "expert"})

    assert response.status_code == 400
    assert not Invitation.objects.exists()
    assert not granting.may_grant(officer_of(program), Role.EXPERT, program=program)


def test_program_scope_cannot_be_given_from_outside_the_programs_area():
    program = factories.program()
    elsewhere = factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district("别区"))

    assert not granting.may_grant(elsewhere, Role.PROGRAM_OFFICER, program=program)


def test_program_scoped_officer_runs_that_program_and_sees_no_other(client):
    program = factories.program()
    other = factories.program(program.area)
    application = factories.submitted_application(program, factories.organization(program.area))
    hub = _hub_officer(program)
    client.force_login(hub)

    assert RoleGrant.objects.get(user=hub).program == program
    assert client.get(reverse("programs:program-detail", args=[program.pk])).status_code == 200
    assert client.get(reverse("applications:staff-detail", args=[application.pk])).status_code == 200
    assert client.get(reverse("programs:program-detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("programs:program-create")).status_code == 403
    assert client.get(reverse("people:list")).status_code == 403
    home = client.get(reverse("portal:home")).content.decode()
    assert 'data-testid="todo-screening"' in home and program.name in home


def test_program_scoped_supervisor_reads_the_programs_projects_only(client):
    funded = project()
    other = project(factories.program(funded.program.area))
    _invitation, token = services.invitation_create(actor=officer_of(funded.program), display_name="第三方评估员",
                                                    address="eval@example.org", role=Role.SUPERVISOR, program=funded.program)
    evaluator = services.invitation_accept(token=token, username="evaluator", password=PASSWORD)
    client.force_login(evaluator)

    assert client.get(reverse("projects:detail", args=[funded.pk])).status_code == 200
    assert client.get(reverse("projects:detail", args=[other.pk])).status_code == 404


def test_program_scoped_grant_is_listed_on_the_program_page(client):
    program = factories.program()
    hub = _hub_officer(program)
    client.force_login(officer_of(program))

    response = client.get(reverse("programs:program-detail", args=[program.pk]))

    assert [g.user for g in response.context["program_people"]] == [hub]
