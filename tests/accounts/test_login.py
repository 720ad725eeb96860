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


def test_admin_login_is_throttled_like_the_log_in_page(client, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    for _ in range(3):
        client.post(reverse("admin:login"), {"username": "root", "password": "guess"})

    response = client.post(reverse("admin:login"), {"username": "root", "password": factories.PASSWORD})

    assert not response.wsgi_request.user.is_authenticated
    assert any(error.code == "throttled" for error in response.context["form"].errors.as_data()["__all__"])


def test_one_persons_typos_at_a_service_point_do_not_lock_out_the_others(client, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    factories.UserFactory(username="clumsy")
    neighbour = factories.UserFactory(username="neighbour")
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "clumsy", "password": "guess"})

    response = client.post(reverse("accounts:login"), {"username": "neighbour", "password": factories.PASSWORD})

    assert response.wsgi_request.user == neighbour


def test_many_accounts_guessed_from_one_address_hit_the_address_limit(client, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    settings.LOGIN_THROTTLE_ADDRESS_ATTEMPTS = 6
    target = factories.UserFactory(username="victim")
    for n in range(6):
        client.post(reverse("accounts:login"), {"username": f"guess{n}", "password": "guess"})

    response = client.post(reverse("accounts:login"), {"username": "victim", "password": factories.PASSWORD})

    assert response.wsgi_request.user != target


def test_behind_a_trusted_proxy_the_client_address_comes_from_forwarded_for(client, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    settings.LOGIN_THROTTLE_ADDRESS_ATTEMPTS = 3
    settings.TRUSTED_PROXY_COUNT = 1
    target = factories.UserFactory(username="shared")
    for n in range(3):  # three other people behind the same proxy, each from their own address
        client.post(reverse("accounts:login"), {"username": f"x{n}", "password": "guess"},
                    HTTP_X_FORWARDED_FOR=f"10.0.0.{n + 1}")

    response = client.post(reverse("accounts:login"), {"username": "shared", "password": factories.PASSWORD},
                           HTTP_X_FORWARDED_FOR="10.0.0.9")

    assert response.wsgi_request.user == target


def test_successful_log_in_clears_the_accounts_counter(client, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    user = factories.UserFactory(username="forgetful")
    for _ in range(2):
        client.post(reverse("accounts:login"), {"username": "forgetful", "password": "guess"})
    client.post(reverse("accounts:login"), {"username": "forgetful", "password": factories.PASSWORD})
    client.logout()
    for _ in range(2):
        client.post(reverse("accounts:login"), {"username": "forgetful", "password": "guess"})

    response = client.post(reverse("accounts:login"), {"username": "forgetful", "password": factories.PASSWORD})

    assert response.wsgi_request.user == user
