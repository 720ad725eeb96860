"""Uploads are checked by content, bounded before they are read, and served only to readers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.applications.models import Attachment
from yichuang.applications.services import attachment_add

pytestmark = pytest.mark.django_db


def test_upload_named_pdf_but_holding_html_is_refused_and_nothing_is_stored():
    program = factories.program()
    organization = factories.organization(program.area)
    application = factories.draft_application(program, organization)

    with pytest.raises(ValidationError) as refused:
        attachment_add(actor=factories.applicant(organization), application=application,
                       upload=SimpleUploadedFile("计划书.pdf", b"<html><script>alert(1)</script></html>"))

    assert "计划书.pdf" in refused.value.message_dict["file"][0]
    assert not Attachment.objects.exists()


def test_upload_body_larger_than_the_platform_limit_is_refused_before_it_is_read(client, settings):
    settings.MAX_REQUEST_MB = 1
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district()))

    response = client.generic("POST", reverse("portal:home"), b"x" * 10, CONTENT_TYPE="application/octet-stream",
                              CONTENT_LENGTH=str(2 * 1024 * 1024))

    assert response.status_code == 413
    assert response.context["limit_mb"] == 1


def _submitted_with_attachment():
    program = factories.program()
    organization = factories.organization(program.area)
    application = factories.draft_application(program, organization)
    attachment = attachment_add(actor=factories.applicant(organization), application=application,
                                upload=SimpleUploadedFile("计划书.pdf", b"%PDF-1.4 plan"))
    from yichuang.applications.engine import application_transition

    application_transition(actor=factories.applicant(organization), application=application, code="submit")
    return program, organization, application, attachment


def test_attachment_download_by_the_officer_in_scope_is_an_attachment_never_rendered(client):
    program, _organization, application, attachment = _submitted_with_attachment()
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area))

    response = client.get(reverse("applications:attachment-download", args=[application.pk, attachment.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 plan"


@pytest.mark.parametrize("who", ["other_officer", "other_org", "resident"])
def test_attachment_download_by_someone_who_cannot_read_the_application_answers_404(client, who):
    program, _organization, application, attachment = _submitted_with_attachment()
    other = factories.district("别区")
    user = {
        "other_officer": lambda: factories.user_with_role(Role.PROGRAM_OFFICER, area=other),
        "other_org": lambda: factories.applicant(factories.organization(program.area)),
        "resident": lambda: factories.user_with_role(Role.RESIDENT, area=program.area),
    }[who]()
    client.force_login(user)

    response = client.get(reverse("applications:attachment-download", args=[application.pk, attachment.pk]))

    assert response.status_code == 404
