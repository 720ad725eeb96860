from django.urls import path

from yichuang.people import views

app_name = "people"

urlpatterns = [
    path("", views.people_list, name="list"),
    path("invite/", views.invite, name="invite"),
    path("import/", views.people_import, name="import"),
    path("import/template.xlsx", views.people_import_template, name="import-template"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation-revoke"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/roles/", views.grant_add, name="grant-add"),
    path("<int:pk>/roles/<int:grant_pk>/remove/", views.grant_remove, name="grant-remove"),
    path("<int:pk>/active/", views.set_active, name="set-active"),
    path("<int:pk>/two-factor/reset/", views.two_factor_reset, name="two-factor-reset"),
    path("join/<str:token>/", views.join, name="join"),
    path("outbox/", views.outbox, name="outbox"),
    path("colleagues/", views.colleagues, name="colleagues"),
    path("register-organization/", views.register_organization, name="register-organization"),
    path("registrations/", views.registrations, name="registrations"),
    path("registrations/<int:pk>/", views.registration_detail, name="registration"),
    path("registrations/<int:pk>/decide/", views.registration_decide, name="registration-decide"),
    path("residents/sign-up/", views.resident_signup, name="resident-signup"),
    path("residents/", views.resident_signups, name="residents"),
    path("residents/<int:pk>/decide/", views.resident_decide, name="resident-decide"),
    path("registrations/<int:pk>/certificate/", views.registration_certificate, name="registration-certificate"),
]
