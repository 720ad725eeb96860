"""Topic pages: the public list, proposing, following, reporting and moderating."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.accounts.scopes import q_path_within
from yichuang.core.forms import FAILED, run_step, submit
from yichuang.core.paging import paginate
from yichuang.participation import permissions, queries, topics
from yichuang.participation.forms import TopicForm
from yichuang.participation.models import Topic, TopicFollow
from yichuang.places.models import Area, AreaLevel
from yichuang.voting.permissions import resident_paths


def topic_list(request):
    """Public: open topics, most followed first; keepers also see the ones hidden by reports."""
    user = request.user
    rows = Topic.objects.filter(status=Topic.Status.OPEN).select_related("area__parent", "proposed_by")
    waiting = list(queries.topics_to_moderate(user).select_related("area")) if user.is_authenticated else []
    followed = set(TopicFollow.objects.filter(user=user).values_list("topic", flat=True)) if user.is_authenticated else set()
    return render(request, "participation/topic_list.html", {
        **paginate(request, rows, per_page=30), "waiting": waiting, "followed": followed,
        "may_propose": permissions.may_propose(user)})


@login_required
def topic_new(request):
    user = request.user
    paths = resident_paths(user) + permissions.keeper_paths(user)
    if not paths:
        raise Http404
    communities = (Area.objects.filter(q_path_within("path", paths), level=AreaLevel.COMMUNITY)
                   .select_related("parent").order_by("path"))
    form = TopicForm(request.POST or None, communities=communities, staff=bool(permissions.keeper_paths(user)))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        row = submit(form, lambda: topics.topic_propose(actor=user, area=data["area"], title=data["title"],
                                                        body=data["body"], assisted_for=data.get("assisted_for", "")))
        if row is not FAILED:
            messages.success(request, _("Your topic is up. Neighbours can follow it, and your community workers see "
                                        "how many do."))
            return redirect("participation:topic", row.pk)
    return render(request, "participation/topic_form.html", {"form": form}, status=400 if form.errors else 200)


def topic(request, pk: int):
    row = permissions.access_topic(request.user, pk)
    user = request.user
    return render(request, "participation/topic.html", {
        "topic": row, "keeps": user.is_authenticated and permissions.keeps_area(user, row.area),
        "following": user.is_authenticated and TopicFollow.objects.filter(topic=row, user=user).exists()})


def _step(request, pk: int, call, done: str, *, keepers_only: bool = False):
    row = permissions.access_topic(request.user, pk)
    if keepers_only and not permissions.keeps_area(request.user, row.area):
        raise Http404
    run_step(request, lambda: call(row), done)
    return redirect("participation:topic", row.pk)


@login_required
@require_POST
def topic_follow(request, pk: int):
    follow = request.POST.get("follow") != "0"
    return _step(request, pk, lambda row: topics.topic_follow(actor=request.user, topic=row, follow=follow),
                 _("You follow this topic.") if follow else _("You no longer follow this topic."))


@login_required
@require_POST
def topic_report(request, pk: int):
    return _step(request, pk, lambda row: topics.topic_report(actor=request.user, topic=row,
                                                              reason=request.POST.get("reason", "")),
                 _("Thank you; a moderator will look at it."))


@login_required
@require_POST
def topic_moderate(request, pk: int):
    keep = request.POST.get("keep") == "1"
    return _step(request, pk, lambda row: topics.topic_moderate(actor=request.user, topic=row, keep=keep,
                                                                note=request.POST.get("note", "")),
                 _("Kept; it shows again.") if keep else _("Removed."), keepers_only=True)


