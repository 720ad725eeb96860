from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from yichuang.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_login_with_right_password_lands_on_role_home(client):
    user = factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district("武进区"), username="officer")

    response = client.post(reverse("accounts:login"), {"username": "officer", "password": factories.PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("portal:home")
    assert response.context["user"] == user
    assert [s["role"] for s in response.context["sections"]] == [Role.PROGRAM_OFFICER]


def test_login_with_wrong_password_says_so_in_chinese(client):
    factories.UserFactory(username="someone")

    response = client.post(
        reverse("accounts:login"), {"username": "someone", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_login_after_too_many_failures_is_refused_even_with_right_password(client, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    factories.UserFactory(username="target")
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "target", "password": "guess"})

    response = client.post(reverse("accounts:login"), {"username": "target", "password": factories.PASSWORD})

    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    assert response.context["form"].errors["__all__"][0].startswith(("Too many", "失败次数过多"))


def test_logout_requires_post_and_ends_the_session(client):
    client.force_login(factories.UserFactory())

    refused = client.get(reverse("accounts:logout"))
    done = client.post(reverse("accounts:logout"))

    assert refused.status_code == 405
    assert done.status_code == 302
    assert client.get(reverse("portal:home")).status_code == 302


def test_home_without_any_role_explains_what_to_do(client):
    client.force_login(factories.UserFactory())

    response = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en")

    assert "has no role yet" in response.content.decode()
