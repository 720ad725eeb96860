"""Reads that span the volunteer tables: a volunteer's record, their data export, suggestions."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from yichuang.kernel import volunteers as rules
from yichuang.volunteers.models import (
    CheckEvent,
    Opportunity,
    ServiceRecord,
    Shift,
    Signup,
    TeamMember,
    Volunteer,
)

SUGGESTION_POOL = 400  # candidates scored per suggestion list: bounded whatever the roster size


def star_thresholds() -> tuple[int, ...]:
    try:
        return rules.parse_thresholds(settings.VOLUNTEER_STAR_HOURS)
    except ValueError:
        return rules.DEFAULT_STAR_HOURS


def stars(volunteer: Volunteer) -> dict:
    thresholds = star_thresholds()
    level = rules.star_level(volunteer.minutes_confirmed, thresholds)
    return {"level": level, "of": len(thresholds), "range": range(level), "to_next": rules.minutes_to_next_star(volunteer.minutes_confirmed, thresholds),
            "next_hours": thresholds[level] if level < len(thresholds) else None}


def record_summary(volunteer: Volunteer) -> dict:
    """What a volunteer's record page shows above the list: totals from the kept roll-up."""
    counts = ServiceRecord.objects.filter(volunteer=volunteer).aggregate(
        confirmed=Count("pk", filter=Q(status=ServiceRecord.Status.CONFIRMED)),
        pending=Count("pk", filter=Q(status__in=[ServiceRecord.Status.PENDING, ServiceRecord.Status.AWAITING_APPROVAL])))
    return {"minutes": volunteer.minutes_confirmed, "stars": stars(volunteer), **counts}


def teams_of(volunteer: Volunteer):
    return (TeamMember.objects.filter(volunteer=volunteer).exclude(status=TeamMember.Status.LEFT)
            .select_related("team__area").order_by("team__name"))


def upcoming_signups(volunteer: Volunteer):
    return (Signup.objects.filter(volunteer=volunteer, shift__ends_at__gte=timezone.now())
            .exclude(status=Signup.Status.CANCELLED)
            .select_related("shift__opportunity__area").order_by("shift__starts_at")[:20])


def personal_data(volunteer: Volunteer) -> dict:
    """Everything kept about one volunteer, as plain data (their download)."""
    from yichuang.core import crypto

    return {
        "volunteer": {"number": volunteer.number, "name": volunteer.name, "gender": volunteer.gender,
                      "birth_date": volunteer.birth_date.isoformat() if volunteer.birth_date else "",
                      "id_kind": volunteer.id_kind, "id_number": crypto.decrypt(volunteer.id_cipher),
                      "area": volunteer.area.name, "phone": volunteer.phone, "skills": volunteer.skills,
                      "skills_note": volunteer.skills_note, "categories": volunteer.categories,
                      "guardian_name": volunteer.guardian_name, "guardian_phone": volunteer.guardian_phone,
                      "registered": volunteer.created_at.isoformat()},
        "consents": [{"purpose": c.purpose, "text_version": c.text_version, "method": c.method,
                      "given_by": c.given_by_name, "given_at": c.given_at.isoformat()} for c in volunteer.consents.all()],
        "service_records": [{"activity": r.activity_name, "date": r.served_on.isoformat(), "place": r.place,
                             "content": r.content, "minutes": r.minutes, "unit": r.organization.name,
                             "person_in_charge": r.person_in_charge, "status": r.status}
                            for r in volunteer.records.select_related("organization")],
        "check_ins": [{"kind": e.kind, "at": e.at.isoformat(), "late": e.late, "method": e.method}
                      for e in volunteer.events.all()],
        "trainings": [{"name": t.name, "content": t.content, "minutes": t.minutes, "host": t.host,
                       "date": t.held_on.isoformat()} for t in volunteer.trainings.all()],
        "awards": [{"name": a.name, "date": a.awarded_on.isoformat(), "granted_by": a.granted_by}
                   for a in volunteer.awards.all()],
        "evaluations": [{"rating": e.rating, "note": e.note, "date": e.evaluated_on.isoformat()}
                        for e in volunteer.evaluations.all()],
        "certificates": [{"number": c.number, "status": c.status} for c in volunteer.certificates.all()],
    }


def _reliability(queryset):
    """Annotate attended and missed past shifts (a confirmed place with no check-in)."""
    now = timezone.now()
    past = Q(signups__status=Signup.Status.CONFIRMED, signups__shift__ends_at__lt=now)
    return queryset.annotate(
        past=Count("signups", filter=past, distinct=True),
        attended=Count("records__shift", filter=Q(records__shift__isnull=False), distinct=True))


def suggest_volunteers(shift: Shift, limit: int = 10) -> list[tuple[Volunteer, int, list[str]]]:
    """Volunteers to invite to a shift: by skills, living nearby, free at that time, reliable."""
    opportunity = shift.opportunity
    street = opportunity.area.path.rsplit("/", 2)[0] + "/"
    busy = Signup.objects.filter(volunteer=OuterRef("pk"), status=Signup.Status.CONFIRMED,
                                 shift__starts_at__lt=shift.ends_at, shift__ends_at__gt=shift.starts_at)
    pool = (_reliability(Volunteer.objects.filter(status=Volunteer.Status.ACTIVE, area__path__startswith=street)
                         .exclude(signups__shift=shift))
            .annotate(busy=Exists(busy)).select_related("area")[:SUGGESTION_POOL])
    wanted = frozenset(opportunity.skills)
    scored = []
    for volunteer in pool:
        candidate = rules.Candidate(key=volunteer.pk, skills=frozenset(volunteer.skills), area_path=volunteer.area.path,
                                    busy=volunteer.busy, attended=volunteer.attended,
                                    missed=max(0, volunteer.past - volunteer.attended))
        score, reasons = rules.match_score(candidate, skills=wanted, area_path=opportunity.area.path)
        if score >= 0:
            scored.append((volunteer, score, reasons))
    scored.sort(key=lambda item: (-item[1], item[0].name_sort))
    return scored[:limit]


def suggest_shifts(volunteer: Volunteer, limit: int = 6) -> list[tuple[Shift, int, list[str]]]:
    """Open shifts with free places for a volunteer: matching skills, near home, at free times."""
    street = volunteer.area.path.rsplit("/", 2)[0] + "/"
    mine = Signup.objects.filter(volunteer=volunteer).exclude(status=Signup.Status.CANCELLED)
    busy = mine.filter(status=Signup.Status.CONFIRMED, shift__starts_at__lt=OuterRef("ends_at"),
                       shift__ends_at__gt=OuterRef("starts_at"))
    shifts = (Shift.objects.filter(opportunity__status=Opportunity.Status.OPEN, starts_at__gt=timezone.now(),
                                   opportunity__area__path__startswith=street)
              .exclude(pk__in=mine.values("shift")).annotate(busy=Exists(busy))
              .select_related("opportunity__area", "opportunity__organization").order_by("starts_at")[:SUGGESTION_POOL])
    skills = frozenset(volunteer.skills)
    scored = []
    for shift in shifts:
        opportunity = shift.opportunity
        if opportunity.skills and not skills & set(opportunity.skills):
            continue
        candidate = rules.Candidate(key=volunteer.pk, skills=skills, area_path=volunteer.area.path, busy=shift.busy,
                                    attended=0, missed=0)
        score, reasons = rules.match_score(candidate, skills=frozenset(opportunity.skills),
                                           area_path=opportunity.area.path)
        if score >= 0:
            scored.append((shift, score, reasons))
    scored.sort(key=lambda item: (-item[1], item[0].starts_at))
    return scored[:limit]


def shift_roster(shift: Shift):
    """Sign-ups of a shift with each person's scans, for the organizer's and leader's page."""
    signups = list(shift.signups.exclude(status=Signup.Status.CANCELLED).select_related("volunteer").order_by("status", "created_at"))
    events: dict[int, list[CheckEvent]] = {}
    for event in CheckEvent.objects.filter(shift=shift).order_by("at"):
        events.setdefault(event.volunteer_id, []).append(event)
    records = {r.volunteer_id: r for r in ServiceRecord.objects.filter(shift=shift)}
    return [(s, events.get(s.volunteer_id, []), records.get(s.volunteer_id)) for s in signups]
