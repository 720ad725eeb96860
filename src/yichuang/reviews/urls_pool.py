from django.urls import path

from yichuang.reviews import views_pool as views

urlpatterns = [
    path("", views.expert_list, name="expert-list"),
    path("new/", views.expert_create, name="expert-create"),
    path("import/", views.expert_import, name="expert-import"),
    path("import/template.xlsx", views.expert_import_template, name="expert-import-template"),
    path("<int:pk>/", views.expert_detail, name="expert-detail"),
    path("<int:pk>/edit/", views.expert_edit, name="expert-edit"),
    path("<int:pk>/invite/", views.expert_invite, name="expert-invite"),
    path("invite-all/", views.experts_invite_all, name="expert-invite-all"),
]
