"""Organizations register themselves; the area's officer verifies against the certificate or rejects."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from yichuang.accounts.models import RoleGrant, User
from yichuang.accounts.roles import Role
from yichuang.kernel.identifiers import uscc_check_char
from yichuang.people import registration
from yichuang.people.models import OrganizationRegistration, RegistrationStatus
from yichuang.places.models import Organization

pytestmark = pytest.mark.django_db
PASSWORD = "长城-Great-Wall-2026"


def _code(prefix: str = "52", region: str = "320412") -> str:
    body = f"{prefix}{region}MA1K3BTP0"
    return body + uscc_check_char(body)


def _certificate(name="登记证书.pdf", content=b"%PDF-1.4\n% certificate\n%%EOF\n"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _data(where, **changes):
    return {"name": "武进区阳光助老服务中心", "org_type": "private_non_enterprise", "uscc": _code(), "area": where,
            "legal_representative": "周明", "contact_phone": "13912345678", "address": "湖塘镇", **changes}


def _submit(area, **changes):
    return registration.registration_submit(
        account={"username": "zhou.ming", "password": PASSWORD, "display_name": "周明"},
        data=_data(area, **changes), certificate=_certificate())


def test_registration_verified_by_the_areas_officer_records_the_organization_and_its_first_member():
    district = factories.district()
    submitted = _submit(district)
    assert not Organization.objects.filter(name="武进区阳光助老服务中心").exists()  # nobody sees it before verification

    organization = registration.registration_verify(actor=factories.user_with_role(Role.PROGRAM_OFFICER, area=district),
                                                    registration=submitted)

    assert organization.uscc == _code() and organization.legal_representative == "周明"
    grants = RoleGrant.objects.filter(user__username="zhou.ming")
    assert {(grant.role, grant.organization) for grant in grants} == {(Role.ORG_ADMIN, organization), (Role.ORG_MEMBER, organization)}
    assert OrganizationRegistration.objects.get().status == RegistrationStatus.VERIFIED


def test_registration_with_a_code_of_another_type_is_refused_naming_the_expected_start():
    district = factories.district()

    with pytest.raises(ValidationError) as caught:
        _submit(district, uscc=_code("91"))

    assert "uscc" in caught.value.message_dict and "52" in caught.value.message_dict["uscc"][0]
    assert not User.objects.filter(username="zhou.ming").exists()


def test_registration_of_a_code_already_recorded_points_at_the_existing_organization():
    district = factories.district()
    existing = factories.organization(district, name="已登记的服务中心", uscc=_code())

    with pytest.raises(ValidationError) as caught:
        _submit(district)

    assert existing.name in caught.value.message_dict["uscc"][0]
    assert not OrganizationRegistration.objects.exists()


def test_registration_certificate_that_is_not_a_pdf_or_image_is_refused():
    district = factories.district()

    with pytest.raises(ValidationError) as caught:
        registration.registration_submit(account={"username": "zhou.ming", "password": PASSWORD, "display_name": "周明"},
                                         data=_data(district), certificate=_certificate("证书.pdf", b"MZ\x90\x00 not a pdf"))

    assert "certificate" in caught.value.message_dict
    assert not OrganizationRegistration.objects.exists() and not User.objects.filter(username="zhou.ming").exists()


def test_registration_decided_by_an_officer_of_another_area_or_twice_is_refused():
    wujin, shushan = factories.district("武进区"), factories.district("蜀山区")
    submitted = _submit(wujin)

    with pytest.raises(PermissionDenied):
        registration.registration_verify(actor=factories.user_with_role(Role.PROGRAM_OFFICER, area=shushan),
                                         registration=submitted)
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=wujin)
    with pytest.raises(ValidationError):
        registration.registration_reject(actor=officer, registration=submitted, reason=" ")
    registration.registration_reject(actor=officer, registration=submitted, reason="证书已过期，请上传最新证书")
    with pytest.raises(ValidationError):
        registration.registration_verify(actor=officer, registration=submitted)

    assert not Organization.objects.filter(name="武进区阳光助老服务中心").exists()


def test_register_page_opens_the_account_and_shows_the_status_on_the_workspace(client):
    district = factories.district()

    response = client.post(reverse("people:register-organization"), {
        **{f"reg-{k}": v for k, v in _data(district.pk).items()}, "reg-certificate": _certificate(),
        "reg-username": "zhou.ming", "reg-display_name": "周明", "reg-password1": PASSWORD, "reg-password2": PASSWORD})

    assert response.status_code == 302
    home = client.get(reverse("portal:home")).content.decode()
    assert "武进区阳光助老服务中心" in home and 'data-testid="my-registration"' in home


def test_register_page_with_a_mistake_asks_for_the_certificate_again_and_keeps_the_rest(client):
    district = factories.district()

    response = client.post(reverse("people:register-organization"), {
        **{f"reg-{k}": v for k, v in _data(district.pk, uscc="12345").items()}, "reg-certificate": _certificate(),
        "reg-username": "zhou.ming", "reg-display_name": "周明", "reg-password1": PASSWORD, "reg-password2": PASSWORD})

    assert response.status_code == 400
    assert response.context["form"].errors["certificate"] and 'value="武进区阳光助老服务中心"' in response.content.decode()
    assert not User.objects.filter(username="zhou.ming").exists()
