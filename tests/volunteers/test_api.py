import datetime as dt
import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.volunteers import factories as vf
from tests.volunteers.test_checkin import _on_shift
from yichuang.api.models import ApiToken
from yichuang.api.services import token_issue
from yichuang.volunteers.models import CheckEvent

pytestmark = pytest.mark.django_db

URL = "/api/v1/check-ins"


def _post(client, body, **headers):
    return client.post(URL, data=json.dumps(body), content_type="application/json", **headers)


def test_api_url_is_the_one_the_phone_page_uses():
    assert reverse("api:check_in") == URL


def test_api_check_in_with_session_and_csrf_then_retry_is_idempotent():
    _org, _member, shift, volunteer = _on_shift()
    client = Client(enforce_csrf_checks=True)
    client.force_login(volunteer.user)
    client.get(reverse("volunteers:me"))  # sets the CSRF cookie, as the phone page does
    token = client.cookies["csrftoken"].value
    body = {"shift": shift.pk, "kind": "in", "key": uuid.uuid4().hex}

    first = _post(client, body, HTTP_X_CSRFTOKEN=token)
    again = _post(client, body, HTTP_X_CSRFTOKEN=token)

    assert first.status_code == 201 and first.json()["created"] is True
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert CheckEvent.objects.filter(volunteer=volunteer).count() == 1
    assert CheckEvent.objects.get().method == CheckEvent.Method.PHONE


def test_api_session_post_without_csrf_token_is_refused():
    _org, _member, shift, volunteer = _on_shift()
    client = Client(enforce_csrf_checks=True)
    client.force_login(volunteer.user)

    response = _post(client, {"shift": shift.pk, "kind": "in", "key": uuid.uuid4().hex})

    assert response.status_code in (401, 403)
    assert not CheckEvent.objects.exists()


def test_api_bearer_token_records_scan_as_other_system():
    _org, _member, shift, volunteer = _on_shift()
    token = token_issue(actor=volunteer.user, user=volunteer.user, name="小程序")

    other_system = Client(enforce_csrf_checks=True)  # no cookie and no CSRF token: a server, not a browser

    response = _post(other_system, {"shift": shift.pk, "kind": "in", "key": uuid.uuid4().hex},
                     HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 201
    assert CheckEvent.objects.get().method == CheckEvent.Method.API


def test_api_wrong_token_is_unauthorized():
    _org, _member, shift, _volunteer = _on_shift()
    response = _post(Client(), {"shift": shift.pk, "kind": "in", "key": uuid.uuid4().hex},
                     HTTP_AUTHORIZATION="Bearer yc_not-a-token")
    assert response.status_code == 401


def test_api_bad_scan_answers_400_with_message_and_records_nothing(client):
    _org, _member, shift, volunteer = _on_shift()
    client.force_login(volunteer.user)

    response = _post(client, {"shift": shift.pk, "kind": "out", "key": uuid.uuid4().hex})

    assert response.status_code == 400 and "not checked in" in response.json()["detail"]
    assert not CheckEvent.objects.exists()


def test_api_shift_outside_viewer_scope_answers_404(client):
    _org, _member, shift, _volunteer = _on_shift()
    shift.opportunity.__class__.objects.filter(pk=shift.opportunity_id).update(status="closed")
    stranger = vf.volunteer()
    client.force_login(stranger.user)

    response = _post(client, {"shift": shift.pk, "kind": "in", "key": uuid.uuid4().hex})

    assert response.status_code == 404


def test_api_leader_checks_in_someone_by_volunteer_number(client):
    _org, member, shift, volunteer = _on_shift()
    client.force_login(member)

    response = _post(client, {"shift": shift.pk, "kind": "in", "key": uuid.uuid4().hex, "volunteer": volunteer.number})

    assert response.status_code == 201
    assert CheckEvent.objects.get().recorded_by == member


def test_api_is_rate_limited_per_account(client, settings):
    settings.API_RATE_PER_MINUTE = 2
    _org, _member, shift, volunteer = _on_shift()
    client.force_login(volunteer.user)
    answers = [_post(client, {"shift": shift.pk, "kind": "in", "key": uuid.uuid4().hex}).status_code for _ in range(3)]
    assert answers[-1] == 429


def _bearer(volunteer):
    return {"HTTP_AUTHORIZATION": f"Bearer {token_issue(actor=volunteer.user, user=volunteer.user, name='小程序')}"}


def test_api_revoked_token_or_inactive_account_is_unauthorized():
    _org, _member, shift, volunteer = _on_shift()
    revoked, inactive = _bearer(volunteer), _bearer(volunteer)
    ApiToken.objects.filter(pk=ApiToken.objects.order_by("pk").first().pk).update(revoked_at=timezone.now())

    first = _post(Client(), {"shift": shift.pk, "kind": "in", "key": uuid.uuid4().hex}, **revoked)
    type(volunteer.user).objects.filter(pk=volunteer.user.pk).update(is_active=False)
    second = _post(Client(), {"shift": shift.pk, "kind": "in", "key": uuid.uuid4().hex}, **inactive)

    assert (first.status_code, second.status_code) == (401, 401)
    assert not CheckEvent.objects.exists()


def test_api_check_out_reports_minutes_and_retry_reports_the_same():
    _org, _member, shift, volunteer = _on_shift()
    headers = _bearer(volunteer)
    _post(Client(), {"shift": shift.pk, "kind": "in", "key": uuid.uuid4().hex,
                     "at": (timezone.now() - dt.timedelta(minutes=40)).isoformat()}, **headers)
    body = {"shift": shift.pk, "kind": "out", "key": uuid.uuid4().hex}

    first = _post(Client(), body, **headers)
    again = _post(Client(), body, **headers)

    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["minutes_so_far"] == again.json()["minutes_so_far"] == 40


def test_api_open_shift_without_a_place_answers_400_not_404(client):
    _org, _member, shift, _volunteer = _on_shift()
    client.force_login(vf.volunteer().user)

    response = _post(client, {"shift": shift.pk, "kind": "in", "key": uuid.uuid4().hex})

    assert response.status_code == 400 and "no confirmed place" in response.json()["detail"]
    assert not CheckEvent.objects.exists()


def test_api_key_of_another_persons_scan_is_refused():
    where = factories.community()
    org, member = vf.organizer(where)
    shift = vf.activity(org, member, where).shifts.get()
    volunteer, other = vf.volunteer(where), vf.volunteer(where)
    vf.signed_up(shift, volunteer)
    vf.signed_up(shift, other)
    vf.move_shift(shift, started_minutes_ago=60)
    key = uuid.uuid4().hex
    _post(Client(), {"shift": shift.pk, "kind": "in", "key": key}, **_bearer(volunteer))

    response = _post(Client(), {"shift": shift.pk, "kind": "in", "key": key}, **_bearer(other))

    assert response.status_code == 400 and "already used" in response.json()["detail"]
    assert list(CheckEvent.objects.values_list("volunteer", flat=True)) == [volunteer.pk]


def test_api_token_check_in_and_out_use_few_queries(django_assert_max_num_queries):
    """The scan path is the platform's busiest write (300 a second): token and volunteer, the locked
    place, the person's scans, the insert, and the transaction; a check-out adds the record."""
    _org, _member, shift, volunteer = _on_shift()
    headers = _bearer(volunteer)
    with django_assert_max_num_queries(7):
        assert _post(Client(), {"shift": shift.pk, "kind": "in", "key": uuid.uuid4().hex}, **headers).status_code == 201
    with django_assert_max_num_queries(10):
        assert _post(Client(), {"shift": shift.pk, "kind": "out", "key": uuid.uuid4().hex}, **headers).status_code == 201
