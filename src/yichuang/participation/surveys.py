"""Needs surveys (需求调查): built by an area's keepers, opened for a period, answered once per
browser (anonymous) or once per verified resident (identified); paper questionnaires are typed in by
staff. What a question accepts and which questions a respondent sees are in ``kernel.surveys``.

Anonymous answers keep no link to a person: the browser's session is stored only as a keyed hash
(to refuse a second answer), and nothing else about the request is kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.kernel import surveys as rules
from yichuang.participation import permissions
from yichuang.participation.models import AgeGroup, Survey, SurveyQuestion, SurveyResponse


def spec(question: SurveyQuestion) -> rules.Question:
    show_if = ((str(question.show_if_question_id), question.show_if_option)
               if question.show_if_question_id is not None else None)
    return rules.Question(str(question.pk), question.kind, question.required, tuple(question.options),
                          tuple(question.rows), show_if)


def specs(survey: Survey) -> list[rules.Question]:
    return [spec(q) for q in survey.questions.all()]


def _keeper(actor, survey_or_area) -> None:
    area = getattr(survey_or_area, "area", survey_or_area)
    if not permissions.keeps_area(actor, area):
        raise PermissionDenied


def _draft(survey: Survey) -> Survey:
    locked = Survey.objects.select_for_update(of=("self",)).select_related("area").get(pk=survey.pk)
    if locked.status != Survey.Status.DRAFT:
        raise ValidationError(_("The survey is open: its questions can no longer change, so that every answer "
                                "means the same."))
    return locked


@dataclass
class SurveyText:
    area: object
    title: str
    intro: str
    mode: str
    opens_on: dt.date
    closes_on: dt.date


def _check_text(text: SurveyText) -> None:
    errors = {}
    if not text.title.strip():
        errors["title"] = _("Give the survey a title.")
    if text.closes_on < text.opens_on:
        errors["closes_on"] = _("The survey must close on or after the day it opens.")
    if text.mode not in Survey.Mode.values:
        errors["mode"] = _("Choose who answers.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def survey_create(*, actor, text: SurveyText, is_sample: bool = False) -> Survey:
    _keeper(actor, text.area)
    _check_text(text)
    survey = Survey.objects.create(area=text.area, title=text.title.strip(), intro=text.intro.strip(), mode=text.mode,
                                   opens_on=text.opens_on, closes_on=text.closes_on, key=secrets.token_urlsafe(12),
                                   created_by=actor, is_sample=is_sample)
    log_action(actor=actor, action="participation.survey.created", obj=survey, area_path=text.area.path,
               after={"title": survey.title, "mode": survey.mode})
    return survey


@dataclass
class QuestionText:
    kind: str
    text: str
    required: bool = False
    options: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    show_if_question: SurveyQuestion | None = None
    show_if_option: int | None = None


DEFINITION_MESSAGES = {
    "kind": lambda: _("Choose the kind of question."),
    "options": lambda: _("Give between 2 and %(n)s different choices, one per line.") % {"n": rules.OPTIONS_MAX},
    "rows": lambda: _("Give between 1 and %(n)s rows, one per line.") % {"n": rules.OPTIONS_MAX},
    "show_if": lambda: _("A question can depend only on an earlier one-choice or several-choice question and one of "
                         "its choices."),
}


@transaction.atomic
def question_add(*, actor, survey: Survey, question: QuestionText) -> SurveyQuestion:
    survey = _draft(survey)
    _keeper(actor, survey)
    text = question.text.strip()
    if not text:
        raise ValidationError({"text": _("Write the question.")})
    chooses = question.kind in (rules.SINGLE, rules.MULTIPLE, rules.MATRIX)
    options = tuple(o.strip() for o in question.options if o.strip()) if chooses else ()
    rows = tuple(r.strip() for r in question.rows if r.strip()) if question.kind == rules.MATRIX else ()
    depends = question.show_if_question
    if depends is not None and depends.survey_id != survey.pk:
        depends = None
    show_if = (str(depends.pk), question.show_if_option if question.show_if_option is not None else -1) if depends else None
    problem = rules.definition_problem(rules.Question("new", question.kind, question.required, options, rows, show_if),
                                       specs(survey))
    if problem:
        raise ValidationError(DEFINITION_MESSAGES[problem]())
    position = (survey.questions.aggregate(last=Max("position"))["last"] or 0) + 1
    row = SurveyQuestion.objects.create(survey=survey, position=position, kind=question.kind, text=text,
                                        required=question.required, options=list(options), rows=list(rows),
                                        show_if_question=depends, show_if_option=show_if[1] if show_if else None)
    log_action(actor=actor, action="participation.survey.question_added", obj=survey, area_path=survey.area.path,
               after={"question": text, "kind": question.kind})
    return row


@transaction.atomic
def question_remove(*, actor, question: SurveyQuestion) -> None:
    survey = _draft(question.survey)
    _keeper(actor, survey)
    if SurveyQuestion.objects.filter(show_if_question=question).exists():
        raise ValidationError(_("Another question depends on this one; remove that question first."))
    position = question.position
    question.delete()
    # Close the gap (moved one by one from the front: positions are unique at every step).
    for later in survey.questions.filter(position__gt=position).order_by("position"):
        SurveyQuestion.objects.filter(pk=later.pk).update(position=F("position") - 1)
    log_action(actor=actor, action="participation.survey.question_removed", obj=survey, area_path=survey.area.path,
               before={"question": question.text})


@transaction.atomic
def survey_open(*, actor, survey: Survey) -> Survey:
    survey = _draft(survey)
    _keeper(actor, survey)
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before opening the survey."))
    if survey.closes_on < timezone.localdate():
        raise ValidationError(_("The survey's closing day has passed; change the dates first."))
    survey.status = Survey.Status.OPEN
    survey.save(update_fields=["status"])
    log_action(actor=actor, action="participation.survey.opened", obj=survey, area_path=survey.area.path)
    return survey


@transaction.atomic
def survey_close(*, actor, survey: Survey) -> Survey:
    survey = Survey.objects.select_for_update(of=("self",)).select_related("area").get(pk=survey.pk)
    _keeper(actor, survey)
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("Only an open survey can be closed."))
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status"])
    log_action(actor=actor, action="participation.survey.closed", obj=survey, area_path=survey.area.path)
    return survey


def accepting(survey: Survey) -> bool:
    today = timezone.localdate()
    return survey.status == Survey.Status.OPEN and survey.opens_on <= today <= survey.closes_on


def session_hash(survey: Survey, session_key: str) -> str:
    """The browser's session under a key of its own: equal for a second answer from the same browser,
    and useless for finding the browser (or the person) from the stored answer."""
    key = hashlib.sha256(f"survey-session:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, f"{survey.pk}:{session_key}".encode(), hashlib.sha256).hexdigest()


@dataclass
class Respondent:
    """Who answers: a browser (anonymous), a verified resident, or staff typing a paper questionnaire."""

    session_key: str = ""
    resident: object = None
    entered_by: object = None
    community: object = None
    age_group: str = ""


def _respondent_problems(survey: Survey, who: Respondent) -> None:
    if who.entered_by is not None:
        _keeper(who.entered_by, survey)
        return
    if survey.mode == Survey.Mode.IDENTIFIED:
        if who.resident is None or not permissions.is_resident_of(who.resident, survey.area):
            raise PermissionDenied
    elif not who.session_key:
        raise ValidationError(_("Your browser keeps no cookies, so a second answer could not be told apart; allow "
                                "cookies for this site and try again."))


def response_submit(*, survey: Survey, who: Respondent, values: dict[str, list[str]],
                    is_sample: bool = False) -> SurveyResponse:
    """Check the answers against the questions and store them; a second answer from the same browser
    or resident is refused (by the database, also when two arrive at once)."""
    survey = Survey.objects.select_related("area").get(pk=survey.pk)
    if not accepting(survey):
        raise ValidationError(_("This survey is not taking answers (it runs from %(start)s to %(end)s).")
                              % {"start": survey.opens_on.isoformat(), "end": survey.closes_on.isoformat()})
    _respondent_problems(survey, who)
    questions = list(survey.questions.all())
    cleaned = rules.clean([spec(q) for q in questions], values)
    if cleaned.problems:
        texts = {str(q.pk): q for q in questions}
        raise ValidationError({key: _("Answer this question.") if problem == "required"
                               else _("This answer is not one of the choices.") for key, problem in cleaned.problems.items()
                               if key in texts})
    if who.age_group and who.age_group not in AgeGroup.values:
        raise ValidationError({"age_group": _("Choose an age group from the list.")})
    if who.community is not None and not who.community.path.startswith(survey.area.path):
        raise ValidationError({"community": _("Choose a community in the survey's area.")})
    resident = who.resident if who.entered_by is None and survey.mode == Survey.Mode.IDENTIFIED else None
    anonymous = who.entered_by is None and survey.mode == Survey.Mode.ANONYMOUS
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                survey=survey, answers=cleaned.answers, community=who.community, age_group=who.age_group,
                session_hash=session_hash(survey, who.session_key) if anonymous else None, resident=resident,
                entered_by=who.entered_by, is_sample=is_sample)
    except IntegrityError:
        raise ValidationError(_("You have already answered this survey. Thank you!")) from None
    if who.entered_by is not None:
        log_action(actor=who.entered_by, action="participation.survey.paper_entered", obj=survey,
                   area_path=survey.area.path)
    return response
