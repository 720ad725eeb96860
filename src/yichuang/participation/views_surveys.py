"""Needs survey pages: the keepers' list, building a survey, its link and QR code, answering it (on a
phone, anonymously or as a verified resident), typing in paper questionnaires, and the results."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.accounts import throttle
from yichuang.core.exports import Sheet, xlsx_response
from yichuang.core.forms import FAILED, apply_validation_error, run_step, submit
from yichuang.core.paging import paginate
from yichuang.core.qr import qr_svg_response
from yichuang.participation import permissions, queries, surveys
from yichuang.participation.forms import HumanCheckForm, QuestionForm, RespondentForm, SurveyForm
from yichuang.participation.models import AgeGroup, Survey, SurveyQuestion
from yichuang.places.models import Area


def _keeper_areas(user):
    from yichuang.accounts.scopes import q_path_within

    return Area.objects.filter(q_path_within("path", permissions.keeper_paths(user))).select_related("parent").order_by("path")


@login_required
def survey_list(request):
    if not permissions.may_post(request.user):
        raise Http404
    rows = permissions.kept_surveys(request.user).select_related("area")
    return render(request, "participation/survey_list.html", paginate(request, rows, per_page=50))


@login_required
def survey_new(request):
    if not permissions.may_post(request.user):
        raise Http404
    form = SurveyForm(request.POST or None, areas=_keeper_areas(request.user))
    if request.method == "POST" and form.is_valid():
        row = submit(form, lambda: surveys.survey_create(actor=request.user, text=form.text()))
        if row is not FAILED:
            messages.success(request, _("Survey created. Add its questions, then open it."))
            return redirect("participation:survey", row.pk)
    return render(request, "participation/survey_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def survey(request, pk: int):
    row = permissions.access_kept_survey(request.user, pk)
    form = QuestionForm(request.POST or None, survey=row)
    if request.method == "POST":
        if form.is_valid():
            done = submit(form, lambda: surveys.question_add(actor=request.user, survey=row, question=form.question()))
            if done is not FAILED:
                messages.success(request, _("Question added."))
                return redirect("participation:survey", row.pk)
    public_url = request.build_absolute_uri(reverse("participation:survey-answer", args=[row.key]))
    return render(request, "participation/survey.html", {
        "survey": row, "questions": list(row.questions.select_related("show_if_question")), "form": form,
        "public_url": public_url, "responses": row.responses.count(), "accepting": surveys.accepting(row)},
        status=400 if form.errors else 200)


@login_required
@require_POST
def question_remove(request, pk: int):
    question = get_object_or_404(SurveyQuestion.objects.select_related("survey__area"), pk=pk)
    if not permissions.keeps(request.user, question.survey):
        raise Http404
    run_step(request, lambda: surveys.question_remove(actor=request.user, question=question), _("Question removed."))
    return redirect("participation:survey", question.survey_id)


@login_required
@require_POST
def survey_open(request, pk: int):
    row = permissions.access_kept_survey(request.user, pk)
    run_step(request, lambda: surveys.survey_open(actor=request.user, survey=row),
             _("The survey is open. Share its link or QR code."))
    return redirect("participation:survey", row.pk)


@login_required
@require_POST
def survey_close(request, pk: int):
    row = permissions.access_kept_survey(request.user, pk)
    run_step(request, lambda: surveys.survey_close(actor=request.user, survey=row), _("The survey is closed."))
    return redirect("participation:survey", row.pk)


@login_required
def survey_qr(request, pk: int):
    row = permissions.access_kept_survey(request.user, pk)
    return qr_svg_response(request, reverse("participation:survey-answer", args=[row.key]), row.title)


def _values(request) -> dict[str, list[str]]:
    return {name: request.POST.getlist(name) for name in request.POST if name[:1].isdigit()}


def _items(questions, given: dict[str, list[str]], errors: dict[str, str]) -> list[dict]:
    """What the answer page draws for each question, with what was typed before an error."""
    items = []
    for q in questions:
        mine = given.get(str(q.pk), [])
        item = {"q": q, "error": errors.get(str(q.pk), ""), "text": "\n".join(mine),
                "options": [(i, label, str(i) in mine) for i, label in enumerate(q.options)],
                "scale": [(p, str(p) in mine) for p in (1, 2, 3, 4, 5)],
                "rows": [(r, label, [(i, option, str(i) in given.get(f"{q.pk}-{r}", [])) for i, option in enumerate(q.options)])
                         for r, label in enumerate(q.rows)]}
        if q.show_if_question_id:
            item["show_if"] = (q.show_if_question.text, q.show_if_answer)
        items.append(item)
    return items


def _answer(request, row: Survey, who: surveys.Respondent, *, human: HumanCheckForm | None, template_extra: dict):
    """The answer form, and its submission: the answers are checked by the service, the respondent
    details by their form; everything typed comes back on any error."""
    respondent = RespondentForm(request.POST or None, survey=row)
    errors = {}
    if request.method == "POST":
        checks_ok = respondent.is_valid() & (human.is_valid() if human is not None else True)
        if checks_ok:
            who.community = respondent.cleaned_data["community"]
            who.age_group = respondent.cleaned_data["age_group"]
            try:
                surveys.response_submit(survey=row, who=who, values=_values(request))
                return None
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    errors = {key: value[0].messages[0] for key, value in error.error_dict.items()}
                    apply_validation_error(respondent, ValidationError(
                        {k: v for k, v in error.error_dict.items() if k in respondent.fields}))
                else:
                    errors = {"": " ".join(error.messages)}
    questions = list(row.questions.select_related("show_if_question"))
    given = _values(request) if request.method == "POST" else {}
    return render(request, "participation/survey_answer.html", {
        "survey": row, "items": _items(questions, given, errors), "respondent": respondent, "human": human,
        "form_error": errors.get(""), "accepting": surveys.accepting(row), **template_extra},
        status=400 if request.method == "POST" else 200)


def survey_answer(request, key: str):
    """The public page a link or QR code opens: anonymous answers once per browser; identified
    surveys ask for a log-in as a verified resident of the area."""
    row = get_object_or_404(Survey.objects.select_related("area").exclude(status=Survey.Status.DRAFT), key=key)
    if row.mode == Survey.Mode.IDENTIFIED:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        if not permissions.is_resident_of(request.user, row.area):
            raise PermissionDenied
        who, human = surveys.Respondent(resident=request.user), None
    else:
        if not request.session.session_key:
            request.session.save()  # a browser gets its session before it answers
        if request.method == "POST" and throttle.count(
                f"survey:{row.pk}:{throttle.client_address(request)}", 3600) > settings.SURVEY_ANSWERS_PER_ADDRESS_PER_HOUR:
            messages.error(request, _("Too many answers came from your network in the last hour; try again later."))
            return redirect("participation:survey-answer", row.key)
        who, human = surveys.Respondent(session_key=request.session.session_key), HumanCheckForm(request.POST or None)
    page = _answer(request, row, who, human=human, template_extra={"paper": False})
    if page is None:
        return redirect("participation:survey-thanks", row.key)
    return page


def survey_thanks(request, key: str):
    row = get_object_or_404(Survey.objects.exclude(status=Survey.Status.DRAFT), key=key)
    return render(request, "participation/survey_thanks.html", {"survey": row})


@login_required
def survey_paper(request, pk: int):
    """Staff type in a paper questionnaire, one after another (marked as entered from paper)."""
    row = permissions.access_kept_survey(request.user, pk)
    page = _answer(request, row, surveys.Respondent(entered_by=request.user), human=None,
                   template_extra={"paper": True})
    if page is None:
        messages.success(request, _("Saved. The form is ready for the next questionnaire."))
        return redirect("participation:survey-paper", row.pk)
    return page


@login_required
def survey_results(request, pk: int):
    row = permissions.access_kept_survey(request.user, pk)
    community = request.GET.get("community", "")
    age_group = request.GET.get("age_group", "")
    responses = queries.survey_responses(row, community=int(community) if community.isdigit() else None,
                                         age_group=age_group if age_group in AgeGroup.values else "")
    if request.GET.get("export") == "xlsx":
        header, rows = queries.survey_export_rows(row, responses)
        return xlsx_response(f"survey-{row.pk}.xlsx", [Sheet(_("Answers"), header, rows)])
    communities = Area.objects.filter(pk__in=row.responses.exclude(community=None).values("community")).order_by("path")
    return render(request, "participation/survey_results.html", {
        "survey": row, "results": queries.survey_results(row, responses), "count": responses.count(),
        "communities": communities, "community": community, "age_group": age_group, "age_groups": AgeGroup.choices,
        "query": request.GET.urlencode()})
