"""Object rules are composed django-rules predicates, registered as permissions: the code's checks and
``user.has_perm(name, obj)`` give one answer."""

import pytest

from tests import factories
from tests.reviews.factories import officer_of
from yichuang.accounts.roles import Role
from yichuang.people import services as people
from yichuang.places.permissions import can_edit_organization
from yichuang.programs.permissions import can_manage_program, is_area_officer, is_program_officer

pytestmark = pytest.mark.django_db


def test_object_rules_manage_program_is_the_area_officer_or_the_programs_own_officer():
    program = factories.program()
    area_officer = officer_of(program)
    _invitation, token = people.invitation_create(actor=area_officer, display_name="枢纽专员", address="hub@example.org",
                                                  role=Role.PROGRAM_OFFICER, program=program)
    hub = people.invitation_accept(token=token, username="hub.staff", password="长城-Great-Wall-2026")
    outsider = factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district("别区"))

    assert (is_area_officer(area_officer, program), is_program_officer(area_officer, program)) == (True, False)
    assert (is_area_officer(hub, program), is_program_officer(hub, program)) == (False, True)
    assert [can_manage_program(u, program) for u in (area_officer, hub, outsider)] == [True, True, False]
    assert [u.has_perm("programs.manage_program", program) for u in (area_officer, hub, outsider)] == [True, True, False]


def test_object_rules_an_organizations_member_edits_it_and_a_stranger_does_not():
    organization = factories.organization(factories.district())
    member = factories.applicant(organization)
    stranger = factories.applicant(factories.organization(organization.area))

    assert can_edit_organization(member, organization) and member.has_perm("places.edit_organization", organization)
    assert not can_edit_organization(stranger, organization)
    assert not stranger.has_perm("places.edit_organization", organization)
