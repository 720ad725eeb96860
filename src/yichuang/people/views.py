"""People pages: officers and the operator invite people, grant and revoke roles, deactivate accounts;
an invited person opens their account from the link; the operator reads the outbox."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.accounts import granting, two_factor
from yichuang.accounts.models import RoleGrant
from yichuang.accounts.roles import Role
from yichuang.accounts.services import role_grant_add, role_grant_remove, user_set_active
from yichuang.core.exports import Sheet, xlsx_response
from yichuang.core.forms import FAILED, ExcelUploadForm, run_step, submit
from yichuang.core.models import OutboxMessage
from yichuang.core.paging import paginate
from yichuang.core.uploads import download
from yichuang.people import imports, queries, registration, residents, services
from yichuang.people.forms import (
    ColleagueForm,
    InviteForm,
    JoinForm,
    ReasonForm,
    RegistrationForm,
    ResidentSignupForm,
    ScopedRoleForm,
    VerifyResidentForm,
)
from yichuang.people.models import RegistrationStatus
from yichuang.places.models import Area, Organization, OrganizationType


def _require_manager(user) -> None:
    if not granting.manages_people(user):
        raise PermissionDenied


def _person(actor, pk: int):
    """A person in the actor's scope; anyone else answers 404, like a missing one."""
    return get_object_or_404(queries.people_in_scope(actor), pk=pk)


@login_required
def people_list(request):
    _require_manager(request.user)
    text = request.GET.get("q", "")
    context = {"q": text, **paginate(request, queries.search(queries.people_in_scope(request.user), text)),
               "invitations": [i for i in queries.invitations_in_scope(request.user)[:50] if i.is_open],
               "waiting_registrations": queries.registrations_in_scope(request.user).filter(status=RegistrationStatus.WAITING).count()}
    return render(request, "people/list.html", context)


@login_required
def invite(request):
    _require_manager(request.user)
    form = InviteForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = submit(form, lambda: services.invitation_create(
            actor=request.user, display_name=data["display_name"], address=data["address"], role=data["role"],
            area=data["area"], organization=data["organization"]))
        if result is not FAILED:
            invitation, token = result
            return render(request, "people/invited.html", {"invitation": invitation,
                                                           "link": services.invitation_link(token)})
    return render(request, "people/invite.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def people_import(request):
    """Invite many people from an Excel sheet; one bad row invites nobody and every problem is listed."""
    _require_manager(request.user)
    form = ExcelUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.people_import(actor=request.user, upload=form.cleaned_data["file"])
        except ValidationError as error:  # not a workbook, no headings, too many rows
            form.add_error("file", error)
        else:
            if not result.problems:
                return render(request, "people/imported.html", {"invitations": result.invited})
    return render(request, "people/import.html", {"form": form, "result": result},
                  status=400 if form.errors or (result and result.problems) else 200)


@login_required
def people_import_template(request):
    _require_manager(request.user)
    community = Area.objects.filter(path__in=granting.managed_paths(request.user)).order_by("path").first()
    example = ["王晓明（示例）", "13912345678", str(Role.COMMUNITY_WORKER.label), community.code if community else "320412"]
    return xlsx_response("people-template.xlsx", [Sheet(title="people", headers=imports.TEMPLATE_HEADINGS, rows=[example])])


@login_required
@require_POST
def invitation_revoke(request, pk: int):
    invitation = get_object_or_404(queries.invitations_in_scope(request.user), pk=pk)
    run_step(request, lambda: services.invitation_revoke(actor=request.user, invitation=invitation),
             _("The invitation is withdrawn; its link no longer works."))
    return redirect("people:list")


def _detail(request, person, *, grant_form=None, reason_form=None, status=200):
    context = {
        "person": person, "grants": list(person.grants.all()),
        "grant_form": grant_form or ScopedRoleForm(actor=request.user),
        "reason_form": reason_form or ReasonForm(),
        "manageable": granting.may_manage_user(request.user, person),
        "two_factor_resettable": request.user.is_superuser and person.pk != request.user.pk and two_factor.has_device(person),
        "revocable": {g.pk for g in person.grants.all() if g.user_id != request.user.pk and granting.may_regrant(request.user, g)},
    }
    return render(request, "people/detail.html", context, status=status)


@login_required
def person_detail(request, pk: int):
    _require_manager(request.user)
    return _detail(request, _person(request.user, pk))


@login_required
@require_POST
def grant_add(request, pk: int):
    _require_manager(request.user)
    person = _person(request.user, pk)
    form = ScopedRoleForm(request.POST, actor=request.user)
    if form.is_valid():
        data = form.cleaned_data
        result = submit(form, lambda: role_grant_add(actor=request.user, user=person, role=data["role"], area=data["area"],
                                                     organization=data["organization"]))
        if result is not FAILED:
            messages.success(request, _("The role is given."))
            return redirect("people:detail", pk=person.pk)
    return _detail(request, person, grant_form=form, status=400)


@login_required
@require_POST
def grant_remove(request, pk: int, grant_pk: int):
    _require_manager(request.user)
    person = _person(request.user, pk)
    grant = get_object_or_404(RoleGrant.objects.select_related("area", "organization__area"), pk=grant_pk, user=person)
    if not granting.may_regrant(request.user, grant):
        raise Http404
    reason = request.POST.get("reason", "").strip()
    if not reason:
        messages.error(request, _("Give the reason for taking the role away; it is kept in the history."))
    else:
        run_step(request, lambda: role_grant_remove(actor=request.user, grant=grant, reason=reason), _("The role is taken away."))
    return redirect("people:detail", pk=person.pk)


@login_required
@require_POST
def set_active(request, pk: int):
    _require_manager(request.user)
    person = _person(request.user, pk)
    active = request.POST.get("active") == "1"
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _detail(request, person, reason_form=form, status=400)
    try:
        user_set_active(actor=request.user, user=person, active=active, reason=form.cleaned_data["reason"])
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        form.add_error(None, error)
        return _detail(request, person, reason_form=form, status=400)
    messages.success(request, _("The account is active again.") if active else
                     _("The account is deactivated: it can no longer log in, and its history is kept."))
    return redirect("people:detail", pk=person.pk)


@login_required
@require_POST
def two_factor_reset(request, pk: int):
    """The operator clears a person's second step (lost phone, no recovery code left), with a reason."""
    if not request.user.is_superuser:
        raise Http404
    person = _person(request.user, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _detail(request, person, reason_form=form, status=400)
    run_step(request, lambda: two_factor.two_factor_reset(actor=request.user, user=person, reason=form.cleaned_data["reason"]),
             _("Two-step sign-in is reset: the person sets up their app again at their next log-in."))
    return redirect("people:detail", pk=person.pk)


def join(request, token: str):
    """The invitation link: open an account, or add the role to the account logged in."""
    try:
        invitation = services.invitation_for(token)
    except ValidationError as error:
        return render(request, "people/join_closed.html", {"message": error.messages[0]}, status=410)
    form = JoinForm(request.POST or None, initial={"display_name": invitation.display_name})
    if request.method == "POST" and request.POST.get("link") == "1" and request.user.is_authenticated:
        if run_step(request, lambda: services.invitation_accept_existing(actor=request.user, token=token),
                    _("The role is added to your account.")):
            return redirect("portal:home")
        return redirect("people:join", token=token)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = submit(form, lambda: services.invitation_accept(
            token=token, username=data["username"], password=data["password1"], display_name=data["display_name"]))
        if user is not FAILED:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready; log in next time with your user name and password."))
            return redirect("portal:home")
    return render(request, "people/join.html", {"invitation": invitation, "form": form}, status=400 if form.errors else 200)


@login_required
def outbox(request):
    """What the outbox channel kept instead of sending: the operator's view (demo and tests read it)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    return render(request, "people/outbox.html", paginate(request, OutboxMessage.objects.all()))


def register_organization(request):
    """The public form: an organization asks to be registered, with its certificate."""
    with_account = not request.user.is_authenticated
    form = RegistrationForm(request.POST or None, request.FILES or None, with_account=with_account)
    if request.method == "POST" and form.is_valid():
        result = submit(form, lambda: registration.registration_submit(
            actor=request.user, account=form.account(), data=form.organization_data(),
            certificate=form.cleaned_data["certificate"]))
        if result is not FAILED:
            if with_account:
                login(request, result.requested_by, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Thank you. The program officer of the area checks your registration against "
                                        "the certificate; you will find the answer on your workspace."))
            return redirect("portal:home")
    if form.is_bound and "certificate" not in form.errors and request.FILES.get(form.add_prefix("certificate")):
        form.add_error("certificate", _("Choose the certificate file again: files are not kept when the form has a mistake."))
    return render(request, "people/register.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def registrations(request):
    _require_manager(request.user)
    rows = queries.registrations_in_scope(request.user)
    return render(request, "people/registrations.html", paginate(request, rows))


def _registration(request, pk: int):
    _require_manager(request.user)
    return get_object_or_404(queries.registrations_in_scope(request.user), pk=pk)


@login_required
def registration_detail(request, pk: int):
    item = _registration(request, pk)
    return render(request, "people/registration.html", {"item": item, "type_label": OrganizationType(item.org_type).label})


@login_required
@require_POST
def registration_decide(request, pk: int):
    item = _registration(request, pk)
    if request.POST.get("verify") == "1":
        run_step(request, lambda: registration.registration_verify(actor=request.user, registration=item),
                 _("Verified: the organization is recorded and its registrant is its first member."))
    else:
        run_step(request, lambda: registration.registration_reject(actor=request.user, registration=item,
                                                                   reason=request.POST.get("reason", "")),
                 _("Rejected; the organization is told why."))
    return redirect("people:registration", pk=item.pk)


@login_required
def registration_certificate(request, pk: int):
    item = _registration(request, pk)
    return download(item.certificate, item.certificate_name or "certificate")


def resident_signup(request):
    """The public sign-up of a resident; a community worker verifies them at the service point."""
    form = ResidentSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        signup = submit(form, lambda: residents.resident_sign_up(phone=data["phone"], display_name=data["display_name"],
                                                                 password=data["password1"], community=data["community"]))
        if signup is not FAILED:
            login(request, signup.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account is open. Show your identity card at your community's service point "
                                        "to be verified as a resident; then you can vote."))
            return redirect("portal:home")
    return render(request, "people/resident_signup.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def resident_signups(request):
    if not granting.verifies_residents(request.user):
        raise PermissionDenied
    return render(request, "people/resident_signups.html", {"signups": list(residents.signups_to_verify(request.user)[:100]),
                                                            "verify_form": VerifyResidentForm()})


@login_required
@require_POST
def resident_decide(request, pk: int):
    signup = get_object_or_404(residents.signups_to_verify(request.user), pk=pk)
    if request.POST.get("verify") == "1":
        run_step(request, lambda: residents.resident_verify(actor=request.user, signup=signup,
                                                            method=request.POST.get("method", ""),
                                                            note=request.POST.get("note", "")),
                 _("Verified: %(name)s is a resident of %(community)s.") % {"name": signup.user, "community": signup.community.name})
    else:
        run_step(request, lambda: residents.resident_reject(actor=request.user, signup=signup,
                                                            reason=request.POST.get("reason", "")),
                 _("Not verified; the person is told why."))
    return redirect("people:residents")


@login_required
def colleagues(request):
    """A member's organizations, their members, and invitations of colleagues."""
    own = Organization.objects.filter(pk__in=granting.colleague_organizations(request.user)).order_by("name_sort")
    if not own:
        raise PermissionDenied
    form = ColleagueForm(request.POST or None, organizations=own)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = submit(form, lambda: services.invitation_create(
            actor=request.user, display_name=data["display_name"], address=data["address"], role=data["role"],
            organization=data["organization"]))
        if result is not FAILED:
            invitation, token = result
            return render(request, "people/invited.html", {"invitation": invitation, "link": services.invitation_link(token),
                                                           "back": "people:colleagues"})
    members = RoleGrant.objects.filter(role=Role.ORG_MEMBER, organization__in=own).select_related("user", "organization")
    admins = set(RoleGrant.objects.filter(role=Role.ORG_ADMIN, organization__in=own).values_list("user_id", "organization_id"))
    rows = [(grant, (grant.user_id, grant.organization_id) in admins) for grant in members.order_by("organization__name_sort", "id")]
    return render(request, "people/colleagues.html", {"form": form, "members": rows}, status=400 if form.errors else 200)
