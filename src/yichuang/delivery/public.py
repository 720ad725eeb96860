"""Public accountability pages (项目公开): every funded project, for anyone, without personal data.

Only what the public may know is read here: the project, its organization, area and program, money
granted and paid, its tranches as milestones, and achieved figures as sums. Names of people served,
photos (which may show faces) and who recorded what never reach these pages."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from yichuang.core.paging import paginate
from yichuang.delivery import queries
from yichuang.programs.permissions import public_programs
from yichuang.projects.models import Project
from yichuang.projects.queries import with_money


def public_projects_queryset():
    return Project.objects.filter(program__in=public_programs())


def public_projects(request):
    projects = public_projects_queryset().select_related("program", "organization", "application__community")
    search = request.GET.get("q", "").strip()[:50]
    if search:
        projects = projects.filter(Q(title__icontains=search) | Q(organization__name__icontains=search)
                                   | Q(program__name__icontains=search))
    context = paginate(request, projects.order_by("-program__year", "number"), per_page=30)
    context["page"].object_list = with_money(Project.objects.filter(pk__in=[p.pk for p in context["page"].object_list])
                                             .order_by("-program__year", "number").select_related("application__community", "tally"))
    return render(request, "delivery/public_list.html", {**context, "q": search})


def public_project(request, number: str):
    project = get_object_or_404(public_projects_queryset().select_related(
        "program", "program__area", "organization", "application__community", "application__latest_version"),
        number=number)
    money = with_money(Project.objects.filter(pk=project.pk))[0]
    document = queries.plan_document(project)
    return render(request, "delivery/public_project.html", {
        "project": project, "paid": money.paid, "spent": money.spent, "summary": document.get("summary", ""),
        "goals": document.get("goals", ""), "beneficiary_group": document.get("beneficiary_group", ""),
        "indicators": queries.indicators(project), "tally": queries.project_totals(project),
        "period": queries.project_period(project),
        "tranches": list(project.tranches.all()),
        "plan": document.get("activities") or [],
        "by_planned": queries.activities_by_planned(project),
        # Decided results only: the scores and the evaluators' findings stay with the program's staff.
        "evaluations": list(project.evaluations.exclude(result="").select_related("round").order_by("round__kind")),
    })
