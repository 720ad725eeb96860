from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yichuang.core.forms import FAILED, submit
from yichuang.core.paging import paginate
from yichuang.places import permissions, queries, services
from yichuang.places.forms import (
    AreaCreateForm,
    AreaEditForm,
    CreditFlagForm,
    CreditFlagRemoveForm,
    OrganizationFilterForm,
    OrganizationForm,
)
from yichuang.places.models import Area, CreditFlag


@login_required
def area_list(request):
    if not permissions.can_browse_areas(request.user):
        raise PermissionDenied
    return render(request, "places/area_list.html", {"tree": queries.area_tree(request.user)})


@login_required
def area_detail(request, pk: int):
    area = permissions.access_area(request.user, pk)
    organizations = queries.organization_list(request.user, area=area)
    context = {
        **paginate(request, organizations, 20),
        "area": area,
        "breadcrumbs": queries.breadcrumbs(area),
        "visible_area_ids": queries.visible_ancestor_ids(request.user, area),
        "children": list(permissions.visible_areas(request.user).filter(parent=area).order_by("code")),
        "can_manage": permissions.can_manage_area(request.user, area),
        "can_create_organization": permissions.can_create_organization(request.user, area),
    }
    return render(request, "places/area_detail.html", context)


def _managed_area(request, pk: int) -> Area:
    area = permissions.access_area(request.user, pk)
    if not permissions.can_manage_area(request.user, area):
        raise PermissionDenied
    return area


@login_required
@require_http_methods(["GET", "POST"])
def area_create(request, parent_pk: int):
    parent = _managed_area(request, parent_pk)
    form = AreaCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        area = submit(form, lambda: services.area_create(actor=request.user, parent=parent, **form.cleaned_data))
        if area is not FAILED:
            messages.success(request, _("The area “%(name)s” was created.") % {"name": area.name})
            return redirect("places:area-detail", pk=area.pk)
    return render(request, "places/area_form.html", {"form": form, "parent": parent})


@login_required
@require_http_methods(["GET", "POST"])
def area_edit(request, pk: int):
    area = _managed_area(request, pk)
    initial = {"name": area.name, "code_official": area.code_official, "version": area.version}
    form = AreaEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit(
            form,
            lambda: services.area_update(
                actor=request.user,
                area=area,
                name=data["name"],
                code_official=data["code_official"],
                expected_version=data["version"],
            ),
        )
        if saved is not FAILED:
            messages.success(request, _("Your changes were saved."))
            return redirect("places:area-detail", pk=area.pk)
    return render(request, "places/area_form.html", {"form": form, "area": area})


@login_required
def organization_list(request):
    if not permissions.can_list_organizations(request.user):
        raise PermissionDenied
    filters = OrganizationFilterForm(request.GET or None)
    text = org_type = ""
    if filters.is_valid():
        text, org_type = filters.cleaned_data["q"], filters.cleaned_data["org_type"]
    organizations = queries.organization_list(request.user, text=text, org_type=org_type)
    context = {
        **paginate(request, organizations, 25),
        "filters": filters,
        "can_create": permissions.can_create_organization(request.user),
    }
    template = "places/_organization_rows.html" if request.htmx else "places/organization_list.html"
    return render(request, template, context)


@login_required
def organization_detail(request, pk: int):
    organization = permissions.access_organization(request.user, pk)
    context = {
        "organization": organization,
        **queries.organization_detail(organization),
        "can_edit": permissions.can_edit_organization(request.user, organization),
        "can_officiate": permissions.can_officiate_organization(request.user, organization),
        "can_read_history": permissions.can_read_history(request.user, organization.area.path),
        "area_visible": permissions.visible_areas(request.user).filter(pk=organization.area_id).exists(),
    }
    return render(request, "places/organization_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request):
    if not permissions.can_create_organization(request.user):
        raise PermissionDenied
    initial = {"area": request.GET["area"]} if request.GET.get("area") else {}
    areas = permissions.visible_areas(request.user).order_by("path")
    form = OrganizationForm(request.POST or None, initial=initial, areas=areas)
    if request.method == "POST" and form.is_valid():
        if not permissions.can_create_organization(request.user, form.cleaned_data["area"], form.cleaned_data["org_type"]):
            form.add_error("area", _("You may not file an organization of this type in this area."))
        else:
            organization = submit(form, lambda: services.organization_create(actor=request.user, data=form.service_data()))
            if organization is not FAILED:
                messages.success(request, _("The organization “%(name)s” was created.") % {"name": organization.name})
                return redirect("places:organization-detail", pk=organization.pk)
    return render(request, "places/organization_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request, pk: int):
    organization = permissions.access_organization(request.user, pk)
    if not permissions.can_edit_organization(request.user, organization):
        raise PermissionDenied
    member_only = not permissions.can_officiate_organization(request.user, organization)
    # Members cannot move their organization; the disabled area field still needs its own value to be valid.
    areas = (
        Area.objects.filter(pk=organization.area_id)
        if member_only
        else permissions.visible_areas(request.user).order_by("path")
    )
    form = OrganizationForm(
        request.POST or None, initial=OrganizationForm.initial_for(organization), areas=areas, member_only=member_only
    )
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.organization_update(
                actor=request.user,
                organization=organization,
                data=form.service_data(),
                expected_version=form.cleaned_data.get("version") or 0,
            ),
        )
        if saved is not FAILED:
            messages.success(request, _("Your changes were saved."))
            return redirect("places:organization-detail", pk=organization.pk)
    return render(request, "places/organization_form.html", {"form": form, "organization": organization})


def _officiated_organization(request, pk: int):
    organization = permissions.access_organization(request.user, pk)
    if not permissions.can_officiate_organization(request.user, organization):
        raise PermissionDenied
    return organization


@login_required
@require_http_methods(["GET", "POST"])
def credit_flag_add(request, pk: int):
    organization = _officiated_organization(request, pk)
    form = CreditFlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        flag = submit(
            form, lambda: services.credit_flag_add(actor=request.user, organization=organization, **form.cleaned_data)
        )
        if flag is not FAILED:
            messages.success(request, _("The credit flag was recorded."))
            return redirect("places:organization-detail", pk=organization.pk)
    return render(request, "places/credit_flag_form.html", {"form": form, "organization": organization})


@login_required
@require_http_methods(["GET", "POST"])
def credit_flag_remove(request, pk: int, flag_pk: int):
    organization = _officiated_organization(request, pk)
    flag = get_object_or_404(CreditFlag, pk=flag_pk, organization=organization, removed_on__isnull=True)
    form = CreditFlagRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        removed = submit(form, lambda: services.credit_flag_remove(actor=request.user, flag=flag, **form.cleaned_data))
        if removed is not FAILED:
            messages.success(request, _("The organization was marked as removed from the list."))
            return redirect("places:organization-detail", pk=organization.pk)
    context = {"form": form, "organization": organization, "flag": flag}
    return render(request, "places/credit_flag_form.html", context)
