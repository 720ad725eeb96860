from django.urls import path

from yichuang.volunteers import public

app_name = "verify"

urlpatterns = [
    path("", public.verify, name="form"),
    path("<str:number>/", public.verify_number, name="number"),
]
