from django.urls import path

from yichuang.reviews import views_roadshow as views

urlpatterns = [
    path("<int:program_pk>/", views.roadshow_page, name="roadshow"),
    path("<int:program_pk>/board/", views.roadshow_board, name="roadshow-board"),
    path("<int:program_pk>/step/", views.roadshow_step, name="roadshow-step"),
    path("mine/<int:session_pk>/", views.my_roadshow, name="my-roadshow"),
    path("mine/<int:session_pk>/current/", views.my_roadshow_current, name="my-roadshow-current"),
    path("mine/<int:session_pk>/score/", views.my_roadshow_score, name="my-roadshow-score"),
]
