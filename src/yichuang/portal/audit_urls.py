from django.urls import path

from yichuang.portal import audit

app_name = "audit"

urlpatterns = [
    path("", audit.audit_list, name="audit-list"),
    path("export.xlsx", audit.audit_export, name="audit-export"),
    path("<str:app_label>/<str:model>/<str:object_id>/", audit.object_history, name="object-history"),
]
