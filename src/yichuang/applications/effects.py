"""Effect codes a workflow transition may carry. Each runs inside the transition's transaction;
messages go out only after it commits (the messenger defers them)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.accounts.models import User
from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import ancestor_paths
from yichuang.applications import duplicates, screening
from yichuang.applications.documents import denormalise
from yichuang.applications.models import Application, ApplicationVersion
from yichuang.core.audit import log_action
from yichuang.kernel import applications as doc
from yichuang.notifications.messenger import Message, notify


def run(code: str, **kwargs) -> None:
    EFFECTS[code](**kwargs)


def snapshot(*, actor, application: Application, **_kwargs) -> ApplicationVersion:
    """Freeze the draft as the next version and look for near-duplicates of it."""
    number = application.versions.count() + 1
    version = ApplicationVersion.objects.create(
        application=application, number=number, document=application.draft,
        text=doc.document_text(application.draft), submitted_by=actor,
    )
    application.submitted_at = application.submitted_at or timezone.now()
    application.latest_version = version
    application.duplicate_count = len(duplicates.index_and_match(version))
    denormalise(application, version.document)
    application.save()
    return version


def run_screening(*, application: Application, **_kwargs) -> None:
    screening.screen(application)


def notify_applicant(*, application: Application, transition, reason: str, **_kwargs) -> None:
    members = User.objects.filter(grants__role=Role.ORG_MEMBER, grants__organization=application.organization_id)
    url = reverse("applications:own-detail", args=[application.pk])

    def compose(user):
        subject = _("Your application “%(title)s” is now: %(state)s") % {
            "title": application.title, "state": application.state.applicant_label,
        }
        body = reason or _("Open the application to see what happens next.")
        return Message("application.state", subject, body, url)

    notify(members, compose, kind="application.state")


def notify_officers(*, application: Application, transition, **_kwargs) -> None:
    officers = User.objects.filter(
        grants__role=Role.PROGRAM_OFFICER, grants__area__path__in=ancestor_paths(application.program.area.path))
    url = reverse("applications:staff-detail", args=[application.pk])

    def compose(user):
        subject = _("%(org)s: “%(title)s” — %(step)s") % {
            "org": application.organization.name, "title": application.title, "step": transition.label,
        }
        return Message("application.submitted", subject, _("Open the application to screen it."), url)

    notify(officers, compose, kind="application.submitted")


def open_review_round(*, actor, application: Application, **_kwargs) -> None:
    # The reviews app registers the real effect when it is installed (see register below).
    log_action(
        actor=actor, action="applications.review_round.requested", obj=application,
        area_path=application.program.area.path,
    )


EFFECTS = {
    "snapshot": snapshot,
    "run_screening": run_screening,
    "notify_applicant": notify_applicant,
    "notify_officers": notify_officers,
    "open_review_round": open_review_round,
}


def register(code: str, effect) -> None:
    """Let another app provide an effect (reviews opens review rounds), so this app never imports it."""
    EFFECTS[code] = effect
