class PermissionsPolicyMiddleware:
    """Refuse powerful browser features nobody here needs."""

    POLICY = "camera=(self), geolocation=(), microphone=(), payment=(), usb=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.POLICY)
        return response
