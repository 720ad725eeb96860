"""Residents sign up with a mobile number; a community worker of their community verifies them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests import factories
from yichuang.accounts.models import RoleGrant, User
from yichuang.accounts.roles import Role
from yichuang.people import residents
from yichuang.people.models import RegistrationStatus, ResidentSignup

pytestmark = pytest.mark.django_db
PASSWORD = "长城-Great-Wall-2026"


def _signup(community, phone="139 1234 5678"):
    return residents.resident_sign_up(phone=phone, display_name="刘阿姨", password=PASSWORD, community=community)


def test_resident_signs_up_with_a_mobile_number_and_is_verified_with_the_method_recorded(client):
    community = factories.community()
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=community)
    signup = _signup(community)
    assert client.login(username="13912345678", password=PASSWORD)
    assert not RoleGrant.objects.filter(user=signup.user).exists()  # not a resident before verification

    verified = residents.resident_verify(actor=worker, signup=signup, method="id_card")

    grant = RoleGrant.objects.get(user=signup.user)
    assert (grant.role, grant.area) == (Role.RESIDENT, community)
    assert (verified.decided_by, verified.method, verified.status) == (worker, "id_card", RegistrationStatus.VERIFIED)


def test_resident_sign_up_with_a_number_already_used_or_not_in_a_community_is_refused():
    community = factories.community()
    _signup(community)

    with pytest.raises(ValidationError) as used:
        _signup(community, phone="+86 139-1234-5678")
    with pytest.raises(ValidationError) as not_community:
        _signup(community.parent, phone="13812345678")

    assert "phone" in used.value.message_dict and "community" in not_community.value.message_dict
    assert User.objects.filter(username="13812345678").count() == 0


def test_resident_verified_by_a_worker_of_another_community_or_by_themselves_is_refused():
    community, other = factories.community(), factories.community()
    signup = _signup(community)

    with pytest.raises(PermissionDenied):
        residents.resident_verify(actor=factories.user_with_role(Role.COMMUNITY_WORKER, area=other), signup=signup,
                                  method="id_card")
    RoleGrant.objects.create(user=signup.user, role=Role.COMMUNITY_WORKER, area=community)
    with pytest.raises(ValidationError):
        residents.resident_verify(actor=User.objects.get(pk=signup.user_id), signup=signup, method="id_card")

    assert ResidentSignup.objects.get().status == RegistrationStatus.WAITING


def test_resident_verify_needs_a_method_and_a_rejection_a_reason():
    community = factories.community()
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=community)
    signup = _signup(community)

    with pytest.raises(ValidationError):
        residents.resident_verify(actor=worker, signup=signup, method="")
    with pytest.raises(ValidationError):
        residents.resident_reject(actor=worker, signup=signup, reason="")

    assert ResidentSignup.objects.get().status == RegistrationStatus.WAITING


def test_community_worker_home_lists_residents_to_verify_and_the_page_verifies(client):
    community = factories.community()
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=community)
    signup = _signup(community)
    client.force_login(worker)

    home = client.get(reverse("portal:home")).content.decode()
    client.post(reverse("people:resident-decide", args=[signup.pk]), {"verify": "1", "method": "household"})

    assert 'data-testid="todo-residents"' in home
    assert RoleGrant.objects.filter(user=signup.user, role=Role.RESIDENT).exists()


def test_sign_up_page_opens_the_account_and_says_what_to_do_next(client):
    community = factories.community()

    response = client.post(reverse("people:resident-signup"), {
        "phone": "13912345678", "display_name": "刘阿姨", "community": community.pk,
        "password1": PASSWORD, "password2": PASSWORD}, follow=True)

    assert 'data-testid="my-signup"' in response.content.decode()
    assert User.objects.get(username="13912345678").phone == "+8613912345678"
