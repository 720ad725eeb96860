"""Community needs: the public list by community and service domain, and raising one from a survey
finding, a topic or a meeting's action item (keepers)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.forms import FAILED, run_step, submit
from yichuang.core.paging import paginate
from yichuang.participation import meeting_queries, needs, permissions, queries
from yichuang.participation.meeting_forms import NeedForm
from yichuang.participation.models import SurveyQuestion
from yichuang.participation.permissions import citable_applications
from yichuang.places.models import Area, AreaLevel, ServiceDomain


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def need_list(request):
    """Public: needs residents raised, newest first, by community, domain, or those proposed as projects."""
    area = Area.objects.filter(pk=_int(request.GET.get("community", "")), level=AreaLevel.COMMUNITY).first()
    domain = ServiceDomain.objects.filter(pk=_int(request.GET.get("domain", ""))).first()
    rows = meeting_queries.needs(area=area, domain=domain, as_project=request.GET.get("projects") == "1").annotate(
        cited=Count("citations")).order_by("-created_at", "-pk")
    action = _int(request.GET.get("action", ""))
    if action:
        rows = rows.filter(action_id=action)
    return render(request, "participation/need_list.html", {
        **paginate(request, rows, per_page=30), "area": area, "domain": domain, "domains": ServiceDomain.objects.all(),
        "communities": Area.objects.filter(pk__in=meeting_queries.needs().values("area")).order_by("path"),
        "projects": request.GET.get("projects") == "1",
        "citable": list(citable_applications(request.user).select_related("program").order_by("-pk")[:20])})


def _source(request, user) -> tuple[needs.NeedSource, str, str]:
    """The source named in the query, if the viewer keeps it, with a suggested title and evidence."""
    if (question_id := _int(request.GET.get("question", ""))) is not None:
        question = SurveyQuestion.objects.select_related("survey__area").filter(
            survey__in=permissions.kept_surveys(user), pk=question_id).first()
        if question is not None:
            survey = question.survey
            result = next(r for r in queries.survey_results(survey, survey.responses.all()) if r.question.pk == question.pk)
            return needs.NeedSource(survey_question=question), question.text[:100], queries.finding(survey, result)
    if (topic_id := _int(request.GET.get("topic", ""))) is not None:
        topic = permissions.visible_topics(user).select_related("area").filter(pk=topic_id).first()
        if topic is not None and permissions.keeps_area(user, topic.area):
            evidence = _("Topic put forward by residents: “%(title)s”, followed by %(n)s neighbours. %(body)s") % {
                "title": topic.title, "n": topic.followers, "body": topic.body}
            return needs.NeedSource(topic=topic), topic.title, evidence
    if (action_id := _int(request.GET.get("action", ""))) is not None:
        action = permissions.access_kept_action(user, action_id)
        meeting = action.meeting
        evidence = _("Action item of the meeting “%(meeting)s” (%(day)s): %(action)s. Resolution: %(resolution)s") % {
            "meeting": meeting.title, "day": meeting.starts_at.date().isoformat(), "action": action.title,
            "resolution": meeting.resolution}
        return needs.NeedSource(action=action), action.title[:100], evidence[:2000]
    raise Http404


@login_required
def need_new(request):
    user = request.user
    source, title, evidence = _source(request, user)
    area = source.area  # a street-wide survey's finding is a need of the street
    form = NeedForm(request.POST or None, initial={"title": title, "evidence": evidence})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        row = submit(form, lambda: needs.need_raise(actor=user, source=source, area=area, title=data["title"],
                                                    evidence=data["evidence"], domain=data["domain"],
                                                    as_project=data["as_project"]))
        if row is not FAILED:
            messages.success(request, _("The need is recorded and public. Officers see it by service domain."))
            return redirect(reverse("participation:need-list") + f"#need-{row.pk}")
    return render(request, "participation/need_form.html", {"form": form, "source": source, "area": area},
                  status=400 if form.errors else 200)



@login_required
@require_POST
def need_cite(request, pk: int):
    """An applicant cites a need in one of their applications still open to them."""
    need = get_object_or_404(meeting_queries.needs(), pk=pk)
    application = citable_applications(request.user).filter(pk=_int(request.POST.get("application", ""))).first()
    if application is None:
        messages.error(request, _("Choose one of your applications that can still be edited."))
        return redirect(reverse("participation:need-list") + f"#need-{need.pk}")
    link = request.build_absolute_uri(reverse("participation:need-list") + f"#need-{need.pk}")
    if run_step(request, lambda: needs.need_cite(actor=request.user, need=need, application=application, link=link),
                _("The need is cited in the application's evidence of need.")):
        return redirect("applications:edit", application.pk)
    return redirect(reverse("participation:need-list") + f"#need-{need.pk}")
