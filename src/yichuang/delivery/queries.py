"""Reads of delivery: a project's plan and period, its indicators planned vs achieved, the progress
of a program's projects with the at-risk flag, and a project's activity records."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.templatetags.yichuang import day, hours
from yichuang.delivery.models import (
    Activity,
    ActivityCorrection,
    Beneficiary,
    CorrectionStatus,
    EvaluationSheet,
    IndicatorReport,
    ProjectEvaluation,
    ProjectTally,
)
from yichuang.delivery.tally import totals
from yichuang.kernel import delivery as kernel
from yichuang.kernel import evaluation as forms_kernel
from yichuang.programs.permissions import staff_programs
from yichuang.projects.models import Project


def plan_document(project: Project) -> dict:
    """The application as approved: its planned activities and indicators are the project's plan."""
    version = project.application.latest_version if project.application.latest_version_id else None
    return version.document if version else {}


def project_period(project: Project) -> kernel.Period | None:
    return kernel.project_period(plan_document(project))


def _reported(project_id: int) -> dict[int, int]:
    latest: dict[int, int] = {}
    for position, value in IndicatorReport.objects.filter(project_id=project_id).values_list("position", "value"):
        latest.setdefault(position, value)  # ordered newest first
    return latest


def indicators(project: Project, *, tally: ProjectTally | None = None, today=None) -> list[kernel.IndicatorRow]:
    document = plan_document(project)
    if tally is None:
        tally = ProjectTally.objects.filter(project=project).first()
    return kernel.indicator_rows(document.get("indicators") or [], totals(tally), reported=_reported(project.pk),
                                 period=kernel.project_period(document), today=today or timezone.localdate(),
                                 margin_bp=project.program.at_risk_margin_bp)


def program_progress(projects: QuerySet[Project]) -> list[dict]:
    """Each project with its tally, indicator rows and at-risk flag (queries do not grow with the projects)."""
    today = timezone.localdate()
    rows = []
    reports: dict[int, dict[int, int]] = {}
    for project_id, position, value in IndicatorReport.objects.filter(project__in=projects).values_list(
            "project_id", "position", "value"):
        reports.setdefault(project_id, {}).setdefault(position, value)
    for project in projects.select_related("program", "organization", "tally", "application__latest_version"):
        document = project.application.latest_version.document if project.application.latest_version_id else {}
        tally = getattr(project, "tally", None)
        indicator_rows = kernel.indicator_rows(
            document.get("indicators") or [], totals(tally), reported=reports.get(project.pk, {}),
            period=kernel.project_period(document), today=today, margin_bp=project.program.at_risk_margin_bp)
        rows.append({"project": project, "tally": totals(tally), "last_held_on": tally.last_held_on if tally else None,
                     "indicators": indicator_rows, "at_risk": any(row.at_risk for row in indicator_rows)})
    return rows


def project_totals(project: Project) -> kernel.Totals:
    return totals(ProjectTally.objects.filter(project=project).first())


def activities(project: Project) -> QuerySet[Activity]:
    return project.activities.annotate(photo_count=Count("photos")).select_related("recorded_by").order_by("-held_on", "-number")


def pending_corrections(project: Project) -> QuerySet[ActivityCorrection]:
    return ActivityCorrection.objects.filter(activity__project=project, status=CorrectionStatus.PENDING).select_related(
        "activity", "requested_by")


def beneficiaries(project: Project) -> QuerySet[Beneficiary]:
    return project.beneficiaries.annotate(times=Count("attendances")).select_related("added_by").order_by("name", "pk")


def activities_by_planned(project: Project) -> list[dict]:
    """Each planned activity with the sessions planned and held and the person-times it reached."""
    held = {row["planned"]: row for row in project.activities.values("planned").annotate(
        sessions=Count("pk"), person_times=Sum("person_times"))}
    rows = []
    for position, row in enumerate(plan_document(project).get("activities") or []):
        done = held.get(position, {})
        rows.append({"name": row.get("name", ""), "start": kernel.parse_date(row.get("start")),
                     "end": kernel.parse_date(row.get("end")), "planned": kernel.whole(row.get("sessions")),
                     "held": done.get("sessions", 0), "person_times": done.get("person_times") or 0})
    other = held.get(None)
    if other:
        rows.append({"name": None, "start": None, "end": None, "planned": None, "held": other["sessions"],
                     "person_times": other["person_times"] or 0})
    return rows


def correction_changes(correction) -> list[dict]:
    """What a correction changes, field by field, worded for the page (field names from the model)."""
    meta = Activity._meta
    shown = {
        "held_on": (meta.get_field("held_on").verbose_name, lambda v: day(kernel.parse_date(v))),
        "place": (meta.get_field("place").verbose_name, str),
        "content": (meta.get_field("content").verbose_name, str),
        "planned_name": (meta.get_field("planned_name").verbose_name, str),
        "beneficiary_group": (meta.get_field("beneficiary_group").verbose_name, str),
        "participants": (meta.get_field("participants").verbose_name, str),
        "person_times": (meta.get_field("person_times").verbose_name, str),
        "new_participants": (meta.get_field("new_participants").verbose_name, str),
        "volunteers": (meta.get_field("volunteers").verbose_name, str),
        "volunteer_minutes": (_("volunteer hours"), hours),
        "attendees": (_("participants by name"), len),
    }
    before, after = correction.before, correction.after
    return [{"label": label, "old": show(before.get(key)) if before.get(key) not in (None, "") else "—",
             "new": show(after.get(key)) if after.get(key) not in (None, "") else "—"}
            for key, (label, show) in shown.items() if before.get(key) != after.get(key)]


def is_program_staff(user, program) -> bool:
    """Officers, supervisors and auditors of the program's area or of the program itself."""
    return staff_programs(user).filter(pk=program.pk).exists()


def evaluation_rounds(program) -> list[dict]:
    """The program's rounds, each with its projects: sheets filled, mean total, suggested and decided result."""
    rounds = []
    for round_ in program.evaluation_rounds.prefetch_related("evaluators").order_by("opened_at"):
        totals: dict[int, list[int]] = {}
        for evaluation_id, scores in EvaluationSheet.objects.filter(evaluation__round=round_).values_list(
                "evaluation_id", "scores"):
            totals.setdefault(evaluation_id, []).append(sum(int(v) for v in scores.values()))
        rows = [{"evaluation": e, "sheets": len(totals.get(e.pk, [])),
                 "mean": round(sum(totals[e.pk]) / len(totals[e.pk]), 1) if totals.get(e.pk) else None,
                 "suggested": forms_kernel.suggested_result(totals.get(e.pk, []), round_.criteria)}
                for e in round_.evaluations.select_related("project__organization")]
        rounds.append({"round": round_, "rows": rows, "maximum": forms_kernel.maximum(round_.criteria),
                       "evaluators": list(round_.evaluators.all())})
    return rounds


def evaluations_for(user) -> list[dict]:
    """The evaluations an evaluator still has open, with whether their own sheet is in."""
    evaluations = (ProjectEvaluation.objects.filter(round__evaluators=user, result__in=("", "rectify"))
                   .select_related("round__program", "project__organization").order_by("round__due_on", "project__number"))
    done = set(EvaluationSheet.objects.filter(evaluator=user).values_list("evaluation_id", flat=True))
    return [{"evaluation": e, "done": e.pk in done} for e in evaluations]


def visits(project: Project) -> QuerySet:
    """The project's supervision visits, newest first, each with its count of follow-ups not yet accepted."""
    return project.visits.select_related("supervisor").annotate(
        open_issues=Count("issues", filter=~Q(issues__status="accepted"))).order_by("-visited_on", "-pk")
