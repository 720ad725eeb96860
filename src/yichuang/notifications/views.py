from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from yichuang.core.paging import paginate
from yichuang.notifications.models import Notification


@login_required
def inbox(request):
    notifications = Notification.objects.filter(recipient=request.user)
    return render(request, "notifications/inbox.html", paginate(request, notifications, 30))


@login_required
@require_POST
def open_notification(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
    target = notification.url if url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None) else ""
    return redirect(target or "notifications:inbox")
