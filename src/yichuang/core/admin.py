from django.contrib import admin

from yichuang.core.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """The admin is for looking only: every write goes through a service function and its audit row."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["object_repr", "action"]
