"""Sessions: staff are logged out after two idle hours; personal pages are never cached."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from tests import factories
from yichuang.accounts.middleware import SessionIdleMiddleware
from yichuang.accounts.roles import Role

pytestmark = pytest.mark.django_db


def _idle(client, seconds: int) -> None:
    session = client.session
    session[SessionIdleMiddleware.KEY] = int(time.time()) - seconds
    session.save()


def test_staff_session_idle_for_more_than_two_hours_is_logged_out(client):
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district()))
    client.get(reverse("portal:home"))
    _idle(client, 2 * 3600 + 60)

    response = client.get(reverse("portal:home"))

    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert client.get(reverse("portal:home")).status_code == 302  # really logged out


def test_staff_session_active_within_two_hours_stays(client):
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district()))
    client.get(reverse("portal:home"))
    _idle(client, 3600)

    assert client.get(reverse("portal:home")).status_code == 200


def test_resident_session_is_not_cut_after_two_idle_hours(client):
    client.force_login(factories.user_with_role(Role.RESIDENT, area=factories.district()))
    client.get(reverse("portal:home"))
    _idle(client, 3 * 3600)

    assert client.get(reverse("portal:home")).status_code == 200


def test_pages_of_a_logged_in_person_are_never_cached_and_public_ones_may_be(client):
    public = client.get(reverse("portal:public-home"))
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district()))

    personal = client.get(reverse("portal:home"))

    assert personal["Cache-Control"] == "private, no-store"
    assert "no-store" not in public.get("Cache-Control", "")
