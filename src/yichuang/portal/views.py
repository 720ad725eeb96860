from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.shortcuts import render

from yichuang.people.models import RegistrationStatus
from yichuang.people.queries import registrations_of, signups_of
from yichuang.portal.queries import home_sections


def public_home(request):
    from yichuang.applications.models import PublicNotice
    from yichuang.delivery.public import public_projects_queryset
    from yichuang.participation import permissions as participation
    from yichuang.participation.queries import adoptable
    from yichuang.programs.queries import open_calls

    context = {
        "calls": list(open_calls()[:5]),
        "notices": list(PublicNotice.objects.filter(published_at__isnull=False).select_related("program").order_by("-opens_at")[:5]),
        "projects": list(public_projects_queryset().order_by("-created_at", "number")[:5]),
        "wishes": list(adoptable(participation.public_wishes()).select_related("area").order_by("deadline", "pk")[:3]),
    }
    return render(request, "portal/public_home.html", context)


@login_required
def home(request):
    return render(request, "portal/home.html", {"sections": home_sections(request.user),
                                                "registrations": list(registrations_of(request.user)[:5]),
                                                "signups": [s for s in signups_of(request.user) if s.status != RegistrationStatus.VERIFIED]})


def healthz(request):
    """Up only if the database can be written: a write that changes no row still takes the write lock
    (SQLite) and fails on a read-only server (PostgreSQL standby)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE core_calendarday SET name = name WHERE 1 = 0")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "reason": "database not writable"}, status=503)
    return JsonResponse({"status": "ok"})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page declares: send them to the SVG icon."""
    from django.shortcuts import redirect
    from django.templatetags.static import static

    return redirect(static("yichuang/favicon.svg"), permanent=True)
