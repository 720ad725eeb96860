"""Who may see and act on applications. Drafts belong to their organization alone: staff see an
application only once it has been submitted. Outside one's scope everything answers 404."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import organization_ids
from yichuang.applications.models import Application, Objection, PublicNotice
from yichuang.programs.permissions import can_manage_program, staff_programs


def staff_applications(user) -> QuerySet[Application]:
    return Application.objects.filter(program__in=staff_programs(user), submitted_at__isnull=False)


def own_applications(user) -> QuerySet[Application]:
    return Application.objects.filter(organization__in=organization_ids(user, Role.ORG_MEMBER))


# Higher apps add who else may read an application (the reviews app: its assigned, unconflicted experts).
_READERS = []


def register_reader(readable) -> None:
    """``readable(user)`` returns a queryset with an ``application_id`` column: what that user may also read."""
    _READERS.append(readable)


def access_readable_application(user, pk) -> Application:
    """The application if ``user`` may read it (staff in scope, its own organization, a registered
    reader such as an assigned expert); 404 otherwise, exactly as for a missing one."""
    sources = [staff_applications(user), own_applications(user)]
    found = any(source.filter(pk=pk).exists() for source in sources) or any(
        readable(user).filter(application_id=pk).exists() for readable in _READERS)
    if not found:
        raise Http404
    return get_object_or_404(Application.objects.select_related("program__area", "organization"), pk=pk)


def access_staff_application(user, pk) -> Application:
    return get_object_or_404(
        staff_applications(user).select_related("program", "program__area", "organization", "state"), pk=pk
    )


def access_own_application(user, pk) -> Application:
    return get_object_or_404(
        own_applications(user).select_related("program", "program__area", "organization", "state"), pk=pk
    )


def roles_on(user, application: Application) -> set[str]:
    """The workflow roles ``user`` holds on this application (the platform operator holds both)."""
    if getattr(user, "is_superuser", False):
        return {Role.ORG_MEMBER.value, Role.PROGRAM_OFFICER.value}
    roles = set()
    if application.organization_id in organization_ids(user, Role.ORG_MEMBER):
        roles.add(Role.ORG_MEMBER.value)
    if can_manage_program(user, application.program):
        roles.add(Role.PROGRAM_OFFICER.value)
    return roles


@rules.predicate
def is_officer(user, application: Application) -> bool:
    return Role.PROGRAM_OFFICER.value in roles_on(user, application)


@rules.predicate
def is_applicant(user, application: Application) -> bool:
    return Role.ORG_MEMBER.value in roles_on(user, application)


def applying_organizations(user):
    """Organizations this user may apply for (one fact, kept with the call pages' queries)."""
    from yichuang.programs.queries import applying_organizations as organizations

    return organizations(user)


def access_managed_notice(user, pk) -> PublicNotice:
    """A notice the user manages: 404 outside their programs, 403 for a reader (auditor, supervisor)."""
    notice = get_object_or_404(PublicNotice.objects.select_related("program__area").filter(program__in=staff_programs(user)), pk=pk)
    if not can_manage_program(user, notice.program):
        raise PermissionDenied
    return notice


def access_objection(user, pk, *, notice_pk=None) -> Objection:
    """An objection in the user's programs (404 otherwise), whoever may read it."""
    objections = Objection.objects.select_related("notice__program__area").filter(notice__program__in=staff_programs(user))
    if notice_pk is not None:
        objections = objections.filter(notice_id=notice_pk)
    return get_object_or_404(objections, pk=pk)


def access_managed_objection(user, notice_pk, pk) -> Objection:
    objection = access_objection(user, pk, notice_pk=notice_pk)
    if not can_manage_program(user, objection.notice.program):
        raise PermissionDenied
    return objection


rules.add_perm("applications.screen_application", is_officer)
rules.add_perm("applications.edit_application", is_applicant)
