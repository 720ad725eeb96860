import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tests.volunteers import factories as vf
from tests.volunteers.test_checkin import _on_shift
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
