"""What each report contains, built from the same queries as the pages (dashboard charts, project
progress, money from the ledger). ``step`` reports progress as the work goes."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from yichuang.core.exports import Sheet, build_workbook
from yichuang.core.pdf import render_pdf
from yichuang.delivery import dashboard, queries
from yichuang.kernel import svgchart
from yichuang.kernel.money import Money
from yichuang.projects.models import Project
from yichuang.projects.queries import with_money


def _rows(program) -> list[dict]:
    projects = Project.objects.filter(program=program)
    money = {p.pk: p for p in with_money(projects)}
    rows = queries.program_progress(projects)
    for row in rows:
        row["paid"], row["spent"] = money[row["project"].pk].paid, money[row["project"].pk].spent
        row["evaluations"] = {e.round.kind: e for e in row["project"].evaluations.select_related("round")}
    return rows


def program_pdf(program, step: Callable[[int], None]) -> tuple[bytes, str]:
    with translation.override("zh-hans"):  # the annual report is a Chinese public document
        projects = Project.objects.filter(program=program)
        charts = dashboard.charts(projects, street_level=False)
        step(30)
        rows = _rows(program)
        step(50)
        pictures = [{"title": c.title, "svg": mark_safe(svgchart.bar_chart(  # noqa: S308 (escaped by svgchart)
            c.series()["categories"], [(s["name"], s["data"]) for s in c.series()["series"]]))}
            for c in charts if c.rows and c.kind == "bar"]
        step(70)
        pdf = render_pdf("reports/program_pdf.html", {
            "program": program, "rows": rows, "charts": charts, "pictures": pictures, "made_at": timezone.now(),
            "grant": Money(sum(r["project"].grant.fen for r in rows)), "paid": Money(sum(r["paid"].fen for r in rows)),
            "person_times": sum(r["tally"].person_times for r in rows), "activities": sum(r["tally"].activities for r in rows),
        })
        name = _("annual report")
    return pdf, f"{program.code}-{name}.pdf"


def program_xlsx(program, step: Callable[[int], None]) -> tuple[bytes, str]:
    rows = _rows(program)
    step(60)
    headers = [_("Number"), _("Project"), _("Organization"), _("Grant"), _("Paid"), _("Spent"), _("Activities held"),
               _("Person-times"), _("People served"), _("Volunteer hours"), _("Behind plan"), _("Mid-term evaluation"),
               _("Final evaluation")]
    data = [[r["project"].number, r["project"].title, r["project"].organization.name, r["project"].grant, r["paid"],
             r["spent"], r["tally"].activities, r["tally"].person_times, r["tally"].beneficiaries,
             round(r["tally"].volunteer_minutes / 60, 1), _("yes") if r["at_risk"] else "",
             _result(r["evaluations"].get("midterm")), _result(r["evaluations"].get("final"))] for r in rows]
    return build_workbook([Sheet(str(program.name)[:31], [str(h) for h in headers], data)]), f"{program.code}-projects.xlsx"


def _result(evaluation) -> str:
    from yichuang.projects.models import EvaluationResult

    return str(EvaluationResult(evaluation.result).label) if evaluation is not None and evaluation.result else ""


BUILDERS = {"program_pdf": program_pdf, "program_xlsx": program_xlsx}
