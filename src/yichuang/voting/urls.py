from django.urls import path

from yichuang.voting import views

app_name = "voting"

urlpatterns = [
    path("mine/", views.my_votes, name="mine"),
    path("program/<int:program_pk>/", views.vote_list, name="list"),
    path("program/<int:program_pk>/new/", views.vote_create, name="create"),
    path("<int:pk>/manage/", views.vote_manage, name="manage"),
    path("<int:pk>/manage/<slug:action>/", views.vote_step, name="step"),
    path("<int:pk>/paper/template.xlsx", views.paper_template, name="paper-template"),
    path("<int:pk>/paper/", views.paper_import, name="paper-import"),
    path("<int:pk>/publish/", views.tally_publish, name="publish"),
    path("<int:pk>/decision/", views.vote_decision, name="decision"),
    path("<int:pk>/", views.ballot, name="ballot"),
    path("<int:pk>/assisted/", views.assisted, name="assisted"),
    path("<int:pk>/results/", views.results, name="results"),
]
