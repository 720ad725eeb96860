from django.urls import path

from yichuang.funding import views

app_name = "funding"

urlpatterns = [
    path("program/<int:program_pk>/", views.decision_page, name="decision"),
    path("program/<int:program_pk>/decisions/<int:pk>/override/", views.decision_override, name="override"),
    path("program/<int:program_pk>/decisions/<int:pk>/apply/", views.decision_apply, name="apply"),
]
