"""The roll-up of a project's activity records (``ProjectTally``), recounted from the records in the
transaction that changed one, and compared with them by `yichuang check-ledger`'s registered checks."""

from __future__ import annotations

from django.db.models import Count, Max, Q, Sum

from yichuang.delivery.models import Activity, Attendance, ProjectTally
from yichuang.kernel.delivery import Totals

FIELDS = ("activities", "person_times", "named_people", "counted_participants", "volunteer_minutes", "last_held_on")
EMPTY = {"activities": 0, "person_times": 0, "named_people": 0, "counted_participants": 0, "volunteer_minutes": 0,
         "last_held_on": None}


def lock(project) -> ProjectTally:
    """The project's tally row, locked: activity writes of one project go one after another."""
    ProjectTally.objects.get_or_create(project=project)
    return ProjectTally.objects.select_for_update(of=("self",)).get(project=project)


def _sums(**filters) -> dict[int, dict]:
    """The tally fields of each project, from its records (two grouped queries)."""
    rows = Activity.objects.filter(**filters).values("project_id").annotate(
        activities=Count("pk"), person_times=Sum("person_times"), volunteer_minutes=Sum("volunteer_minutes"),
        counted_participants=Sum("new_participants", filter=Q(named=False)), last_held_on=Max("held_on"))
    named = dict(Attendance.objects.filter(**{f"activity__{k}": v for k, v in filters.items()})
                 .values_list("activity__project_id").annotate(n=Count("beneficiary", distinct=True)))
    return {row["project_id"]: {**EMPTY, **{k: v or EMPTY[k] for k, v in row.items() if k in EMPTY},
                                "named_people": named.get(row["project_id"], 0)} for row in rows}


def recount(tally: ProjectTally) -> ProjectTally:
    for name, value in _sums(project_id=tally.project_id).get(tally.project_id, EMPTY).items():
        setattr(tally, name, value)
    tally.save(update_fields=list(FIELDS))
    return tally


def totals(tally: ProjectTally | None) -> Totals:
    if tally is None:
        return Totals()
    return Totals(**{name: getattr(tally, name) for name in FIELDS if name != "last_held_on"})


def problems() -> list[str]:
    """Tallies that differ from their records (for `yichuang check-ledger`)."""
    sums = _sums()
    found = []
    for tally in ProjectTally.objects.select_related("project"):
        records = sums.pop(tally.project_id, EMPTY)
        if any(getattr(tally, name) != value for name, value in records.items()):
            found.append(f"delivery tally of project {tally.project.number} differs from its activity records")
    found += [f"activities of project #{project_id} have no tally" for project_id in sums]
    return found
