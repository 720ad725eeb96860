from django.urls import path

from yichuang.participation import views_wishes

app_name = "participation"

urlpatterns = [
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
]
