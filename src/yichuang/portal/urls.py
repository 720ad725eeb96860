from django.urls import path

from yichuang.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.public_home, name="public-home"),
    path("home/", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
]
