"""What every person does for themselves: change or reset the password, choose the language."""

import re

import pytest
from django.urls import reverse

from tests import factories
from yichuang.accounts.models import User
from yichuang.accounts.roles import Role
from yichuang.core.models import OutboxMessage

pytestmark = pytest.mark.django_db
OLD, NEW = "旧密码-Old-Pass-2025", "新密码-New-Pass-2026"


def _person(**fields):
    user = factories.user_with_role(Role.EXPERT, area=factories.district())
    for key, value in fields.items():
        setattr(user, key, value)
    user.set_password(OLD)
    user.save()
    return user


def test_password_change_needs_the_old_password_and_keeps_the_session(client):
    user = _person()
    client.force_login(user)

    wrong = client.post(reverse("accounts:password-change"), {"old_password": "nope", "new_password1": NEW, "new_password2": NEW})
    right = client.post(reverse("accounts:password-change"), {"old_password": OLD, "new_password1": NEW, "new_password2": NEW})

    assert wrong.status_code == 400 and wrong.context["form"].errors["old_password"]
    assert right.status_code == 302
    assert User.objects.get(pk=user.pk).check_password(NEW)
    assert client.get(reverse("portal:home")).status_code == 200  # still logged in


def _reset_link(client, address: str, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"address": address})
    return re.search(r"http://\S+", OutboxMessage.objects.get().body).group(0).replace("http://127.0.0.1:8000", "")


def test_password_reset_through_the_outbox_works_once(client, django_capture_on_commit_callbacks):
    user = _person(email="li@example.org")

    link = _reset_link(client, "LI@example.org", django_capture_on_commit_callbacks)
    form_page = client.get(link, follow=True)
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    again = client.get(link, follow=True)

    assert done.status_code == 302 and User.objects.get(pk=user.pk).check_password(NEW)
    assert again.context["validlink"] is False


def test_password_reset_by_mobile_number_sends_an_sms_to_the_outbox(client, django_capture_on_commit_callbacks):
    _person(phone="+8613912345678")

    link = _reset_link(client, "139 1234 5678", django_capture_on_commit_callbacks)

    assert OutboxMessage.objects.get().channel == "sms" and "/accounts/password/reset/" in link


def test_password_reset_for_an_unknown_address_answers_the_same_and_sends_nothing(client, django_capture_on_commit_callbacks):
    _person(email="li@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("accounts:password-reset"), {"address": "li@example.org"})
        unknown = client.post(reverse("accounts:password-reset"), {"address": "who@example.org"})

    def said(response):
        return response.content.decode().split('data-testid="reset-sent">')[1].split("</p>")[0]

    assert said(known).replace("li@example.org", "X") == said(unknown).replace("who@example.org", "X")
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == ["li@example.org"]


def test_language_choice_is_kept_for_the_person(client):
    user = _person()
    client.force_login(user)

    client.post(reverse("accounts:language"), {"language": "en", "next": "/home/"})

    assert User.objects.get(pk=user.pk).language == "en"


def test_stored_language_applies_in_a_browser_that_chose_none(client):
    user = _person(language="en")
    client.force_login(user)

    page = client.get(reverse("portal:home"))

    assert page.context["LANGUAGE_CODE"] == "en"
