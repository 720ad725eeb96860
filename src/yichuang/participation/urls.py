from django.urls import path

from yichuang.participation import views_surveys, views_topics, views_wishes

app_name = "participation"

urlpatterns = [
    path("me/", views_wishes.my_participation, name="me"),
    path("wishes/", views_wishes.wish_list, name="wish-list"),
    path("wishes/mine/", views_wishes.wish_work, name="wish-work"),
    path("wishes/new/", views_wishes.wish_new, name="wish-new"),
    path("wishes/<int:pk>/", views_wishes.wish, name="wish"),
    path("wishes/<int:pk>/edit/", views_wishes.wish_edit, name="wish-edit"),
    path("wishes/<int:pk>/check/", views_wishes.wish_check, name="wish-check"),
    path("wishes/<int:pk>/adopt/", views_wishes.wish_adopt, name="wish-adopt"),
    path("wishes/<int:pk>/release/", views_wishes.wish_release, name="wish-release"),
    path("wishes/<int:pk>/fulfil/", views_wishes.wish_fulfil, name="wish-fulfil"),
    path("wishes/<int:pk>/confirm/", views_wishes.wish_confirm, name="wish-confirm"),
    path("wishes/<int:pk>/withdraw/", views_wishes.wish_withdraw, name="wish-withdraw"),
    path("wishes/<int:pk>/proof/", views_wishes.wish_proof, name="wish-proof"),
    path("surveys/", views_surveys.survey_list, name="survey-list"),
    path("surveys/new/", views_surveys.survey_new, name="survey-new"),
    path("surveys/<int:pk>/", views_surveys.survey, name="survey"),
    path("surveys/<int:pk>/open/", views_surveys.survey_open, name="survey-open"),
    path("surveys/<int:pk>/close/", views_surveys.survey_close, name="survey-close"),
    path("surveys/<int:pk>/qr.svg", views_surveys.survey_qr, name="survey-qr"),
    path("surveys/<int:pk>/paper/", views_surveys.survey_paper, name="survey-paper"),
    path("surveys/<int:pk>/results/", views_surveys.survey_results, name="survey-results"),
    path("surveys/questions/<int:pk>/remove/", views_surveys.question_remove, name="question-remove"),
    path("topics/", views_topics.topic_list, name="topic-list"),
    path("topics/new/", views_topics.topic_new, name="topic-new"),
    path("topics/<int:pk>/", views_topics.topic, name="topic"),
    path("topics/<int:pk>/follow/", views_topics.topic_follow, name="topic-follow"),
    path("topics/<int:pk>/report/", views_topics.topic_report, name="topic-report"),
    path("topics/<int:pk>/moderate/", views_topics.topic_moderate, name="topic-moderate"),
    path("s/<str:key>/", views_surveys.survey_answer, name="survey-answer"),
    path("s/<str:key>/thanks/", views_surveys.survey_thanks, name="survey-thanks"),
]
