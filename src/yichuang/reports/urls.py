from django.urls import path

from yichuang.reports import views

app_name = "reports"

urlpatterns = [
    path("program/<int:program_pk>/", views.program_reports, name="program"),
    path("program/<int:program_pk>/request/", views.report_request, name="request"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/download/", views.job_download, name="download"),
]
