from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from yichuang.portal.queries import home_sections


def public_home(request):
    from yichuang.applications.models import PublicNotice
    from yichuang.programs.queries import open_calls

    context = {
        "calls": list(open_calls()[:5]),
        "notices": list(PublicNotice.objects.filter(published_at__isnull=False).select_related("program").order_by("-opens_at")[:5]),
    }
    return render(request, "portal/public_home.html", context)


@login_required
def home(request):
    return render(request, "portal/home.html", {"sections": home_sections(request.user)})


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
