from django.urls import path

from yichuang.portal import reveal, views

app_name = "portal"

urlpatterns = [
    path("", views.public_home, name="public-home"),
    path("home/", views.home, name="home"),
    path("favicon.ico", views.favicon),
    path("reveal/<slug:kind>/<int:pk>/", reveal.reveal, name="reveal"),
    path("healthz", views.healthz, name="healthz"),
]
