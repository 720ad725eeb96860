from django.contrib import admin

from yichuang.core.admin import ReadOnlyAdmin
from yichuang.places.models import Area, CreditFlag, Organization, ServiceDomain


@admin.register(Area)
class AreaAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "code_official"]
    search_fields = ["code", "name"]
    list_filter = ["level"]


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ["name", "org_type", "uscc", "area", "is_sample"]
    search_fields = ["name", "uscc"]
    list_filter = ["org_type", "is_sample"]
    list_select_related = ["area"]


admin.site.register(ServiceDomain, ReadOnlyAdmin)
admin.site.register(CreditFlag, ReadOnlyAdmin)
