"""Certificates of volunteer service (志愿服务记录证明, Art. 14–17).

The volunteer asks a unit that recorded their service ("谁记录谁证明"); the unit issues a PDF built
from its confirmed records. What the certificate shows is kept as ``payload`` and sealed with an
HMAC, and the issued file's SHA-256 is kept: the public page confirms a number (and seal) is
genuine, and a file someone uploads is genuine only if it is byte for byte the issued one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Min, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core import crypto
from yichuang.core.audit import log_action
from yichuang.core.pdf import render_pdf
from yichuang.kernel import volunteers as rules
from yichuang.places.models import Organization
from yichuang.volunteers import permissions
from yichuang.volunteers.models import Certificate, ServiceRecord

SEAL_PURPOSE = "certificate-seal"
_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I to misread when typed


def _new_number(today: dt.date) -> str:
    while True:
        number = f"ZM{today.year}-" + "".join(secrets.choice(_ALPHABET) for _ in range(8))
        if not Certificate.objects.filter(number=number).exists():
            return number


def mask_name(name: str) -> str:
    """张*华 / 李* : enough for the holder to recognise, not enough to identify a stranger."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def units_with_records(volunteer) -> list[Organization]:
    """The units that confirmed service of this volunteer (whom they may ask for a certificate)."""
    ids = ServiceRecord.objects.filter(volunteer=volunteer, status=ServiceRecord.Status.CONFIRMED) \
        .values_list("organization", flat=True).distinct()
    return list(Organization.objects.filter(pk__in=ids).order_by("name_sort"))


@transaction.atomic
def certificate_request(*, actor, organization: Organization, period_start: dt.date, period_end: dt.date) -> Certificate:
    volunteer = permissions.own_volunteer(actor)
    if volunteer is None:
        raise ValidationError(_("Register as a volunteer first."))
    if period_end < period_start:
        raise ValidationError(_("The period must end after it starts."))
    if organization not in units_with_records(volunteer):
        raise ValidationError(_("%(unit)s has no confirmed service of yours to certify.") % {"unit": organization.name})
    certificate = Certificate.objects.create(number=_new_number(timezone.localdate()), volunteer=volunteer,
                                             organization=organization, period_start=period_start,
                                             period_end=period_end, requested_by=actor)
    log_action(actor=actor, action="volunteers.certificate.requested", obj=certificate,
               after={"unit": organization.name}, area_path=organization.area.path)
    return certificate


def _payload(certificate: Certificate, records, issued_on: dt.date) -> dict:
    totals = records.aggregate(minutes=Sum("minutes"), count=Count("pk"), first=Min("served_on"))
    activities = list(records.values_list("activity_name", flat=True).distinct().order_by("activity_name")[:12])
    volunteer = certificate.volunteer
    return {
        "number": certificate.number, "name": mask_name(volunteer.name), "volunteer_number": volunteer.number,
        "document": volunteer.id_masked, "unit": certificate.organization.name,
        "period": [certificate.period_start.isoformat(), certificate.period_end.isoformat()],
        "minutes": totals["minutes"] or 0, "records": totals["count"], "activities": activities,
        "issued_on": issued_on.isoformat(),
    }


def seal_key() -> bytes:
    return crypto.purpose_key(SEAL_PURPOSE)


def verification_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("verify:number", args=[certificate.number]) + f"?s={certificate.seal[:16]}"


@transaction.atomic
def certificate_issue(*, actor, certificate: Certificate) -> Certificate:
    certificate = Certificate.objects.select_for_update(of=("self",)).select_related(
        "volunteer", "organization__area").get(pk=certificate.pk)
    if not permissions.issues_certificate(actor, certificate):
        raise PermissionDenied
    if certificate.status != Certificate.Status.REQUESTED:
        raise ValidationError(_("This certificate request has already been decided."))
    records = ServiceRecord.objects.filter(volunteer=certificate.volunteer, organization=certificate.organization,
                                           status=ServiceRecord.Status.CONFIRMED,
                                           served_on__range=(certificate.period_start, certificate.period_end))
    if not records.exists():
        raise ValidationError(_("There is no confirmed service in this period to certify."))
    today = timezone.localdate()
    payload = _payload(certificate, records, today)
    certificate.payload = payload
    certificate.seal = rules.sign(seal_key(), payload)
    pdf = render_pdf("volunteers/certificate_pdf.html", {
        "c": payload, "hours": hours_text(payload["minutes"]),
        "qr": segno.make(verification_url(certificate), error="m").svg_inline(scale=3, border=1),
        "url": verification_url(certificate)})
    certificate.pdf.save(f"{certificate.number}.pdf", ContentFile(pdf), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.ISSUED, payload=payload, seal=certificate.seal, pdf=certificate.pdf.name,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(), decided_by=actor, decided_at=timezone.now())
    log_action(actor=actor, action="volunteers.certificate.issued", obj=certificate,
               after={"minutes": payload["minutes"], "records": payload["records"]},
               area_path=certificate.organization.area.path)
    certificate.refresh_from_db()
    return certificate


@transaction.atomic
def certificate_refuse(*, actor, certificate: Certificate, reason: str) -> None:
    certificate = Certificate.objects.select_for_update(of=("self",)).select_related("organization__area").get(pk=certificate.pk)
    if not permissions.issues_certificate(actor, certificate):
        raise PermissionDenied
    if certificate.status != Certificate.Status.REQUESTED:
        raise ValidationError(_("This certificate request has already been decided."))
    if not reason.strip():
        raise ValidationError(_("Say why the certificate is refused; the volunteer is told."))
    Certificate.objects.filter(pk=certificate.pk).update(status=Certificate.Status.REFUSED, refusal=reason.strip()[:300],
                                                         decided_by=actor, decided_at=timezone.now())
    log_action(actor=actor, action="volunteers.certificate.refused", obj=certificate, reason=reason.strip(),
               area_path=certificate.organization.area.path)


def hours_text(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


# --- Public verification ----------------------------------------------------------------------

def verify_number(number: str, seal_prefix: str = "") -> Certificate | None:
    """The issued certificate with this number whose seal still matches what it shows, or None.
    A seal prefix from a QR code must match too (a forged QR code pointing at a real number fails)."""
    certificate = (Certificate.objects.filter(number=(number or "").strip().upper(), status=Certificate.Status.ISSUED)
                   .first())
    if certificate is None or not rules.signature_matches(seal_key(), certificate.payload, certificate.seal):
        return None
    if seal_prefix and not certificate.seal.startswith(seal_prefix.strip().lower()):
        return None
    return certificate


def verify_file(content: bytes) -> Certificate | None:
    """The issued certificate that is exactly this file, or None (altered or never issued)."""
    digest = hashlib.sha256(content).hexdigest()
    certificate = Certificate.objects.filter(pdf_sha256=digest, status=Certificate.Status.ISSUED).first()
    if certificate is None or not rules.signature_matches(seal_key(), certificate.payload, certificate.seal):
        return None
    return certificate
