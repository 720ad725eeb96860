from django.urls import path

from yichuang.delivery import public

app_name = "public-projects"

urlpatterns = [
    path("", public.public_projects, name="list"),
    path("<str:number>/", public.public_project, name="detail"),
]
