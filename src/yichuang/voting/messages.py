"""Ballot problems in the voter's language."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from yichuang.kernel.money import Money


def problem_text(problem) -> str:
    p = problem.params
    texts = {
        "unknown_project": lambda: _("A chosen project is not on this ballot. Reload the page."),
        "duplicate": lambda: _("Each project can be chosen only once."),
        "empty": lambda: _("Choose at least one project."),
        "not_one": lambda: _("Choose exactly one project."),
        "too_few": lambda: ngettext("Choose at least %(min)s project.", "Choose at least %(min)s projects.",
                                    p.get("min", 0)) % p,
        "too_many": lambda: ngettext("Choose at most %(max)s project.", "Choose at most %(max)s projects.",
                                     p.get("max", 0)) % p,
        "over_budget": lambda: _("The projects you chose cost %(spent)s, more than the budget of %(budget)s.") % {
            "spent": Money(p.get("spent", 0)).format(), "budget": Money(p.get("budget", 0)).format()},
        "points_not_whole": lambda: _("Give whole points, above zero."),
        "points_over_max": lambda: _("Give at most %(max)s points to one project.") % p,
        "points_over_total": lambda: _("Your points add up to %(given)s; you have %(total)s to give.") % p,
    }
    return texts.get(problem.code, lambda: _("This ballot is not valid."))()
