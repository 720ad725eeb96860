"""Two-step sign-in: who must use it, setting it up, passing it, recovery codes, and what it guards."""

import binascii
import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from yichuang.accounts import two_factor
from yichuang.accounts.roles import Role
from yichuang.core.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "二步-Second-Step-2026"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"  # messages are read in English here; the catalogue test covers Chinese


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_ROLES = frozenset({"operator", Role.PROGRAM_OFFICER})


def _code(key_hex: str, *, steps_ahead: int = 0) -> str:
    totp = TOTP(binascii.unhexlify(key_hex))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def _officer():
    user = factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district())
    user.set_password(PASSWORD)
    user.save()
    return user


def _log_in(client, user):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})


def _set_up(client) -> tuple[str, list[str]]:
    client.get(reverse("accounts:two-factor-setup"))
    key = client.session["yichuang_two_factor_key"]
    response = client.post(reverse("accounts:two-factor-setup"), {"code": _code(key)})
    return key, response.context["codes"]


def test_two_factor_officer_without_a_device_is_sent_to_set_up_before_any_page(client, required):
    officer = _officer()
    _log_in(client, officer)

    response = client.get(reverse("programs:program-list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor-setup"))


def test_two_factor_not_required_for_an_expert_or_a_sample_account(client, required):
    expert = factories.user_with_role(Role.EXPERT, area=factories.district())
    sample = factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district("样例区"), is_sample=True)

    assert not two_factor.is_required(expert)
    assert not two_factor.is_required(sample)
    client.force_login(sample)
    assert client.get(reverse("programs:program-list")).status_code == 200


def test_two_factor_setup_with_a_wrong_code_keeps_it_off(client, required):
    officer = _officer()
    _log_in(client, officer)
    client.get(reverse("accounts:two-factor-setup"))

    response = client.post(reverse("accounts:two-factor-setup"), {"code": "000000" if _code(
        client.session["yichuang_two_factor_key"]) != "000000" else "111111"})

    assert response.status_code == 400
    assert "does not match" in str(response.context["form"].errors["code"])
    assert not TOTPDevice.objects.filter(user=officer).exists()


def test_two_factor_setup_confirms_the_app_and_shows_ten_recovery_codes_once(client, required):
    officer = _officer()
    _log_in(client, officer)

    _key, codes = _set_up(client)

    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=officer).confirmed
    assert AuditEvent.objects.filter(action="accounts.two_factor.enabled", object_id=str(officer.pk)).exists()
    assert client.get(reverse("programs:program-list")).status_code == 200  # this session passed the step
    again = client.get(reverse("accounts:two-factor-setup"))
    assert again.status_code == 302  # a second app cannot be added over the first
    assert TOTPDevice.objects.filter(user=officer).count() == 1


def test_two_factor_next_log_in_asks_for_the_code_and_accepts_the_app(client, required):
    officer = _officer()
    _log_in(client, officer)
    key, _codes = _set_up(client)
    client.post(reverse("accounts:logout"))

    _log_in(client, officer)
    asked = client.get(reverse("programs:program-list"))
    right = client.post(reverse("accounts:two-factor-verify"), {"code": _code(key, steps_ahead=1),
                                                                 "next": reverse("programs:program-list")})

    assert asked["Location"].startswith(reverse("accounts:two-factor-verify"))
    assert right.status_code == 302 and right["Location"] == reverse("programs:program-list")
    assert client.get(reverse("programs:program-list")).status_code == 200


def test_two_factor_wrong_code_makes_the_next_try_wait(client, required):
    officer = _officer()
    _log_in(client, officer)
    key, _codes = _set_up(client)
    client.post(reverse("accounts:logout"))
    _log_in(client, officer)

    wrong = client.post(reverse("accounts:two-factor-verify"), {"code": f"{(int(_code(key)) + 500_000) % 1_000_000:06d}"})
    at_once = client.post(reverse("accounts:two-factor-verify"), {"code": _code(key, steps_ahead=1)})

    assert wrong.status_code == 400 and "not right" in str(wrong.context["form"].errors["code"])
    assert at_once.status_code == 400 and "wait" in str(at_once.context["form"].errors["code"])
    assert client.get(reverse("programs:program-list")).status_code == 302


def test_two_factor_recovery_code_works_once(client, required):
    officer = _officer()
    _log_in(client, officer)
    _key, codes = _set_up(client)
    client.post(reverse("accounts:logout"))
    _log_in(client, officer)

    used = client.post(reverse("accounts:two-factor-verify"), {"code": codes[0].upper()})
    client.post(reverse("accounts:logout"))
    _log_in(client, officer)
    reused = client.post(reverse("accounts:two-factor-verify"), {"code": codes[0]})

    assert used.status_code == 302
    assert reused.status_code == 400 and "already used" in str(reused.context["form"].errors["code"])
    assert StaticToken.objects.filter(device__user=officer).count() == 9
    assert AuditEvent.objects.filter(action="accounts.two_factor.recovery_code_used").count() == 1


def test_two_factor_guards_post_and_htmx_requests_too(client, required):
    officer = _officer()
    _log_in(client, officer)
    _set_up(client)
    client.post(reverse("accounts:logout"))
    _log_in(client, officer)

    posted = client.post(reverse("programs:program-create"), {"name": "绕过"})
    htmx = client.get(reverse("programs:program-list"), headers={"HX-Request": "true"})

    assert posted.status_code == 302 and posted["Location"].startswith(reverse("accounts:two-factor-verify"))
    assert htmx.headers["HX-Redirect"] == reverse("accounts:two-factor-verify")


def test_two_factor_required_person_cannot_turn_it_off(client, required):
    officer = _officer()
    _log_in(client, officer)
    key, _codes = _set_up(client)

    response = client.post(reverse("accounts:two-factor-disable"), {"code": _code(key, steps_ahead=1)})

    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=officer).exists()


def test_two_factor_volunteer_turns_it_on_and_off(client):
    person = factories.user_with_role(Role.VOLUNTEER, area=factories.district())
    person.set_password(PASSWORD)
    person.save()
    _log_in(client, person)
    key, _codes = _set_up(client)

    response = client.post(reverse("accounts:two-factor-disable"), {"code": _code(key, steps_ahead=1)})

    assert response.status_code == 302
    assert not two_factor.has_device(person)
    assert AuditEvent.objects.filter(action="accounts.two_factor.disabled").exists()


def test_two_factor_renewed_recovery_codes_replace_the_old_ones(client, required):
    officer = _officer()
    _log_in(client, officer)
    _key, old = _set_up(client)

    new = client.post(reverse("accounts:two-factor-codes")).context["codes"]

    tokens = set(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert tokens == set(new) and not tokens & set(old)


def test_two_factor_operator_resets_a_lost_phone_with_a_reason(client, required):
    officer = _officer()
    _log_in(client, officer)
    _set_up(client)
    operator = factories.operator()
    operator.is_sample = True  # exempt, so the operator's own session needs no second step here
    operator.save()
    client.force_login(operator)

    refused = client.post(reverse("people:two-factor-reset", args=[officer.pk]), {"reason": ""})
    kept = two_factor.has_device(officer)
    done = client.post(reverse("people:two-factor-reset", args=[officer.pk]), {"reason": "当面核实身份，手机丢失"})

    assert refused.status_code == 400 and kept
    assert done.status_code == 302 and not two_factor.has_device(officer)
    assert AuditEvent.objects.filter(action="accounts.two_factor.reset", object_id=str(officer.pk)).exists()


def test_two_factor_reset_by_a_non_operator_is_refused(client):
    officer = _officer()
    TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    other = factories.user_with_role(Role.PROGRAM_OFFICER, area=officer.grants.first().area)
    client.force_login(other)

    response = client.post(reverse("people:two-factor-reset", args=[officer.pk]), {"reason": "试试"})

    assert response.status_code == 404
    assert two_factor.has_device(officer)
