class PermissionsPolicyMiddleware:
    """Refuse powerful browser features nobody here needs."""

    POLICY = "camera=(self), geolocation=(), microphone=(), payment=(), usb=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.POLICY)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request body above the platform's largest upload before any of it is read, with a page
    that says so (a per-program limit, lower, is checked on the file itself)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.shortcuts import render

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_MB * 1024 * 1024
        if length > limit:
            response = render(request, "413.html", {"limit_mb": settings.MAX_REQUEST_MB}, status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class DatabaseBusyMiddleware:
    """A database too busy to answer within its short wait gets a friendly 503 with Retry-After, not a
    server error: the request changed nothing (its transaction was rolled back) and can be sent again."""

    RETRY_AFTER_SECONDS = 5
    BUSY_SIGNS = ("database is locked", "database is busy", "lock timeout", "could not obtain lock",
                  "canceling statement due to lock timeout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import OperationalError
        from django.shortcuts import render

        if not isinstance(exception, OperationalError):
            return None
        if not any(sign in str(exception).lower() for sign in self.BUSY_SIGNS):
            return None
        response = render(request, "503.html", {"retry_after": self.RETRY_AFTER_SECONDS}, status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response

