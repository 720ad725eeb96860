from django.contrib import admin

from yichuang.accounts.forms import ThrottledAdminAuthenticationForm
from yichuang.accounts.models import RoleGrant, User
from yichuang.core.admin import ReadOnlyAdmin


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    can_delete = False
    readonly_fields = ["role", "area", "organization", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "display_name", "is_active", "is_superuser", "is_sample"]
    search_fields = ["username", "display_name"]
    exclude = ["password"]
    inlines = [RoleGrantInline]


# The admin's log-in page counts failures like the site's (per account, and per address).
admin.site.login_form = ThrottledAdminAuthenticationForm

# django-otp registers admin pages for its devices that show each person's secret key and QR code and
# allow adding devices for others. Devices are managed by their owners (and reset by the operator from
# the People page, audited), never through the admin.
for _model in ("otp_totp.TOTPDevice", "otp_static.StaticDevice"):
    from django.apps import apps

    _cls = apps.get_model(_model)
    if admin.site.is_registered(_cls):
        admin.site.unregister(_cls)
