"""Sessions of people with roles, and their chosen language."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


class SessionIdleMiddleware:
    """Staff sessions end after ``SESSION_IDLE_MINUTES_STAFF`` without a request (a shared computer at
    a service point must not stay logged in), and pages for a logged-in person are never cached by a
    browser or a proxy (``Cache-Control: private, no-store``)."""

    KEY = "yichuang_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        from django.conf import settings
        from django.contrib import messages
        from django.contrib.auth import logout
        from django.contrib.auth.views import redirect_to_login
        from django.utils.translation import gettext as _

        from yichuang.accounts.roles import STAFF_ROLES
        from yichuang.accounts.scopes import roles_of

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            staff = user.is_superuser or bool(roles_of(user) & STAFF_ROLES)
            last = request.session.get(self.KEY)
            if staff and last is not None and now - last > settings.SESSION_IDLE_MINUTES_STAFF * 60:
                logout(request)
                messages.info(request, _("You were logged out after a while without activity. Please log in again."))
                return redirect_to_login(request.get_full_path())
            if last is None or now - last > 60:  # write the session at most once a minute
                request.session[self.KEY] = now
        response = self.get_response(request)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response


class UserLanguageMiddleware:
    """A logged-in person's stored language wins over the browser's, unless this browser chose one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        chosen = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if chosen and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        return self.get_response(request)


class TwoFactorMiddleware:
    """Nothing but the second step (and logging out) for a person who has one and has not passed it.

    Whether the person has a device is read once at log-in (``on_login``) and kept in the session, so
    ordinary pages cost no query; whether they must have one follows their roles on every request, so
    a role given during a session takes effect at once.
    """

    SESSION_KEY = "yichuang_two_factor_device"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.shortcuts import redirect
        from django.urls import reverse

        from yichuang.accounts import two_factor

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified():
            has_device = request.session.get(self.SESSION_KEY, False)
            if (has_device or two_factor.is_required(user)) and not self._open(request):
                target = reverse("accounts:two-factor-verify" if has_device else "accounts:two-factor-setup")
                if request.htmx:
                    from django.http import HttpResponse

                    return HttpResponse(status=204, headers={"HX-Redirect": target})
                from django.utils.http import urlencode

                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _open(request) -> bool:
        from django.urls import resolve
        from django.urls.exceptions import Resolver404

        if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True  # a 404 page reveals nothing
        return match.view_name in {"accounts:two-factor-setup", "accounts:two-factor-verify", "accounts:logout",
                                   "accounts:language", "portal:healthz"}


def on_login(sender, request, user, **kwargs):
    """Remember whether this person has a second step to pass (see ``TwoFactorMiddleware``)."""
    from yichuang.accounts import two_factor

    if request is not None and hasattr(request, "session"):
        request.session[TwoFactorMiddleware.SESSION_KEY] = two_factor.has_device(user)
