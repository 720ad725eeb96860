"""Activity problems (kernel.delivery codes) in the reader's language."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from yichuang.core.templatetags.yichuang import day  # the pages' words for dates


def problem_text(code: str, params: dict) -> str:
    if code == "future":
        return _("An activity cannot be recorded before it happens: choose a date up to today.")
    if code == "outside_period":
        return _("The project runs from %(start)s to %(end)s: choose a date within it.") % {
            "start": day(datetime.date.fromisoformat(params["start"])), "end": day(datetime.date.fromisoformat(params["end"]))}
    if code == "no_participants":
        return _("Name at least one participant or enter how many took part.")
    if code == "below_participants":
        return _("Person-times cannot be fewer than the %(participants)s participants.") % params
    if code == "new_above_participants":
        return _("First-time participants cannot be more than the %(participants)s participants.") % params
    if code == "hours_without_volunteers":
        return _("Volunteer hours need the number of volunteers who gave them.")
    if code == "over_a_day":
        return _("%(volunteers)s volunteer(s) cannot give more than 24 hours each in one day.") % params
    return code
