"""The HTTP API (django-ninja): check-in and check-out for phones and other systems.

Authenticated by the browser session (the phone page; CSRF checked) or by a bearer token (other
systems); rate-limited per account in the cache every worker shares. No interactive docs page: it
would load scripts from a CDN, which the content security policy forbids.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema, Status
from ninja.security import HttpBearer, django_auth
from ninja.throttling import UserRateThrottle

from yichuang.api.services import token_user
from yichuang.volunteers import permissions
from yichuang.volunteers.checkin import check_scan
from yichuang.volunteers.models import CheckEvent, Volunteer


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = token_user(token)
        if user is not None:
            request.user = user
            request.via_token = True
        return user


class AccountThrottle(UserRateThrottle):
    """Per account. Counted in the default cache: Redis where configured (exact across workers), else
    each worker's memory (the limit then applies per worker process). The database cache that log-in
    throttling uses would add five queries, a table count among them, to every scan. The rate is read
    from the settings on each request, so an operator's change applies without a code change."""

    cache = caches["default"]

    def allow_request(self, request) -> bool:
        self.rate = f"{settings.API_RATE_PER_MINUTE}/m"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


api = NinjaAPI(urls_namespace="api", docs_url=None, openapi_url=None, auth=[BearerToken(), django_auth],
               throttle=[AccountThrottle()])


class ScanIn(Schema):
    shift: int
    kind: str
    key: str
    at: dt.datetime | None = None
    volunteer: str = ""  # a volunteer number: a leader checking someone else in
    reason: str = ""


class ScanOut(Schema):
    id: int
    kind: str
    at: dt.datetime
    late: bool
    created: bool
    minutes_so_far: int | None = None


class Problem(Schema):
    detail: str


def _volunteer(request, number: str) -> tuple[Volunteer, str]:
    if number:
        volunteer = permissions.visible_volunteers(request.user).filter(number=number).first()
        if volunteer is None:
            raise Http404
        return volunteer, CheckEvent.Method.LEADER
    own = permissions.own_volunteer(request.user)
    if own is None:
        raise ValidationError(_("Register as a volunteer first."))
    return own, (CheckEvent.Method.API if getattr(request, "via_token", False) else CheckEvent.Method.PHONE)


@api.post("/v1/check-ins", response={200: ScanOut, 201: ScanOut, 400: Problem, 403: Problem, 404: Problem})
def check_in(request, payload: ScanIn):
    try:
        volunteer, method = _volunteer(request, payload.volunteer)
        if method == CheckEvent.Method.LEADER:
            permissions.access_shift(request.user, payload.shift)
        at = payload.at or timezone.now()
        if timezone.is_naive(at):
            at = timezone.make_aware(at)
        event, created = check_scan(actor=request.user, shift_id=payload.shift, volunteer=volunteer,
                                    kind=payload.kind, at=at, key=payload.key, method=method, reason=payload.reason)
    except ValidationError as error:
        if error.code == "no_place" and method != CheckEvent.Method.LEADER:
            # Checked only now, so that a scan (the common case) costs no gateway query: a shift the
            # volunteer cannot see answers as a missing one.
            try:
                permissions.access_own_shift(request.user, payload.shift)
            except Http404:
                return Status(404, {"detail": _("No such shift or volunteer.")})
        return Status(400, {"detail": " ".join(error.messages)})
    except PermissionDenied:
        return Status(403, {"detail": _("You may not record scans for this person.")})
    except Http404:
        return Status(404, {"detail": _("No such shift or volunteer.")})
    minutes = None
    if event.kind == CheckEvent.Kind.OUT:
        minutes = getattr(event, "service_minutes", None)
        if minutes is None:  # a retried check-out: the record as it stands
            minutes = volunteer.records.filter(shift_id=event.shift_id).values_list("minutes", flat=True).first()
    return Status(201 if created else 200, {"id": event.pk, "kind": event.kind, "at": event.at, "late": event.late,
                                            "created": created, "minutes_so_far": minutes})
