"""Experts of the pool are invited, open their account from the link, and keep their own profile."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests import factories
from tests.reviews.factories import expert
from yichuang.accounts.roles import Role
from yichuang.core.models import OutboxMessage
from yichuang.people import services as people
from yichuang.reviews import pool
from yichuang.reviews.models import Expert

pytestmark = pytest.mark.django_db
PASSWORD = "长城-Great-Wall-2026"


def _officer(area):
    return factories.user_with_role(Role.PROGRAM_OFFICER, area=area)


def test_invited_expert_opens_an_account_linked_to_the_pool_entry(django_capture_on_commit_callbacks):
    district = factories.district()
    pooled = expert(district, with_account=False, phone="13912345678")
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = pool.expert_invite(actor=_officer(district), expert=pooled)

    user = people.invitation_accept(token=token, username="qian.expert", password=PASSWORD)

    assert Expert.objects.get(pk=pooled.pk).user == user
    assert user.grants.get().role == Role.EXPERT and user.grants.get().area == district
    assert OutboxMessage.objects.get().to == "+8613912345678"


def test_invitation_of_an_expert_accepted_by_an_existing_account_links_it():
    district = factories.district()
    pooled = expert(district, with_account=False, phone="13912345678")
    supervisor = factories.user_with_role(Role.SUPERVISOR, area=district)
    _invitation, token = pool.expert_invite(actor=_officer(district), expert=pooled)

    people.invitation_accept_existing(actor=supervisor, token=token)

    assert Expert.objects.get(pk=pooled.pk).user == supervisor


def test_expert_invite_without_a_mobile_number_or_twice_or_outside_scope_is_refused():
    wujin, shushan = factories.district("武进区"), factories.district("蜀山区")
    no_phone = expert(wujin, with_account=False)
    pooled = expert(wujin, with_account=False, phone="13912345678")
    officer = _officer(wujin)
    pool.expert_invite(actor=officer, expert=pooled)

    with pytest.raises(ValidationError):
        pool.expert_invite(actor=officer, expert=no_phone)
    with pytest.raises(ValidationError):
        pool.expert_invite(actor=officer, expert=pooled)
    with pytest.raises(PermissionDenied):
        pool.expert_invite(actor=_officer(shushan), expert=expert(wujin, with_account=False, phone="13912345679"))


def test_invite_all_invites_each_expert_with_a_number_and_no_account_once():
    district = factories.district()
    officer = _officer(district)
    for n in range(3):
        expert(district, with_account=False, phone=f"1391234567{n}")
    expert(district, with_account=False)
    expert(district)  # has an account

    first = pool.experts_invite_all(actor=officer, experts=Expert.objects.all())
    again = pool.experts_invite_all(actor=officer, experts=Expert.objects.all())

    assert (first, again) == (3, 0)


def test_expert_keeps_their_own_profile_but_not_their_pool(client):
    district = factories.district()
    pooled = expert(district, domains=("elderly",))
    client.force_login(pooled.user)
    children = factories.service_domain("children")

    response = client.post(reverse("reviews:my-profile"), {
        "domains": [children.pk], "available": "", "max_load": "4", "note": "周末不便", "version": pooled.version})

    pooled.refresh_from_db()
    assert response.status_code == 302
    assert (list(pooled.domains.values_list("code", flat=True)), pooled.available, pooled.max_load) == (["children"], False, 4)
    with pytest.raises(PermissionDenied):
        pool.expert_profile_update(actor=pooled.user, expert=pooled, version=pooled.version, area=factories.district("蜀山区"))


def test_expert_profile_of_someone_else_cannot_be_changed():
    district = factories.district()
    pooled, other = expert(district), expert(district)

    with pytest.raises(PermissionDenied):
        pool.expert_profile_update(actor=other.user, expert=pooled, version=pooled.version, available=False)
