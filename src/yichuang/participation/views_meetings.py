"""Deliberation meeting pages: the public list and page, preparing, registration, attendance (roster and
the door's QR code), groups, proposals, votes, the resolution and its action items."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.forms import FAILED, run_step, submit
from yichuang.core.paging import paginate
from yichuang.core.qr import qr_svg_response
from yichuang.participation import deliberation, meeting_queries, meetings, permissions
from yichuang.participation.forms import keeper_communities
from yichuang.participation.meeting_forms import ActionForm, CloseForm, MeetingForm
from yichuang.participation.models import AgendaItem, Meeting, Registration, Topic


def meeting_list(request):
    """Public: meetings open for registration, in session and held; keepers also see those being prepared."""
    rows = permissions.visible_meetings(request.user).select_related("area__parent")
    return render(request, "participation/meeting_list.html", {
        **paginate(request, rows, per_page=30), "may_organize": bool(permissions.keeper_paths(request.user))})


@login_required
def meeting_new(request):
    paths = permissions.keeper_paths(request.user)
    if not paths:
        raise Http404
    communities = keeper_communities(paths)
    topics = Topic.objects.filter(area__in=communities, status=Topic.Status.OPEN).select_related("area")
    chosen = topics.filter(pk__in=[t for t in request.GET.getlist("topic") if t.isdigit()])
    form = MeetingForm(request.POST or None, communities=communities, topics=topics,
                       initial={"topics": list(chosen), "area": chosen[0].area_id if chosen else None})
    if request.method == "POST" and form.is_valid():
        row = submit(form, lambda: meetings.meeting_create(actor=request.user, text=form.text(),
                                                           topics=list(form.cleaned_data["topics"])))
        if row is not FAILED:
            messages.success(request, _("The meeting is prepared. Check its agenda, then open registration."))
            return redirect("participation:meeting", row.pk)
    return render(request, "participation/meeting_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def meeting_edit(request, pk: int):
    row = permissions.access_kept_meeting(request.user, pk)
    if row.status not in (Meeting.Status.DRAFT, Meeting.Status.OPEN):
        raise Http404
    communities = keeper_communities(permissions.keeper_paths(request.user)).filter(pk=row.area_id)
    initial = {name: getattr(row, name) for name in meetings.EDITABLE_FIELDS}
    initial["starts_at"] = timezone.localtime(row.starts_at)
    form = MeetingForm(request.POST or None, communities=communities, topics=Topic.objects.none(),
                       initial={**initial, "area": row.area_id})
    del form.fields["topics"]
    if request.method == "POST" and form.is_valid():
        done = submit(form, lambda: meetings.meeting_edit(actor=request.user, meeting=row, text=form.text()))
        if done is not FAILED:
            messages.success(request, _("Saved."))
            return redirect("participation:meeting", row.pk)
    return render(request, "participation/meeting_form.html", {"form": form, "meeting": row},
                  status=400 if form.errors else 200)


def meeting(request, pk: int):
    row = permissions.access_meeting(request.user, pk)
    context = meeting_queries.meeting_page(request.user, row)
    if context["keeps"]:
        context["close_form"] = CloseForm()
        context["action_form"] = ActionForm(meeting=row)
    return render(request, "participation/meeting.html", context)


def _back(row: Meeting, anchor: str = ""):
    return redirect(reverse("participation:meeting", args=[row.pk]) + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def meeting_agenda(request, pk: int):
    row = permissions.access_kept_meeting(request.user, pk)
    topic_id = request.POST.get("topic", "")
    topic = Topic.objects.filter(pk=topic_id).first() if topic_id.isdigit() else None
    run_step(request, lambda: meetings.agenda_add(actor=request.user, meeting=row, title=request.POST.get("title", ""),
                                                  topic=topic), _("Added to the agenda."))
    return _back(row, "agenda")


@login_required
@require_POST
def meeting_advance(request, pk: int):
    row = permissions.access_kept_meeting(request.user, pk)
    run_step(request, lambda: meetings.meeting_advance(actor=request.user, meeting=row), _("Done."))
    return _back(row)


def _item(row: Meeting, value: str) -> AgendaItem | None:
    return row.items.filter(pk=value).first() if value.isdigit() else None


@login_required
@require_POST
def meeting_register(request, pk: int):
    """Register oneself, change the topic one joins, or (a keeper) register a resident without a phone."""
    row = permissions.access_meeting(request.user, pk)
    item = _item(row, request.POST.get("joined_item", ""))
    assisted = request.POST.get("assisted_name", "")
    mine = None if assisted else row.registrations.filter(user=request.user).exclude(
        status=Registration.Status.CANCELLED).first()
    if mine is not None:
        run_step(request, lambda: meetings.registration_join(actor=request.user, registration=mine, item=item),
                 _("Your topic is noted."))
        return _back(row, "mine")
    if assisted and not permissions.keeps_area(request.user, row.area):
        raise Http404
    done = run_step(request, lambda: meetings.meeting_register(actor=request.user, meeting=row, joined_item=item,
                                                               assisted_name=assisted))
    if done:
        placed = row.registrations.filter(user=None if assisted else request.user).order_by("-pk").first()
        messages.success(request, _("On the waiting list: you are told when a place frees up.")
                         if placed and placed.status == Registration.Status.WAITLISTED else _("Registered."))
    return redirect("participation:meeting-attendance", row.pk) if assisted else _back(row, "mine")


@login_required
@require_POST
def registration_cancel(request, pk: int):
    registration = permissions.access_registration(request.user, pk)
    run_step(request, lambda: meetings.registration_cancel(actor=request.user, registration=registration),
             _("The registration is cancelled."))
    if registration.user_id != request.user.pk:
        return redirect("participation:meeting-attendance", registration.meeting_id)
    return _back(registration.meeting, "mine")


@login_required
def meeting_attendance(request, pk: int):
    """Keepers: the roster with the waiting list, ticking attendance, adding walk-ins and assisted residents."""
    row = permissions.access_kept_meeting(request.user, pk)
    if request.method == "POST":
        reg_id = request.POST.get("registration", "")
        registration = row.registrations.filter(pk=reg_id).first() if reg_id.isdigit() else None
        walk_in = request.POST.get("walk_in_name", "").strip()
        if registration is None and not walk_in:
            messages.error(request, _("Give the name of the person who came."))
        else:
            run_step(request, lambda: meetings.attendance_record(actor=request.user, meeting=row,
                                                                 registration=registration, walk_in_name=walk_in),
                     _("Attendance recorded."))
        return redirect("participation:meeting-attendance", row.pk)
    return render(request, "participation/meeting_attendance.html", {
        "meeting": row, "registrations": list(row.registrations.select_related("joined_item", "group__item")),
        "check_in_url": request.build_absolute_uri(reverse("participation:meeting-check-in",
                                                           args=[row.attendance_key]))})


@login_required
def meeting_qr(request, pk: int):
    row = permissions.access_kept_meeting(request.user, pk)
    return qr_svg_response(request, reverse("participation:meeting-check-in", args=[row.attendance_key]), row.title)


@login_required
def meeting_check_in(request, key: str):
    """The door's QR code: a registered resident confirms they are here."""
    row = Meeting.objects.filter(attendance_key=key).select_related("area").first()
    if row is None:
        raise Http404
    if request.method == "POST" and run_step(request, lambda: meetings.attendance_record(
            actor=request.user, meeting=row, key=key), _("Welcome: your attendance is recorded.")):
        return _back(row, "mine")
    mine = row.registrations.filter(user=request.user).exclude(status=Registration.Status.CANCELLED).first()
    return render(request, "participation/meeting_check_in.html", {"meeting": row, "mine": mine})


@login_required
@require_POST
def meeting_groups(request, pk: int):
    row = permissions.access_kept_meeting(request.user, pk)
    run_step(request, lambda: deliberation.groups_form(actor=request.user, meeting=row), _("The groups are formed."))
    return _back(row, "groups")


@login_required
@require_POST
def group_notes(request, pk: int):
    group = permissions.access_group(request.user, pk)
    run_step(request, lambda: deliberation.group_notes_save(actor=request.user, group=group,
                                                            notes=request.POST.get("notes", "")), _("Notes saved."))
    return _back(group.meeting, f"group-{group.pk}")


@login_required
@require_POST
def proposal_add(request, pk: int):
    row = permissions.access_meeting(request.user, pk)
    group_id = request.POST.get("group", "")
    group = row.groups.filter(pk=group_id).first() if group_id.isdigit() else None
    run_step(request, lambda: deliberation.proposal_add(actor=request.user, meeting=row, group=group,
                                                        text=request.POST.get("text", "")), _("Proposal recorded."))
    return _back(row, f"group-{group.pk}" if group else "proposals")


def _int(value: str) -> int:
    return int(value) if value.isdigit() else 0


@login_required
@require_POST
def proposal_vote(request, pk: int):
    proposal = permissions.access_proposal(request.user, pk)
    run_step(request, lambda: deliberation.vote_cast(actor=request.user, proposal=proposal,
                                                     choice=request.POST.get("choice", ""),
                                                     dots=_int(request.POST.get("dots", ""))), _("Vote recorded."))
    return _back(proposal.meeting, "vote")


@login_required
@require_POST
def meeting_hand_vote(request, pk: int):
    """A keeper records the vote an attendee gave by hand (a resident without a phone: assisted)."""
    row = permissions.access_kept_meeting(request.user, pk)
    registration = row.registrations.filter(pk=_int(request.POST.get("registration", ""))).first()
    proposal = row.proposals.filter(pk=_int(request.POST.get("proposal", ""))).first()
    if registration is None or proposal is None:
        messages.error(request, _("Choose the attendee and the proposal."))
    else:
        run_step(request, lambda: deliberation.vote_cast(actor=request.user, proposal=proposal,
                                                         registration=registration,
                                                         choice=request.POST.get("choice", ""),
                                                         dots=_int(request.POST.get("dots", ""))), _("Vote recorded."))
    return _back(row, "vote")


@login_required
@require_POST
def meeting_close(request, pk: int):
    row = permissions.access_kept_meeting(request.user, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_step(request, lambda: deliberation.meeting_close(actor=request.user, meeting=row,
                                                             resolution=data["resolution"],
                                                             adopt_top=data["adopt_top"] or 3),
                 _("The resolution is recorded. Now add the action items it calls for."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return _back(row, "resolution")


@login_required
@require_POST
def action_add(request, pk: int):
    row = permissions.access_kept_meeting(request.user, pk)
    form = ActionForm(request.POST, meeting=row)
    if form.is_valid():
        data = form.cleaned_data
        run_step(request, lambda: deliberation.action_add(actor=request.user, meeting=row, title=data["title"],
                                                          owner=data["owner"], due=data["due"],
                                                          proposal=data["proposal"]), _("Action item added."))
    else:
        for name, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{form.fields[name].label}: {error}" if name in form.fields else error)
    return _back(row, "actions")


@login_required
@require_POST
def action_done(request, pk: int):
    action = permissions.access_kept_action(request.user, pk)
    run_step(request, lambda: deliberation.action_done(actor=request.user, action=action,
                                                       note=request.POST.get("note", "")), _("Marked as done."))
    return _back(action.meeting, "actions")
