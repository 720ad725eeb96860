"""Writes to applications other than state changes (those go through engine.application_transition)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import organization_ids
from yichuang.applications import permissions
from yichuang.applications.documents import denormalise
from yichuang.applications.locking import locked_application
from yichuang.applications.models import Application, Attachment
from yichuang.core.audit import log_action
from yichuang.core.errors import StaleEditError
from yichuang.core.uploads import check_upload
from yichuang.kernel import applications as doc
from yichuang.places.models import Area
from yichuang.programs.models import Program
from yichuang.programs.queries import withdrawn_states


@transaction.atomic
def application_start(*, actor, program: Program, organization, is_sample: bool = False) -> Application:
    if organization.pk not in organization_ids(actor, Role.ORG_MEMBER) and not actor.is_superuser:
        raise PermissionDenied
    program = Program.objects.select_for_update(of=("self",)).get(pk=program.pk)
    if not program.call_is_open():
        raise ValidationError(
            _("This call is not open for applications. The deadline was %(deadline)s.")
            % {"deadline": timezone.localtime(program.applications_close_at).strftime("%Y-%m-%d %H:%M")}
        )
    existing = Application.objects.filter(program=program, organization=organization).exclude(
        state__in=withdrawn_states(program))
    if program.one_application_per_org and existing.exists():
        raise ValidationError(_("Your organization already has an application in this program; each may send one."))
    initial = program.workflow_version.states.get(initial=True)
    sequence = Application.objects.filter(program=program).count() + 1
    application = Application.objects.create(
        program=program, organization=organization, state=initial, number=f"{program.code}-{sequence:03d}",
        draft=doc.empty_document(), created_by=actor, is_sample=is_sample,
    )
    log_action(
        actor=actor, action="applications.application.started", obj=application,
        after={"program": program.pk, "organization": organization.pk}, area_path=program.area.path,
    )
    return application


@transaction.atomic
def application_autosave(
    *, actor, application: Application, raw: dict, revision: int, community: Area | None = None, editor: str = ""
) -> tuple[Application, list]:
    """Save the working copy. Returns the application and the problems found while reading the input.

    Nothing typed is dropped: values that cannot be read are kept as typed, with a problem.
    """
    application = locked_application(application.pk, "state")
    if not permissions.is_applicant(actor, application):
        raise PermissionDenied
    if not application.state.applicant_editable:
        raise ValidationError(_("This application has been submitted and can no longer be edited."))
    same_editor = bool(editor) and editor == application.draft_editor
    if application.draft_revision != revision and not same_editor:
        raise StaleEditError()
    document, problems = doc.normalise_document(raw)
    changed = [change.path for change in doc.diff_documents(application.draft, document)]
    application.draft = document
    application.draft_revision += 1
    application.draft_saved_at = timezone.now()
    application.draft_editor = editor[:32]
    if community is not None:
        application.community = community
    if application.submitted_at is None:
        # Once submitted, lists show the submitted version; later draft edits stay private until resubmitted.
        denormalise(application, document)
    application.save()
    if changed or community is not None:
        log_action(
            actor=actor, action="applications.draft.saved", obj=application,
            after={"revision": application.draft_revision, "changed": changed[:50]},
            area_path=application.program.area.path,
        )
    return application, problems


ALLOWED_TYPES_DEFAULT = ["pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png"]


@transaction.atomic
def attachment_add(*, actor, application: Application, upload, description: str = "") -> Attachment:
    if not permissions.is_applicant(actor, application):
        raise PermissionDenied
    if not application.state.applicant_editable:
        raise ValidationError(_("This application has been submitted and can no longer be edited."))
    allowed = application.program.form_version.content.get("attachment_types") or ALLOWED_TYPES_DEFAULT
    check_upload(upload, allowed=allowed, max_mb=application.program.attachment_max_mb, field="file")
    attachment = Attachment(
        application=application, file=upload, original_name=upload.name[:200], size=upload.size,
        description=description, uploaded_by=actor,
    )
    attachment.save()
    log_action(
        actor=actor, action="applications.attachment.added", obj=application,
        after={"file": attachment.original_name, "size": attachment.size}, area_path=application.program.area.path,
    )
    return attachment


@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment) -> None:
    application = attachment.application
    if not permissions.is_applicant(actor, application) or not application.state.applicant_editable:
        raise PermissionDenied
    attachment.removed_at = timezone.now()
    attachment.save(update_fields=["removed_at"])
    log_action(
        actor=actor, action="applications.attachment.removed", obj=application,
        before={"file": attachment.original_name}, area_path=application.program.area.path,
    )
