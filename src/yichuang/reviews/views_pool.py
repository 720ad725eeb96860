"""The expert pool: list, detail, create, edit, Excel import, invitations; an expert's own profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import area_paths, q_path_within
from yichuang.core.exports import Sheet, xlsx_response
from yichuang.core.forms import FAILED, ExcelUploadForm, flash_errors, submit
from yichuang.core.paging import paginate
from yichuang.kernel.chinese import to_simplified
from yichuang.people.services import invitation_link
from yichuang.places import permissions as places
from yichuang.places.models import Area
from yichuang.reviews import imports, permissions, pool
from yichuang.reviews.forms_pool import ExpertFilterForm, ExpertForm, ExpertProfileForm


def _managing(request):
    if not permissions.can_manage_pool(request.user):
        raise PermissionDenied  # a page this role never uses (404 is for objects outside one's scope)


def _form(request, instance=None):
    areas = Area.objects.filter(q_path_within("path", area_paths(request.user, Role.PROGRAM_OFFICER))).order_by("path")
    # A new expert usually belongs to the officer's own pool: their district comes first.
    initial = {"area": areas.first()} if instance is None else None
    return ExpertForm(request.POST or None, instance=instance, areas=areas, initial=initial,
                      organizations=places.visible_organizations(request.user).order_by("name_sort"))


@login_required
def expert_list(request):
    experts = permissions.pool_experts(request.user)
    if not experts.exists() and not permissions.can_manage_pool(request.user):
        raise PermissionDenied
    filters = ExpertFilterForm(request.GET or None)
    if filters.is_valid():
        text = filters.cleaned_data["q"].strip()
        if text:
            # Names are kept as typed; a query in Traditional also finds the Simplified spelling.
            variants = {text, to_simplified(text)}
            query = Q()
            for variant in variants:
                query |= Q(name__icontains=variant) | Q(employer__icontains=variant)
            experts = experts.filter(query)
        if filters.cleaned_data["domain"]:
            experts = experts.filter(domains=filters.cleaned_data["domain"])
    experts = experts.select_related("area").prefetch_related("domains", "affiliations").order_by("name_sort", "pk")
    context = {**paginate(request, experts, 25), "filters": filters, "can_manage": permissions.can_manage_pool(request.user)}
    template = "reviews/_expert_rows.html" if request.htmx else "reviews/expert_list.html"
    return render(request, template, context)


@login_required
def expert_detail(request, pk: int):
    expert = permissions.access_pool_expert(request.user, pk)
    context = {"expert": expert, "can_manage": permissions.can_manage_expert(request.user, expert),
               "rounds": expert.rounds.select_related("program").order_by("-program__year")}
    return render(request, "reviews/expert_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def expert_create(request):
    _managing(request)
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        expert = submit(form, lambda: pool.expert_create(actor=request.user, **form.service_fields()))
        if expert is not FAILED:
            messages.success(request, _("%(name)s was added to the pool.") % {"name": expert.name})
            return redirect("reviews:expert-detail", pk=expert.pk)
    return render(request, "reviews/expert_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def expert_edit(request, pk: int):
    expert = permissions.access_pool_expert(request.user, pk)
    if not permissions.can_manage_expert(request.user, expert):
        raise PermissionDenied
    form = _form(request, instance=expert)
    if request.method == "POST" and form.is_valid():
        saved = submit(form, lambda: pool.expert_update(actor=request.user, expert=expert,
                                                        version=form.cleaned_data["version"] or 0, **form.service_fields()))
        if saved is not FAILED:
            messages.success(request, _("The expert's record is saved."))
            return redirect("reviews:expert-detail", pk=expert.pk)
    return render(request, "reviews/expert_form.html", {"form": form, "expert": expert})


@login_required
@require_http_methods(["GET", "POST"])
def expert_import(request):
    _managing(request)
    form = ExcelUploadForm(request.POST or None, request.FILES or None)
    result = None
    area = Area.objects.filter(path__in=area_paths(request.user, Role.PROGRAM_OFFICER)).order_by("path").first()
    if request.method == "POST" and form.is_valid() and area is not None:
        try:
            result = imports.experts_import(actor=request.user, area=area, upload=form.cleaned_data["file"],
                                            organizations=places.visible_organizations(request.user))
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if not result.problems:
                messages.success(request, _("%(created)s experts added and %(updated)s updated.")
                                 % {"created": result.created, "updated": result.updated})
                return redirect("reviews:expert-list")
    return render(request, "reviews/expert_import.html", {"form": form, "result": result, "area": area})


@login_required
def expert_import_template(request):
    _managing(request)
    example = ["王晓明（示例）", "13912345678", "副教授", "常州大学社会工作系", "养老服务、社区建设", "", 2, 8, ""]
    return xlsx_response("experts-template.xlsx", [Sheet(title="experts", headers=imports.TEMPLATE_HEADINGS, rows=[example])])


@login_required
@require_POST
def expert_invite(request, pk: int):
    expert = permissions.access_pool_expert(request.user, pk)
    if not permissions.can_manage_expert(request.user, expert):
        raise PermissionDenied
    try:
        invitation, token = pool.expert_invite(actor=request.user, expert=expert)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("reviews:expert-detail", pk=expert.pk)
    return render(request, "people/invited.html", {"invitation": invitation, "link": invitation_link(token)})


@login_required
@require_POST
def experts_invite_all(request):
    _managing(request)
    sent = pool.experts_invite_all(actor=request.user, experts=permissions.pool_experts(request.user))
    messages.success(request, ngettext("%(n)s expert is invited; the links are sent to their mobile numbers.",
                                       "%(n)s experts are invited; the links are sent to their mobile numbers.", sent)
                     % {"n": sent} if sent else _("Every expert with a mobile number has an account or an open invitation."))
    return redirect("reviews:expert-list")


@login_required
def my_profile(request):
    """An expert keeps their own profile: domains, standing conflicts, availability."""
    expert = permissions.expert_of(request.user)
    if expert is None:
        raise PermissionDenied
    form = ExpertProfileForm(request.POST or None, instance=expert,
                             organizations=places.visible_organizations(request.user) | expert.affiliations.all())
    if request.method == "POST" and form.is_valid():
        result = submit(form, lambda: pool.expert_profile_update(
            actor=request.user, expert=expert, version=form.cleaned_data["version"] or expert.version,
            **{name: form.cleaned_data[name] for name in pool.PROFILE_FIELDS}))
        if result is not FAILED:
            messages.success(request, _("Your profile is saved."))
            return redirect("reviews:my-profile")
    return render(request, "reviews/my_profile.html", {"form": form, "expert": expert}, status=400 if form.errors else 200)
