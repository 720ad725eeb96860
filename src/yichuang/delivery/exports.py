"""Excel exports of the delivery lists (cells made safe by core.exports, like every export)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from yichuang.core.exports import Sheet, xlsx_response


def activities_xlsx(project, activities):
    headers = [_("Number"), _("Date"), _("Planned activity"), _("Place"), _("What was done"), _("Participants"),
               _("Counted from names"), _("Person-times"), _("First-time participants"), _("Volunteers"),
               _("Volunteer hours"), _("Photos")]
    rows = [[a.number, a.held_on, a.planned_name, a.place, a.content, a.participants, _("yes") if a.named else "",
             a.person_times, a.new_participants, a.volunteers, round(a.volunteer_minutes / 60, 1), a.photo_count]
            for a in activities]
    return xlsx_response(f"{project.number}-activities.xlsx", [Sheet(project.number, headers, rows)])


def progress_xlsx(program, rows):
    headers = [_("Number"), _("Project"), _("Organization"), _("Activities held"), _("Person-times"),
               _("People served"), _("Volunteer hours"), _("Last activity"), _("Behind plan")]
    data = [[r["project"].number, r["project"].title, r["project"].organization.name, r["tally"].activities,
             r["tally"].person_times, r["tally"].beneficiaries, round(r["tally"].volunteer_minutes / 60, 1),
             r["last_held_on"], _("yes") if r["at_risk"] else ""] for r in rows]
    return xlsx_response(f"{program.code}-progress.xlsx", [Sheet(str(program.name), headers, data)])
