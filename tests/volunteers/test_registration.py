import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from tests import factories
from tests.volunteers import factories as vf
from yichuang.accounts.roles import Role
from yichuang.core.models import AuditEvent
from yichuang.volunteers import registration
from yichuang.volunteers.models import Consent, IdKind, ServiceRecord, Volunteer

pytestmark = pytest.mark.django_db


def _raw_rows() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM volunteers_volunteer")
        return repr(cursor.fetchall())


def test_register_self_keeps_id_number_only_encrypted():
    where = factories.community()
    data = vf.details(where)
    volunteer = registration.volunteer_register(actor=factories.UserFactory(), data=data)
    raw = _raw_rows()
    assert data.id_number not in raw
    assert data.id_number[6:14] not in raw.replace(data.birth_date.isoformat().replace("-", ""), "")  # not even a slice
    assert volunteer.id_masked == data.id_number[:6] + "********" + data.id_number[-4:]
    assert volunteer.number not in data.id_number and data.id_number[-6:] not in volunteer.number


def test_register_records_both_consents_with_text_version():
    volunteer = vf.volunteer()
    purposes = set(Consent.objects.filter(volunteer=volunteer).values_list("purpose", flat=True))
    assert purposes == {"registration", "sensitive"}
    assert Consent.objects.filter(volunteer=volunteer).first().text_version


def test_register_grants_volunteer_role_in_community():
    volunteer = vf.volunteer()
    assert volunteer.user.grants.filter(role=Role.VOLUNTEER, area=volunteer.area).exists()


def test_register_same_person_twice_is_refused():
    where = factories.community()
    data = vf.details(where)
    registration.volunteer_register(actor=factories.UserFactory(), data=data)
    with pytest.raises(ValidationError, match="already registered"):
        registration.volunteer_register(actor=factories.UserFactory(), data=data)
    assert Volunteer.objects.count() == 1


def test_register_birth_date_not_matching_id_is_refused():
    data = vf.details(factories.community())
    data.birth_date = data.birth_date + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="date of birth does not agree"):
        registration.volunteer_register(actor=factories.UserFactory(), data=data)
    assert not Volunteer.objects.exists()


def test_register_gender_not_matching_id_is_refused():
    data = vf.details(factories.community(), male=True)
    data.gender = "female"
    with pytest.raises(ValidationError, match="gender does not agree"):
        registration.volunteer_register(actor=factories.UserFactory(), data=data)


def test_register_wrong_check_digit_is_refused():
    data = vf.details(factories.community())
    last = data.id_number[-1]
    data.id_number = data.id_number[:-1] + ("1" if last != "1" else "2")
    with pytest.raises(ValidationError, match="last character"):
        registration.volunteer_register(actor=factories.UserFactory(), data=data)


def test_register_passport_has_no_birth_date_check():
    data = vf.details(factories.community(), id_kind=IdKind.PASSPORT, id_number="e1234567 ")
    volunteer = registration.volunteer_register(actor=factories.UserFactory(), data=data)
    assert volunteer.id_masked == "E******7"


def test_register_child_under_14_needs_guardian():
    birth = (dt.date.today() - dt.timedelta(days=365 * 10)).strftime("%Y%m%d")
    data = vf.details(factories.community(), birth=birth)
    with pytest.raises(ValidationError, match="guardian"):
        registration.volunteer_register(actor=factories.UserFactory(), data=data)
    data.guardian_name, data.guardian_phone = "王家长", "13912345678"
    volunteer = registration.volunteer_register(actor=factories.UserFactory(), data=data)
    assert Consent.objects.filter(volunteer=volunteer, purpose="guardian", given_by_name="王家长").exists()


def test_register_by_organization_needs_paper_consent_and_membership():
    where = factories.community()
    org, member = vf.organizer(where)
    with pytest.raises(ValidationError, match="signed consent"):
        registration.volunteer_register(actor=member, data=vf.details(where), organization=org)
    outsider = factories.UserFactory()
    with pytest.raises(PermissionDenied):
        registration.volunteer_register(actor=outsider, data=vf.details(where), organization=org, paper_consent=True)
    volunteer = registration.volunteer_register(actor=member, data=vf.details(where), organization=org, paper_consent=True)
    assert volunteer.user is None and volunteer.consents.filter(method="paper").count() == 2


def test_reveal_id_needs_reason_and_is_logged():
    where = factories.community()
    org, member = vf.organizer(where)
    data = vf.details(where)
    volunteer = registration.volunteer_register(actor=member, data=data, organization=org, paper_consent=True)
    with pytest.raises(ValidationError):
        registration.volunteer_reveal_id(actor=member, volunteer=volunteer, reason=" ")
    assert registration.volunteer_reveal_id(actor=member, volunteer=volunteer, reason="办理保险") == data.id_number
    event = AuditEvent.objects.get(action="core.personal_data.shown")
    assert event.reason == "办理保险" and event.actor == member


def test_reveal_id_by_someone_else_is_refused():
    volunteer = vf.volunteer()
    with pytest.raises(PermissionDenied):
        registration.volunteer_reveal_id(actor=factories.UserFactory(), volunteer=volunteer, reason="x")


def test_erase_keeps_service_records_anonymised():
    where = factories.community()
    org, member = vf.organizer(where)
    volunteer = vf.volunteer(where)
    from yichuang.volunteers import records

    records.record_enter(actor=member, entry=records.Entry(
        volunteer=volunteer, organization=org, activity_name="助老", served_on=dt.date.today(), place="活动室",
        content="陪伴", minutes=120, person_in_charge="李", nature="service"))
    erased = registration.volunteer_erase(actor=volunteer.user, volunteer=volunteer)
    assert erased.status == Volunteer.Status.ERASED and erased.id_lookup is None and erased.phone == ""
    assert "王志愿" not in _raw_rows()
    assert ServiceRecord.objects.get(volunteer=erased).minutes == 120
    assert not erased.consents.exists()


def test_export_contains_own_data_only_for_self():
    volunteer = vf.volunteer()
    data = registration.volunteer_export(actor=volunteer.user, volunteer=volunteer)
    assert data["volunteer"]["number"] == volunteer.number and len(data["volunteer"]["id_number"]) == 18
    with pytest.raises(PermissionDenied):
        registration.volunteer_export(actor=factories.UserFactory(), volunteer=volunteer)
