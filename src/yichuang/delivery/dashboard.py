"""The officers' dashboard: money, projects and delivery figures by program, domain, area and year.

Every figure is a grouped sum over projects (money from the ledger, delivery from the tallies, which
`check-ledger` keeps equal to the activity records), so each chart is one or two SQL queries whatever
the number of projects. Each chart is a ``Chart``: a title, column headers and rows; the page draws it
with ECharts, shows the same rows as a table, and exports them to Excel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from yichuang.kernel.money import Money
from yichuang.ledger.models import Posting
from yichuang.places.models import AreaLevel, ServiceDomain
from yichuang.projects.models import Project, ProjectStatus

STREET = "street_name"  # the street a project counts for (annotated by _delivery)


@dataclass
class Filters:
    program: int | None = None
    year: int | None = None
    area_path: str = ""
    domain: int | None = None

    def apply(self, projects: QuerySet[Project]) -> QuerySet[Project]:
        if self.program:
            projects = projects.filter(program_id=self.program)
        if self.year:
            projects = projects.filter(program__year=self.year)
        if self.area_path:
            projects = projects.filter(application__community__path__startswith=self.area_path)
        if self.domain:
            projects = projects.filter(application__domain_id=self.domain)
        return projects


@dataclass
class Chart:
    code: str
    title: str
    kind: str  # "bar" or "pie"
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    money_columns: tuple[int, ...] = ()  # columns holding fen, shown and exported as yuan
    plot: tuple[int, ...] = (1,)  # the columns drawn (of one unit, so they share an axis); the table has all

    def series(self) -> dict:
        """What the page's script draws: categories (first column) and one series per other column."""
        def plain(index, value):
            return round(value / 100, 2) if index in self.money_columns else value
        return {"kind": self.kind, "categories": [str(row[0]) for row in self.rows],
                "series": [{"name": str(self.headers[i]), "data": [plain(i, row[i]) for row in self.rows]}
                           for i in self.plot]}

    def display_rows(self) -> list[list]:
        return [[Money(v).format() if i in self.money_columns else v for i, v in enumerate(row)] for row in self.rows]


def _delivery(projects: QuerySet[Project], key: str) -> list[dict]:
    if key == STREET:  # a project placed at a street counts for it; one placed at a community, for its street
        projects = projects.annotate(**{STREET: Case(
            When(application__community__level=AreaLevel.STREET, then=F("application__community__name")),
            When(application__community__level=AreaLevel.COMMUNITY, then=F("application__community__parent__name")),
            default=Value(""))})
    return list(projects.values(key).annotate(
        n=Count("pk"), activities=Coalesce(Sum("tally__activities"), 0), person_times=Coalesce(Sum("tally__person_times"), 0),
        people=Coalesce(Sum(F("tally__named_people") + F("tally__counted_participants")), 0),
        minutes=Coalesce(Sum("tally__volunteer_minutes"), 0)).order_by(key))


def _paid_by(projects: QuerySet[Project], key: str) -> dict:
    """Fen paid (net of claw-backs) per ``key`` of the projects, from the ledger's grant accounts."""
    rows = (Posting.objects.filter(account__code__startswith="project:", account__application__project__in=projects)
            .values(f"account__application__project__{key}").annotate(t=Sum("amount")))
    return {row[f"account__application__project__{key}"]: -int(getattr(row["t"], "fen", row["t"] or 0)) for row in rows}


def money_by_program(projects) -> Chart:
    paid = _paid_by(projects, "program")
    rows = projects.values("program", "program__name").annotate(n=Count("pk"), grant=Sum("grant")).order_by("program__name")
    return Chart("money", _("Money committed and paid, by program"), "bar",
                 [_("Program"), _("Committed"), _("Paid"), _("Projects")],
                 [[r["program__name"], _fen(r["grant"]), paid.get(r["program"], 0), r["n"]] for r in rows],
                 money_columns=(1, 2), plot=(1, 2))


def projects_by_status(projects) -> Chart:
    labels = dict(ProjectStatus.choices)
    rows = projects.values("status").annotate(n=Count("pk")).order_by("status")
    return Chart("status", _("Projects by status"), "pie", [_("Status"), _("Projects")],
                 [[str(labels.get(r["status"], r["status"])), r["n"]] for r in rows])


def delivery_by_domain(projects) -> Chart:
    rows = _delivery(projects, "application__domain")
    names = {d.pk: str(d) for d in ServiceDomain.objects.filter(pk__in=[r["application__domain"] for r in rows])}
    return Chart("domain", _("Person-times, people served and volunteer hours, by domain"), "bar",
                 [_("Domain"), _("Person-times"), _("People served"), _("Volunteer hours"), _("Activities held")],
                 [[names.get(r["application__domain"], "—"), r["person_times"], r["people"], round(r["minutes"] / 60, 1),
                   r["activities"]] for r in rows], plot=(1, 2, 3))


def delivery_by_area(projects, level_key: str, code: str, title: str, label: str) -> Chart:
    rows = _delivery(projects, level_key)
    return Chart(code, title, "bar", [label, _("Person-times"), _("People served"), _("Volunteer hours")],
                 [[r[level_key] or "—", r["person_times"], r["people"], round(r["minutes"] / 60, 1)] for r in rows],
                 plot=(1, 2, 3))


def leverage(projects) -> Chart:
    """Co-funding (the project's own and matched money) per yuan of grant, by program."""
    rows = projects.values("program__name").annotate(grant=Sum("grant"), budget=Sum("application__total_budget")
                                                     ).order_by("program__name")
    data = []
    for r in rows:
        grant, budget = _fen(r["grant"]), _fen(r["budget"])
        other = max(budget - grant, 0)
        data.append([r["program__name"], grant, other, round(other / grant, 2) if grant else 0])
    return Chart("leverage", _("Leverage: other money per yuan of grant, by program"), "bar",
                 [_("Program"), _("Grant"), _("Own and matched money"), _("Per yuan of grant")], data,
                 money_columns=(1, 2), plot=(3,))


def by_year(projects) -> Chart:
    paid = _paid_by(projects, "program__year")
    delivery = {r["program__year"]: r for r in _delivery(projects, "program__year")}
    rows = projects.values("program__year").annotate(n=Count("pk"), grant=Sum("grant")).order_by("program__year")
    return Chart("years", _("Year over year"), "bar",
                 [_("Year"), _("Projects"), _("Committed"), _("Paid"), _("Person-times"), _("Volunteer hours")],
                 [[r["program__year"], r["n"], _fen(r["grant"]), paid.get(r["program__year"], 0),
                   delivery[r["program__year"]]["person_times"], round(delivery[r["program__year"]]["minutes"] / 60, 1)]
                  for r in rows], money_columns=(2, 3), plot=(2, 3))


def _fen(value) -> int:
    return int(getattr(value, "fen", value or 0))


def charts(projects: QuerySet[Project], *, street_level: bool) -> list[Chart]:
    """All charts for the filtered projects. Below a street, areas are communities; above, streets."""
    area = (delivery_by_area(projects, "application__community__name", "community", _("Person-times by community"),
                             _("Community")) if street_level else
            delivery_by_area(projects, STREET, "street", _("Person-times by street"),
                             _("Street")))
    return [money_by_program(projects), projects_by_status(projects), delivery_by_domain(projects), area,
            leverage(projects), by_year(projects)]
