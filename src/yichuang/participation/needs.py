"""Needs: what a community needs, with the evidence, raised from a survey finding, a residents' topic
or a meeting's action item by a keeper of the community. Needs are public (they name no resident):
officers read them by service domain when they set up a program, and applicants cite them."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yichuang.accounts.scopes import path_within
from yichuang.applications.services import application_autosave
from yichuang.core.audit import log_action
from yichuang.core.errors import StaleEditError
from yichuang.kernel.applications import SCALAR_SPECS
from yichuang.kernel.personal import personal_data
from yichuang.participation import permissions
from yichuang.participation.models import ActionItem, Need, NeedCitation, SurveyQuestion, Topic

NEED_EVIDENCE_MAX = SCALAR_SPECS["need_evidence"].max_length


@dataclass
class NeedSource:
    """Exactly one of these: where the need was found."""

    survey_question: SurveyQuestion | None = None
    topic: Topic | None = None
    action: ActionItem | None = None

    @property
    def kind(self) -> str:
        if self.survey_question is not None:
            return Need.Source.SURVEY
        return Need.Source.TOPIC if self.topic is not None else Need.Source.ACTION

    @property
    def area(self):
        if self.survey_question is not None:
            return self.survey_question.survey.area
        return self.topic.area if self.topic is not None else self.action.meeting.area


@transaction.atomic
def need_raise(*, actor, source: NeedSource, area, title: str, evidence: str, domain=None,
               as_project: bool = False, is_sample: bool = False) -> Need:
    """A keeper records a need of a community in their care, from something residents said."""
    given = [s for s in (source.survey_question, source.topic, source.action) if s is not None]
    if len(given) != 1:
        raise ValidationError(_("A need is raised from one survey question, topic or action item."))
    if not permissions.keeps_area(actor, area) or not path_within(area.path, [source.area.path]):
        raise PermissionDenied
    errors = {}
    if not title.strip():
        errors["title"] = _("Name the need in a few words.")
    if not evidence.strip():
        errors["evidence"] = _("Give the evidence: what residents said, and how many.")
    elif personal_data(evidence):
        errors["evidence"] = _("Needs are public: remove phone numbers, ID numbers and door numbers from the evidence.")
    if errors:
        raise ValidationError(errors)
    need = Need.objects.create(area=area, domain=domain, title=title.strip()[:100], evidence=evidence.strip()[:2000],
                               source=source.kind, survey_question=source.survey_question, topic=source.topic,
                               action=source.action, as_project=as_project, created_by=actor, is_sample=is_sample)
    log_action(actor=actor, action="participation.need.raised", obj=need, area_path=area.path,
               after={"title": need.title, "source": need.source, "as_project": as_project})
    return need


@transaction.atomic
def need_cite(*, actor, need: Need, application, link: str = "") -> NeedCitation:
    """An applicant cites a need in an application still open to them: the need, where it came from and
    its evidence are added to the application's evidence of need (saved like their own typing, so its
    history shows it), and the need counts the citation. Once per need and application."""
    if NeedCitation.objects.filter(need=need, application=application).exists():
        raise ValidationError(_("This application already cites this need."))
    draft = dict(application.draft)
    cited = _("Community need “%(title)s” (%(community)s, from %(source)s, %(day)s): %(evidence)s") % {
        "title": need.title, "community": need.area.name, "source": need.get_source_display(),
        "day": need.created_at.date().isoformat(), "evidence": need.evidence}
    if link:
        cited += f" {link}"
    existing = (draft.get("need_evidence") or "").strip()
    combined = f"{existing}\n\n{cited}" if existing else cited
    if len(combined) > NEED_EVIDENCE_MAX:
        raise ValidationError(_("The application's evidence of need has no room left for this need; shorten it "
                                "first."))
    draft["need_evidence"] = combined
    try:
        application_autosave(actor=actor, application=application, raw=draft, revision=application.draft_revision)
    except StaleEditError:
        raise ValidationError(_("The application was being edited at the same moment; try again.")) from None
    citation = NeedCitation.objects.create(need=need, application=application, cited_by=actor)
    log_action(actor=actor, action="participation.need.cited", obj=need, area_path=need.area.path,
               after={"application": application.pk})
    return citation
