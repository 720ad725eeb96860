"""Every page × every demo role → the status that role must get. Written out in full on purpose:
a new page or role must be added here, with a decision, before it is covered."""

from __future__ import annotations

import pytest
from django.urls import reverse

from yichuang.accounts.models import User
from yichuang.demo import loader
from yichuang.places.models import Area, Organization

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "admin", "officer", "officer.shushan", "expert", "org", "supervisor", "community",
         "volunteer", "resident", "donor", "auditor"]

# Columns follow ROLES. L = redirect to log-in (302), A = admin redirect (302).
MATRIX = {
    "public-home":        "200 200 200 200 200 200 200 200 200 200 200 200",
    "healthz":            "200 200 200 200 200 200 200 200 200 200 200 200",
    "home":               "L   200 200 200 200 200 200 200 200 200 200 200",
    "area-list":          "L   200 200 200 403 403 200 200 403 403 403 200",
    "area-wujin":         "L   200 200 404 404 404 200 404 404 404 404 200",
    "area-wujin-edit":    "L   200 200 404 404 404 403 404 404 404 404 403",
    "area-wujin-new":     "L   200 200 404 404 404 403 404 404 404 404 403",
    "area-shushan":       "L   200 404 200 404 404 404 404 404 404 404 404",
    "org-list":           "L   200 200 200 403 200 200 200 403 403 403 200",
    "org-new":            "L   200 200 200 403 403 403 200 403 403 403 403",
    "org-yineng":         "L   200 200 404 404 200 200 404 404 404 404 200",
    "org-yineng-edit":    "L   200 200 404 404 200 403 404 404 404 404 403",
    "org-yineng-flag":    "L   200 200 404 404 403 403 404 404 404 404 403",
    "org-agan":           "L   200 404 200 404 404 404 404 404 404 404 404",
    "audit-list":         "L   200 200 200 403 403 403 403 403 403 403 200",
    "audit-yineng":       "L   200 200 404 403 403 403 403 403 403 403 200",
    "admin":              "A   200 A   A   A   A   A   A   A   A   A   A",
}


def _urls() -> dict[str, str]:
    wujin = Area.objects.get(code="320412")
    shushan = Area.objects.get(code="340104")
    yineng = Organization.objects.get(name="武进区益能社会工作服务中心")
    agan = Organization.objects.get(name__contains="阿甘之家")
    return {
        "public-home": reverse("portal:public-home"),
        "healthz": reverse("portal:healthz"),
        "home": reverse("portal:home"),
        "area-list": reverse("places:area-list"),
        "area-wujin": reverse("places:area-detail", args=[wujin.pk]),
        "area-wujin-edit": reverse("places:area-edit", args=[wujin.pk]),
        "area-wujin-new": reverse("places:area-create", args=[wujin.pk]),
        "area-shushan": reverse("places:area-detail", args=[shushan.pk]),
        "org-list": reverse("places:organization-list"),
        "org-new": reverse("places:organization-create"),
        "org-yineng": reverse("places:organization-detail", args=[yineng.pk]),
        "org-yineng-edit": reverse("places:organization-edit", args=[yineng.pk]),
        "org-yineng-flag": reverse("places:credit-flag-add", args=[yineng.pk]),
        "org-agan": reverse("places:organization-detail", args=[agan.pk]),
        "audit-list": reverse("core:audit-list"),
        "audit-yineng": reverse("core:object-history", args=["places", "organization", yineng.pk]),
        "admin": reverse("admin:index"),
    }


def _expected(code: str) -> tuple[int, str | None]:
    if code == "L":
        return 302, "/accounts/login/"
    if code == "A":
        return 302, "/admin/login/"
    return int(code), None


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_every_page_answers_as_decided_for_role(client, role):
    loader.load()
    urls = _urls()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    column = ROLES.index(role)

    wrong = []
    for name, row in MATRIX.items():
        status, location = _expected(row.split()[column])
        response = client.get(urls[name])
        if response.status_code != status or (location and not response["Location"].startswith(location)):
            wrong.append(f"{name}: expected {status}, got {response.status_code}")

    assert not wrong, f"{role}: " + "; ".join(wrong)


def test_permission_matrix_covers_every_named_url():
    from django.urls import get_resolver

    ours = {
        f"{ns}:{name}"
        for ns, (_prefix, resolver) in get_resolver().namespace_dict.items()
        if ns in {"portal", "places", "core", "accounts"}
        for name in resolver.reverse_dict
        if isinstance(name, str)
    }
    # Pages reached only by POST or as a variant of a listed page, with the test that covers them.
    covered_elsewhere = {
        "accounts:login",  # tests/accounts/test_login.py
        "accounts:logout",  # tests/accounts/test_login.py
        "places:credit-flag-remove",  # tests/places/test_credit_flags.py
    }
    listed = {
        "portal:public-home", "portal:healthz", "portal:home", "places:area-list", "places:area-detail",
        "places:area-edit", "places:area-create", "places:organization-list", "places:organization-create",
        "places:organization-detail", "places:organization-edit", "places:credit-flag-add", "core:audit-list",
        "core:object-history",
    }
    assert ours - listed - covered_elsewhere == set()
