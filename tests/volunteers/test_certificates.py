import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories
from tests.pdftext import pdf_text
from tests.volunteers import factories as vf
from yichuang.volunteers import certificates, records
from yichuang.volunteers.models import Certificate

pytestmark = pytest.mark.django_db


def _issued():
    where = factories.community()
    org, member = vf.organizer(where)
    volunteer = vf.volunteer(where, name="王小华")
    today = timezone.localdate()
    records.record_enter(actor=member, entry=records.Entry(
        volunteer=volunteer, organization=org, activity_name="助老陪伴", served_on=today, place="活动室",
        content="陪伴老人", minutes=150, person_in_charge="李主任", nature="service"))
    asked = certificates.certificate_request(actor=volunteer.user, organization=org,
                                             period_start=today - dt.timedelta(days=30), period_end=today)
    return certificates.certificate_issue(actor=member, certificate=asked)


def test_issued_certificate_shows_masked_name_and_hours():
    certificate = _issued()
    text = pdf_text(certificate.pdf.read())
    assert certificate.number in text and "王*华" in text and "王小华" not in text
    assert certificate.payload["minutes"] == 150


def test_issued_certificate_verifies_by_number_and_file():
    certificate = _issued()
    assert certificates.verify_number(certificate.number.lower()) == certificate
    assert certificates.verify_number(certificate.number, certificate.seal[:16]) == certificate
    with certificate.pdf.open("rb") as handle:
        assert certificates.verify_file(handle.read()) == certificate


def test_altered_certificate_file_is_not_genuine():
    certificate = _issued()
    with certificate.pdf.open("rb") as handle:
        content = bytearray(handle.read())
    content[len(content) // 2] ^= 0x01
    assert certificates.verify_file(bytes(content)) is None


def test_forged_number_or_seal_is_not_genuine():
    certificate = _issued()
    assert certificates.verify_number("ZM2026-AAAAAAAA") is None
    assert certificates.verify_number(certificate.number, "0" * 16) is None


def test_certificate_with_altered_stored_payload_is_not_genuine():
    certificate = _issued()
    payload = dict(certificate.payload, minutes=9999)
    Certificate.objects.filter(pk=certificate.pk).update(payload=payload)
    assert certificates.verify_number(certificate.number) is None


def test_certificate_request_to_unit_without_records_is_refused():
    where = factories.community()
    org, _member = vf.organizer(where)
    volunteer = vf.volunteer(where)
    with pytest.raises(ValidationError, match="no confirmed service"):
        certificates.certificate_request(actor=volunteer.user, organization=org, period_start=dt.date(2026, 1, 1),
                                         period_end=dt.date(2026, 12, 31))
