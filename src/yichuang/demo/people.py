"""People waiting at the demo's start: an organization that registered itself and a resident who
signed up, so the Wujin officer and the Ankang community worker each have something to verify."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from yichuang.demo.loader import demo_uscc
from yichuang.demo.users import DEMO_PASSWORD
from yichuang.people.registration import registration_submit
from yichuang.people.residents import resident_sign_up
from yichuang.places.models import Area, OrganizationType

# A stand-in for the scanned certificate: a one-line PDF, clearly marked as invented.
CERTIFICATE = b"%PDF-1.4\n% sample registration certificate (demo data)\n%%EOF\n"


def load_people_waiting() -> None:
    street = Area.objects.get(code="320412100")
    registration_submit(
        account={"username": "org.new", "password": DEMO_PASSWORD, "display_name": "银龄互助社负责人（示例）", "is_sample": True},
        data={"name": "武进区银龄互助服务社（示例）", "org_type": OrganizationType.SOCIAL_GROUP,
              "uscc": demo_uscc(OrganizationType.SOCIAL_GROUP, street.code, "silver-mutual-aid"), "area": street,
              "legal_representative": "顾立群（示例）", "contact_phone": "13900002001", "address": "湖塘镇（示例）"},
        certificate=SimpleUploadedFile("登记证书（示例）.pdf", CERTIFICATE, content_type="application/pdf"))
    resident_sign_up(phone="13900003001", display_name="安康社区新居民（示例）", password=DEMO_PASSWORD,
                     community=Area.objects.get(code="340603003901"), is_sample=True)
