"""The roadshow pages: the officer's running order and live board, the expert's phone page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.forms import flash_errors
from yichuang.kernel.numbers import parse_whole
from yichuang.reviews import permissions, roadshow, roadshow_queries
from yichuang.reviews.models import RoadshowSession, RoadshowSlot, RoundEntry, SessionState


def _session(program) -> RoadshowSession | None:
    return RoadshowSession.objects.filter(program=program).first()


def _setup_rows(program, session) -> list[dict]:
    positions = {s.application_id: s.position for s in session.slots.all()} if session else {}
    entries = RoundEntry.objects.filter(round__program=program).select_related("application__organization")
    return [{"application": e.application, "position": positions.get(e.application_id, "")} for e in entries]


def _panel_choices(request, program, session):
    from yichuang.reviews.models import ReviewRound

    review_round = ReviewRound.objects.filter(program=program).first()
    experts = review_round.panel.all() if review_round and review_round.panel.exists() else permissions.pool_experts(request.user)
    chosen = set(session.panel.values_list("pk", flat=True)) if session else set()
    return [{"expert": e, "chosen": e.pk in chosen} for e in experts.order_by("name_sort")]


@login_required
def roadshow_page(request, program_pk: int):
    program = permissions.access_managed_program(request.user, program_pk)
    session = _session(program)
    if session is None and not RoundEntry.objects.filter(round__program=program).exists():
        return render(request, "reviews/no_round.html", {"program": program, "tab": "roadshow"})
    if request.method == "POST":
        return _setup(request, program, session)
    context = {"program": program, "session": session, "tab": "roadshow"}
    if session is None or session.state == SessionState.SETUP:
        context.update(rows=_setup_rows(program, session), panel=_panel_choices(request, program, session))
    else:
        context.update(board=roadshow_queries.board(session))
    return render(request, "reviews/roadshow.html", context)


def _setup(request, program, session):
    order = []
    for key, value in request.POST.items():
        if key.startswith("pos-") and value.strip():
            position = parse_whole(value)
            if position is None or position < 1:
                messages.error(request, _("Pitch positions are whole numbers; leave a box empty to leave a team out."))
                return redirect("reviews:roadshow", program_pk=program.pk)
            order.append((position, key.removeprefix("pos-")))
    ids = [parse_whole(pk) for _position, pk in sorted(order) if parse_whole(pk) is not None]
    panel = list(permissions.pool_experts(request.user).filter(pk__in=request.POST.getlist("panel")))
    try:
        roadshow.roadshow_setup(actor=request.user, program=program, application_ids_in_order=ids, panel=panel,
                                venue=request.POST.get("venue", ""))
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The running order is saved."))
    return redirect("reviews:roadshow", program_pk=program.pk)


@login_required
def roadshow_board(request, program_pk: int):
    program = permissions.access_managed_program(request.user, program_pk)
    session = _session(program)
    if session is None:
        raise Http404
    return render(request, "reviews/_roadshow_board.html", {"program": program, "session": session,
                                                            "board": roadshow_queries.board(session)})


@login_required
@require_POST
def roadshow_step(request, program_pk: int):
    program = permissions.access_managed_program(request.user, program_pk)
    session = _session(program)
    if session is None:
        raise Http404
    step = request.POST.get("step", "")
    try:
        if step == "open":
            roadshow.roadshow_open(actor=request.user, session=session)
        elif step == "move":
            slot = get_object_or_404(RoadshowSlot, session=session, pk=request.POST.get("slot") or 0)
            roadshow.roadshow_move(actor=request.user, session=session, slot=slot)
        elif step == "close":
            roadshow.roadshow_close(actor=request.user, session=session, force=request.POST.get("force") == "yes",
                                    reason=request.POST.get("reason", ""))
            messages.success(request, _("The roadshow is closed; its scores are in the results."))
        else:
            raise Http404
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("reviews:roadshow", program_pk=program.pk)


def _my_session(request, session_pk: int) -> RoadshowSession:
    return get_object_or_404(permissions.my_roadshows(request.user).select_related("program", "current__application"),
                             pk=session_pk)


def _expert_context(request, session) -> dict:
    expert = permissions.expert_of(request.user)
    slots = list(session.slots.select_related("application__organization").order_by("position"))
    mine = roadshow_queries.my_scores(session, expert)
    current = session.current.position if session.current_id else 0
    conflicted = roadshow_queries.my_conflicted_slots(session, expert)
    return {"session": session, "current_conflicted": session.current_id in conflicted,
            "slots": [{"slot": s, "mine": mine.get(s.pk), "open": s.position <= current, "conflicted": s.pk in conflicted}
                      for s in slots]}


@login_required
def my_roadshow(request, session_pk: int):
    session = _my_session(request, session_pk)
    return render(request, "reviews/my_roadshow.html", _expert_context(request, session))


@login_required
def my_roadshow_current(request, session_pk: int):
    """The polled header: which team pitches now (the score form itself is never replaced)."""
    session = _my_session(request, session_pk)
    shown = request.GET.get("shown", "")
    return render(request, "reviews/_my_roadshow_current.html",
                  {"session": session, "changed": shown != str(session.current_id or "")})


@login_required
@require_POST
def my_roadshow_score(request, session_pk: int):
    session = _my_session(request, session_pk)
    slot = get_object_or_404(RoadshowSlot, session=session, pk=request.POST.get("slot") or 0)
    try:
        roadshow.roadshow_score(actor=request.user, session=session, slot=slot, points=request.POST.get("points", ""))
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Your score for %(number)s is saved.") % {"number": slot.application.number})
    return redirect("reviews:my-roadshow", session_pk=session.pk)
