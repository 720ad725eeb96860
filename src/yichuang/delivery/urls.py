from django.urls import path

from yichuang.delivery import views, views_closing, views_dashboard, views_evaluation, views_supervision

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

urlpatterns += [
    path("program/<int:program_pk>/evaluations/", views_evaluation.program_evaluations, name="evaluations"),
    path("evaluations/<int:pk>/", views_evaluation.evaluation_detail, name="evaluation"),
    path("evaluations/<int:pk>/sheet/", views_evaluation.evaluation_sheet, name="evaluation-sheet"),
    path("evaluations/<int:pk>/decide/", views_evaluation.evaluation_decide, name="evaluation-decide"),
    path("evaluations/mine/", views_evaluation.my_evaluations, name="my-evaluations"),
]

urlpatterns += [
    path("project/<int:pk>/visits/new/", views_supervision.visit_new, name="visit-new"),
    path("visits/<int:pk>/", views_supervision.visit_detail, name="visit"),
    path("visit-photos/<int:pk>/", views_supervision.visit_photo, name="visit-photo"),
    path("follow-ups/<int:pk>/done/", views_supervision.follow_up_done, name="follow-up-done"),
    path("follow-ups/<int:pk>/review/", views_supervision.follow_up_review, name="follow-up-review"),
]

urlpatterns += [path("dashboard/", views_dashboard.dashboard_page, name="dashboard")]

urlpatterns += [
    path("project/<int:pk>/final-report/", views_closing.final_report, name="final-report"),
    path("project/<int:pk>/final-report/decide/", views_closing.final_report_decide, name="final-report-decide"),
]
