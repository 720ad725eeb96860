"""Inviting people to a role in a scope, accepting the link, managing roles and accounts."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from tests import factories
from yichuang.accounts.models import RoleGrant, User
from yichuang.accounts.roles import Role
from yichuang.accounts.services import role_grant_add, role_grant_remove, user_set_active
from yichuang.core.models import AuditEvent, OutboxMessage
from yichuang.people import services
from yichuang.people.models import Invitation

pytestmark = pytest.mark.django_db
PASSWORD = "长城-Great-Wall-2026"


def _officer(area):
    return factories.user_with_role(Role.PROGRAM_OFFICER, area=area)


def _invite(actor, area=None, organization=None, role=Role.EXPERT, address="wang@example.org"):
    with_capture = services.invitation_create(actor=actor, display_name="王老师", address=address, role=role,
                                              area=area, organization=organization)
    return with_capture


def test_invitation_by_the_operator_opens_a_district_officers_account(django_capture_on_commit_callbacks):
    district = factories.district("武进区")
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = _invite(factories.operator(), area=district, role=Role.PROGRAM_OFFICER)

    user = services.invitation_accept(token=token, username="wang.officer", password=PASSWORD)

    assert RoleGrant.objects.get(user=user).role == Role.PROGRAM_OFFICER
    assert user.check_password(PASSWORD) and user.email == "wang@example.org"
    message = OutboxMessage.objects.get()
    assert message.to == "wang@example.org" and token in message.body
    assert Invitation.objects.get().digest != token  # only the digest is kept
    assert set(AuditEvent.objects.filter(action__startswith="people.").values_list("action", flat=True)) == {
        "people.invitation.created", "people.invitation.accepted"}


def test_invitation_outside_the_officers_area_or_of_an_auditor_is_refused():
    wujin, shushan = factories.district("武进区"), factories.district("蜀山区")
    officer = _officer(wujin)

    with pytest.raises(ValidationError):
        _invite(officer, area=shushan)
    with pytest.raises(ValidationError):
        _invite(officer, area=wujin, role=Role.AUDITOR)

    assert not Invitation.objects.exists()


def test_invitation_by_someone_who_manages_nobody_is_refused():
    district = factories.district()
    volunteer = factories.user_with_role(Role.VOLUNTEER, area=district)

    with pytest.raises(PermissionDenied):
        _invite(volunteer, area=district)


def test_administrator_invites_a_colleague_to_their_organization_but_not_elsewhere():
    district = factories.district()
    ours, theirs = factories.organization(district), factories.organization(district)
    administrator = factories.user_with_role(Role.ORG_ADMIN, organization=ours)
    _invitation, token = _invite(administrator, organization=ours, role=Role.ORG_MEMBER, address="13812345670")

    colleague = services.invitation_accept(token=token, username="colleague", password=PASSWORD)

    assert RoleGrant.objects.get(user=colleague).organization == ours
    with pytest.raises(ValidationError):
        _invite(administrator, organization=theirs, role=Role.ORG_MEMBER, address="13812345671")
    with pytest.raises(ValidationError):
        _invite(administrator, area=district, role=Role.EXPERT, address="13812345672")


def test_plain_member_cannot_invite_colleagues_and_has_no_colleagues_page(client):
    organization = factories.organization(factories.district())
    member = factories.applicant(organization)
    client.force_login(member)

    with pytest.raises(PermissionDenied):
        _invite(member, organization=organization, role=Role.ORG_MEMBER, address="13812345670")
    assert client.get(reverse("people:colleagues")).status_code == 403
    assert not Invitation.objects.exists()


def test_administrator_grant_makes_the_person_a_member_too():
    organization = factories.organization(factories.district())

    administrator = factories.user_with_role(Role.ORG_ADMIN, organization=organization)

    assert set(administrator.grants.values_list("role", flat=True)) == {Role.ORG_ADMIN, Role.ORG_MEMBER}


def test_invitation_link_works_once_and_not_after_expiry_or_withdrawal():
    district = factories.district()
    officer = _officer(district)
    _invitation, used = _invite(officer, area=district)
    services.invitation_accept(token=used, username="first.one", password=PASSWORD)
    expired, old = _invite(officer, area=district, address="li@example.org")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    withdrawn, revoked = _invite(officer, area=district, address="zhao@example.org")
    services.invitation_revoke(actor=officer, invitation=withdrawn)

    for token, said in ((used, "already been used"), (old, "expired"), (revoked, "withdrawn"), ("nonsense", "not valid")):
        with pytest.raises(ValidationError) as caught, translation.override("en"):
            services.invitation_accept(token=token, username=f"nobody{len(said)}", password=PASSWORD)
        assert said in caught.value.messages[0]
    assert User.objects.filter(username__startswith="nobody").count() == 0


def test_invitation_to_an_organization_member_by_the_officer_of_its_area():
    district = factories.district()
    organization = factories.organization(district)
    _invitation, token = _invite(_officer(district), organization=organization, role=Role.ORG_MEMBER, address="13812345678")

    user = services.invitation_accept(token=token, username="org.staff", password=PASSWORD, display_name="李社工")

    assert user.phone == "+8613812345678" and user.display_name == "李社工"
    assert RoleGrant.objects.get(user=user).organization == organization


def test_invitation_accepted_by_an_existing_account_adds_the_role():
    district = factories.district()
    expert = factories.user_with_role(Role.EXPERT, area=district)
    _invitation, token = _invite(_officer(district), area=district, role=Role.SUPERVISOR)

    services.invitation_accept_existing(actor=expert, token=token)

    assert set(RoleGrant.objects.filter(user=expert).values_list("role", flat=True)) == {Role.EXPERT, Role.SUPERVISOR}


def test_role_grant_by_an_officer_outside_their_area_is_refused():
    wujin, shushan = factories.district("武进区"), factories.district("蜀山区")
    person = factories.user_with_role(Role.EXPERT, area=wujin)

    with pytest.raises(ValidationError):
        role_grant_add(actor=_officer(wujin), user=person, role=Role.EXPERT, area=shushan)

    assert RoleGrant.objects.filter(user=person).count() == 1


def test_deactivate_needs_a_reason_keeps_the_account_and_stops_logging_in(client):
    district = factories.district()
    officer = _officer(district)
    person = factories.user_with_role(Role.EXPERT, area=district)
    person.set_password(PASSWORD)
    person.save()

    with pytest.raises(ValidationError):
        user_set_active(actor=officer, user=person, active=False, reason="")
    user_set_active(actor=officer, user=person, active=False, reason="已离职")

    assert User.objects.filter(pk=person.pk, is_active=False).exists()
    assert not client.login(username=person.username, password=PASSWORD)


def test_deactivate_someone_with_a_role_elsewhere_is_refused():
    wujin, shushan = factories.district("武进区"), factories.district("蜀山区")
    person = factories.user_with_role(Role.EXPERT, area=wujin)
    role_grant_add(actor=factories.operator(), user=person, role=Role.EXPERT, area=shushan)

    with pytest.raises(PermissionDenied):
        user_set_active(actor=_officer(wujin), user=person, active=False, reason="已离职")


def test_people_page_lists_only_the_officers_area_and_answers_404_for_others(client):
    wujin, shushan = factories.district("武进区"), factories.district("蜀山区")
    ours = factories.user_with_role(Role.EXPERT, area=wujin)
    theirs = factories.user_with_role(Role.EXPERT, area=shushan)
    client.force_login(_officer(wujin))

    page = client.get(reverse("people:list")).content.decode()

    assert str(ours) in page and str(theirs) not in page
    assert client.get(reverse("people:detail", args=[theirs.pk])).status_code == 404


def test_people_list_query_count_does_not_grow_with_people(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (1, 3):
        district = factories.district(f"区{n}")
        for _ in range(n):
            factories.user_with_role(Role.EXPERT, area=district)
        client.force_login(_officer(district))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("people:list"))
        assert len(response.context["page"].object_list) == n + 1  # and the officer
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_invite_page_sends_and_shows_the_link_once(client, django_capture_on_commit_callbacks):
    district = factories.district()
    client.force_login(_officer(district))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:invite"), {"display_name": "王老师", "address": "wang@example.org",
                                                          "role": Role.EXPERT, "area": district.pk})

    link = response.context["link"]
    assert "/people/join/" in link and link in OutboxMessage.objects.get().body
    assert client.get(reverse("people:list")).content.decode().count("王老师") == 1  # the open invitation


def test_invite_page_with_bad_address_keeps_what_was_typed(client):
    district = factories.district()
    client.force_login(_officer(district))

    response = client.post(reverse("people:invite"), {"display_name": "王老师", "address": "wang-at-example",
                                                      "role": Role.EXPERT, "area": district.pk})

    assert response.status_code == 400 and 'value="王老师"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_join_page_opens_the_account_and_logs_in(client):
    district = factories.district()
    _invitation, token = _invite(_officer(district), area=district)

    response = client.post(reverse("people:join", args=[token]), {
        "username": "wang.expert", "display_name": "王老师", "password1": PASSWORD, "password2": PASSWORD})

    assert response.status_code == 302
    assert client.get(reverse("portal:home")).context["user"].username == "wang.expert"
    assert client.get(reverse("people:join", args=[token])).status_code == 410


def test_join_page_with_a_weak_password_says_why_and_opens_nothing(client):
    district = factories.district()
    _invitation, token = _invite(_officer(district), area=district)

    response = client.post(reverse("people:join", args=[token]), {
        "username": "wang.expert", "display_name": "王老师", "password1": "12345678", "password2": "12345678"})

    assert response.status_code == 400 and response.context["form"].errors["password1"]
    assert not User.objects.filter(username="wang.expert").exists()
    assert Invitation.objects.get().accepted_at is None


def test_colleagues_page_lists_the_members_and_invites_one(client):
    organization = factories.organization(factories.district())
    member = factories.user_with_role(Role.ORG_ADMIN, organization=organization)
    client.force_login(member)

    page = client.get(reverse("people:colleagues")).content.decode()
    response = client.post(reverse("people:colleagues"), {"display_name": "周同事", "address": "13812345670",
                                                          "organization": organization.pk, "role": "org_member"})

    assert str(member) in page
    assert "/people/join/" in response.context["link"]
    assert Invitation.objects.get().organization == organization


def test_taking_away_membership_also_ends_the_administrator_role():
    district = factories.district()
    organization = factories.organization(district)
    administrator = factories.user_with_role(Role.ORG_ADMIN, organization=organization)
    membership = RoleGrant.objects.get(user=administrator, role=Role.ORG_MEMBER)

    role_grant_remove(actor=_officer(district), grant=membership, reason="已离职")

    assert not RoleGrant.objects.filter(user=administrator).exists()
    assert AuditEvent.objects.filter(action="accounts.role_grant.removed", object_id=str(administrator.pk)).count() == 2
