from django.urls import path

from yichuang.delivery import views

app_name = "delivery"

urlpatterns = [
    path("project/<int:pk>/", views.project_delivery, name="project"),
    path("project/<int:pk>/activities/new/", views.activity_new, name="activity-new"),
    path("project/<int:pk>/beneficiaries/", views.beneficiaries, name="beneficiaries"),
    path("project/<int:pk>/indicators/", views.indicator_report, name="indicator-report"),
    path("program/<int:program_pk>/", views.program_progress, name="program"),
    path("activities/<int:pk>/", views.activity_detail, name="activity"),
    path("activities/<int:pk>/photos/", views.activity_photos, name="activity-photos"),
    path("activities/<int:pk>/correct/", views.activity_correct, name="activity-correct"),
    path("activities/<int:pk>/sign-in-sheet/", views.sign_in_sheet, name="sign-in-sheet"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("corrections/<int:pk>/decide/", views.correction_decide, name="correction-decide"),
]
