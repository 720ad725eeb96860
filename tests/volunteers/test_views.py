import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.volunteers import factories as vf
from yichuang.accounts.roles import Role
from yichuang.core.models import AuditEvent
from yichuang.volunteers import certificates, records, teams
from yichuang.volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def _form(where, **overrides):
    data = vf.details(where)
    form = {"name": data.name, "gender": data.gender, "birth_date": data.birth_date.isoformat(), "id_kind": data.id_kind,
            "id_number": data.id_number, "area": where.pk, "phone": "138 1234 5678", "skills": ["elder_care"],
            "categories": ["elderly"], "consent": "on", "sensitive_consent": "on"}
    form.update(overrides)
    return form


def test_register_page_registers_and_shows_volunteer_number(client):
    where = factories.community()
    client.force_login(factories.UserFactory())

    response = client.post(reverse("volunteers:register"), _form(where), follow=True)

    volunteer = Volunteer.objects.get()
    assert response.redirect_chain[-1][0] == reverse("volunteers:me")
    assert volunteer.number in response.content.decode()
    assert volunteer.phone == "+8613812345678"


def test_register_page_bad_id_number_keeps_input_and_creates_nothing(client):
    where = factories.community()
    client.force_login(factories.UserFactory())
    form = _form(where)
    form["id_number"] = form["id_number"][:-1] + ("0" if form["id_number"][-1] != "0" else "1")

    response = client.post(reverse("volunteers:register"), form)

    page = response.content.decode()
    assert response.status_code == 400 and "last character" in page
    assert form["name"] in page and not Volunteer.objects.exists()


def test_register_page_without_sensitive_consent_is_refused(client):
    where = factories.community()
    client.force_login(factories.UserFactory())
    form = _form(where)
    del form["sensitive_consent"]

    response = client.post(reverse("volunteers:register"), form)

    assert response.status_code == 400 and not Volunteer.objects.exists()


def test_volunteer_page_shows_id_masked_and_reveal_is_logged(client):
    where = factories.community()
    keeper = factories.user_with_role(Role.COMMUNITY_WORKER, area=where)
    data = vf.details(where)
    from yichuang.volunteers import registration

    volunteer = registration.volunteer_register(actor=factories.UserFactory(), data=data)
    client.force_login(keeper)

    page = client.get(reverse("volunteers:detail", args=[volunteer.pk])).content.decode()
    shown = client.post(reverse("volunteers:reveal", args=[volunteer.pk]), {"reason": "核对保险"}).content.decode()

    assert data.id_number not in page and volunteer.id_masked in page
    assert data.id_number in shown
    assert AuditEvent.objects.filter(action="core.personal_data.shown", actor=keeper, reason="核对保险").exists()


def test_volunteer_page_of_someone_outside_scope_is_404(client):
    volunteer = vf.volunteer()
    client.force_login(factories.user_with_role(Role.COMMUNITY_WORKER, area=factories.community()))
    assert client.get(reverse("volunteers:detail", args=[volunteer.pk])).status_code == 404


def _count(client, url) -> int:
    client.get(url)  # the first request of a client warms caches (content types, the session)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_roster_lists_in_constant_queries(client):
    where = factories.community()
    keeper = factories.user_with_role(Role.COMMUNITY_WORKER, area=where)
    client.force_login(keeper)
    vf.volunteer(where)
    one = _count(client, reverse("volunteers:roster"))
    for _ in range(3):
        vf.volunteer(where)
    assert _count(client, reverse("volunteers:roster")) == one


def test_activity_and_team_lists_in_constant_queries(client):
    where = factories.community()
    org, member = vf.organizer(where)
    keeper = factories.user_with_role(Role.COMMUNITY_WORKER, area=where)
    client.force_login(member)
    vf.activity(org, member, where)
    teams.team_create(actor=keeper, name="队1", area=where, category="elderly")
    one = (_count(client, reverse("volunteers:activities")), _count(client, reverse("volunteers:teams")))
    for n in range(3):
        vf.activity(org, member, where)
        teams.team_create(actor=keeper, name=f"队{n + 2}", area=where, category="elderly")
    assert (_count(client, reverse("volunteers:activities")), _count(client, reverse("volunteers:teams"))) == one


def test_my_record_page_in_constant_queries(client):
    where = factories.community()
    org, member = vf.organizer(where)
    volunteer = vf.volunteer(where)
    client.force_login(volunteer.user)

    def add(n):
        for i in range(n):
            records.record_enter(actor=member, entry=records.Entry(
                volunteer=volunteer, organization=org, activity_name="助老", served_on=timezone.localdate()
                - dt.timedelta(days=i), place="活动室", content="陪伴", minutes=60, person_in_charge="李", nature="service"))

    add(1)
    one = _count(client, reverse("volunteers:me"))
    add(3)
    assert _count(client, reverse("volunteers:me")) == one


def test_scan_page_lists_todays_confirmed_shift(client):
    where = factories.community()
    org, member = vf.organizer(where)
    opportunity = vf.activity(org, member, where)
    volunteer = vf.volunteer(where)
    vf.signed_up(opportunity.shifts.get(), volunteer)
    vf.move_shift(opportunity.shifts.get(), started_minutes_ago=10)
    client.force_login(volunteer.user)

    page = client.get(reverse("volunteers:scan", args=[opportunity.check_in_code])).content.decode()

    assert 'data-testid="scan-shift"' in page and 'data-scan="in"' in page


def _certificate():
    where = factories.community()
    org, member = vf.organizer(where)
    volunteer = vf.volunteer(where)
    records.record_enter(actor=member, entry=records.Entry(
        volunteer=volunteer, organization=org, activity_name="助老", served_on=timezone.localdate(), place="活动室",
        content="陪伴", minutes=90, person_in_charge="李", nature="service"))
    asked = certificates.certificate_request(actor=volunteer.user, organization=org,
                                             period_start=timezone.localdate(), period_end=timezone.localdate())
    return certificates.certificate_issue(actor=member, certificate=asked)


def test_verify_page_confirms_typed_number_showing_masked_name_only(client):
    certificate = _certificate()

    response = client.post(reverse("verify:form"), {"number": certificate.number})

    page = response.content.decode()
    assert "Genuine." in page and certificate.payload["name"] in page
    assert certificate.volunteer.name not in page and certificate.volunteer.phone not in page


def test_verify_page_forged_number_says_not_genuine(client):
    _certificate()
    response = client.get(reverse("verify:number", args=["ZM2026-FAKE2345"]))
    assert response.status_code == 404 and "Not genuine." in response.content.decode()


def test_verify_page_altered_pdf_says_not_genuine_and_original_is_genuine(client):
    certificate = _certificate()
    original = certificate.pdf.read()
    altered = original[:2000] + b" " + original[2000:]  # one byte more: an edited copy

    genuine = client.post(reverse("verify:form"), {"file": SimpleUploadedFile("c.pdf", original)}).content.decode()
    forged = client.post(reverse("verify:form"), {"file": SimpleUploadedFile("c.pdf", altered)}).content.decode()

    assert "This file is exactly the certificate that was issued." in genuine
    assert "Not genuine." in forged


def test_home_lists_volunteer_records_to_confirm_for_the_organizer(client):
    from tests.volunteers.test_checkin import _on_shift, _scan

    _org, member, shift, volunteer = _on_shift()
    _scan(shift, volunteer, "in", 40)
    _scan(shift, volunteer, "out", 5)
    client.force_login(member)

    page = client.get(reverse("portal:home")).content.decode()

    assert "1 volunteer service record to confirm" in page and reverse("volunteers:work") in page


def test_home_tells_a_volunteer_about_todays_shift(client):
    from tests.volunteers.test_checkin import _on_shift

    _org, _member, shift, volunteer = _on_shift(started_minutes_ago=10)
    client.force_login(volunteer.user)

    page = client.get(reverse("portal:home")).content.decode()

    assert f"Today: {shift.opportunity.title}" in page
