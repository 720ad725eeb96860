from django.urls import path

from yichuang.places import views

app_name = "places"

urlpatterns = [
    path("areas/", views.area_list, name="area-list"),
    path("areas/<int:pk>/", views.area_detail, name="area-detail"),
    path("areas/<int:pk>/edit/", views.area_edit, name="area-edit"),
    path("areas/<int:parent_pk>/new/", views.area_create, name="area-create"),
    path("organizations/", views.organization_list, name="organization-list"),
    path("organizations/new/", views.organization_create, name="organization-create"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization-detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization-edit"),
    path("organizations/<int:pk>/credit-flags/new/", views.credit_flag_add, name="credit-flag-add"),
    path("organizations/<int:pk>/credit-flags/<int:flag_pk>/remove/", views.credit_flag_remove, name="credit-flag-remove"),
]
