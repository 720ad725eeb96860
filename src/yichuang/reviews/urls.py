from django.urls import include, path

from yichuang.reviews import views_expert as expert
from yichuang.reviews import views_pool as pool_views
from yichuang.reviews import views_round as officer

app_name = "reviews"

urlpatterns = [
    path("experts/", include("yichuang.reviews.urls_pool")),
    path("roadshow/", include("yichuang.reviews.urls_roadshow")),
    path("program/<int:program_pk>/", officer.round_page, name="round"),
    path("program/<int:program_pk>/assign/", officer.round_assign, name="round-assign"),
    path("program/<int:program_pk>/step/", officer.round_step, name="round-step"),
    path("program/<int:program_pk>/assignments/", officer.assignments, name="round-assignments"),
    path("program/<int:program_pk>/rules/", officer.pair_rule, name="round-rule"),
    path("program/<int:program_pk>/results/", officer.results, name="round-results"),
    path("program/<int:program_pk>/results/<int:application_pk>/", officer.explain, name="round-explain"),
    path("reviews/<int:pk>/reopen/", officer.review_reopen, name="review-reopen"),
    path("mine/", expert.my_list, name="my-list"),
    path("mine/profile/", pool_views.my_profile, name="my-profile"),
    path("mine/round/<int:round_pk>/declare/", expert.declare, name="my-declare"),
    path("mine/<int:pk>/", expert.review, name="my-review"),
    path("mine/<int:pk>/confirm/", expert.confirm, name="my-confirm"),
]
