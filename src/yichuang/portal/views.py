from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from yichuang.portal.queries import home_sections


def public_home(request):
    return render(request, "portal/public_home.html")


@login_required
def home(request):
    return render(request, "portal/home.html", {"sections": home_sections(request.user)})


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
