from django.urls import path

from yichuang.programs import views, views_people

app_name = "programs"

urlpatterns = [
    path("", views.program_list, name="program-list"),
    path("new/", views.program_create, name="program-create"),
    path("<int:pk>/", views.program_detail, name="program-detail"),
    path("<int:pk>/edit/", views.program_edit, name="program-edit"),
    path("<int:pk>/start/", views.program_start, name="program-start"),
    path("<int:pk>/invite/", views_people.program_invite, name="program-invite"),
    path("<int:pk>/rubric/", views.rubric_edit, name="rubric"),
    path("<int:pk>/workflow/", views.workflow_detail, name="workflow"),
    path("<int:pk>/workflow/copy/", views.workflow_copy, name="workflow-copy"),
    path("<int:pk>/workflow/steps/<int:transition_pk>/", views.transition_edit, name="transition-edit"),
    path("calls/", views.call_list, name="call-list"),
    path("calls/<int:pk>/", views.call_detail, name="call-detail"),
]
