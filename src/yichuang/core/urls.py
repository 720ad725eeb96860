from django.urls import path

from yichuang.core import views

app_name = "core"

urlpatterns = [
    path("", views.audit_list, name="audit-list"),
    path("<str:app_label>/<str:model>/<str:object_id>/", views.object_history, name="object-history"),
]
