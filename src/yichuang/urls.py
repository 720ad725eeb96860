from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from yichuang.api.api import api

urlpatterns = [
    path("", include("yichuang.portal.urls")),
    path("accounts/", include("yichuang.accounts.urls")),
    path("people/", include("yichuang.people.urls")),
    path("places/", include("yichuang.places.urls")),
    path("audit/", include("yichuang.portal.audit_urls")),
    path("inbox/", include("yichuang.notifications.urls")),
    path("programs/", include("yichuang.programs.urls")),
    path("applications/", include("yichuang.applications.urls")),
    path("review/", include("yichuang.reviews.urls")),
    path("funding/", include("yichuang.funding.urls")),
    path("projects/", include("yichuang.projects.urls")),
    path("delivery/", include("yichuang.delivery.urls")),
    path("funded/", include("yichuang.delivery.public_urls")),
    path("reports/", include("yichuang.reports.urls")),
    path("vote/", include("yichuang.voting.urls")),
    path("volunteers/", include("yichuang.volunteers.urls")),
    path("verify/", include("yichuang.volunteers.public_urls")),
    path("voice/", include("yichuang.participation.urls")),
    path("funds/", include("yichuang.charity.urls")),
    path("captcha/", include("captcha.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
]
