"""Users' words for what the kernel reports in codes (solver infeasibility, score problems)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from yichuang.applications.models import Application
from yichuang.reviews.models import Expert


def _display(instance_id: str) -> str:
    """"a12" → the application's number, "e7" → the expert's name (the solver speaks in ids)."""
    kind, pk = instance_id[:1], instance_id[1:]
    model = {"a": Application, "e": Expert}.get(kind)
    if model is None or not pk.isdigit():
        return instance_id
    obj = model.objects.filter(pk=int(pk)).first()
    if obj is None:
        return instance_id
    return obj.number if kind == "a" else obj.name


def infeasible_message(problem, instance: dict) -> str:
    """Why no assignment exists, in the user's language, naming applications and experts."""
    params = dict(getattr(problem, "params", {}) or {})
    for key in ("application", "expert"):
        if key in params:
            params[key] = _display(str(params[key]))
    code = getattr(problem, "code", "")
    templates = {
        "too_few_experts": _("Application %(application)s has only %(available)s experts without a conflict; "
                             "%(needed)s are needed. Add experts to the panel or lower the reviewers per application."),
        "capacity_short": _("%(demand)s reviews are needed, but the experts can take at most %(capacity)s. "
                            "Raise the most applications per expert or add experts."),
        "min_load_excess": _("The experts' fewest applications add up to %(minimum)s, more than the %(demand)s "
                             "reviews needed. Lower the fewest applications per expert."),
        "expert_min_unreachable": _("%(expert)s must review at least %(min_load)s applications but may review only "
                                    "%(eligible)s of them. Lower their fewest applications."),
        "pin_conflict": _("A pinned pair is not allowed: %(expert)s has a conflict with %(application)s."),
        "pins_exceed": _("More experts are pinned to %(application)s than the reviewers it needs."),
        "pins_over_load": _("%(expert)s is pinned to more applications than they may review."),
    }
    template = templates.get(code)
    if template is None:
        return _("No assignment meets every rule: %(reason)s") % {"reason": str(problem)}
    try:
        return template % params
    except (KeyError, TypeError, ValueError):
        return _("No assignment meets every rule: %(reason)s") % {"reason": str(problem)}


def score_problem_message(problem, rubric: dict) -> str:
    """A score-sheet problem in the expert's words, naming the criterion."""
    from yichuang.reviews.forms import criterion_label

    items = {item["code"]: item for item in [*rubric.get("criteria", []), *rubric.get("bonus", [])]}
    label = criterion_label(items[problem.item]) if problem.item in items else problem.item
    params = {"criterion": label, **problem.params}
    templates = {
        "missing": _("Score “%(criterion)s”, or mark it n/a if the rubric allows."),
        "not_a_number": _("“%(criterion)s”: enter points as a number, for example 17 or 17.5."),
        "too_precise": _("“%(criterion)s”: use at most one decimal place, for example 17.5."),
        "out_of_range": _("“%(criterion)s”: points must be between %(min)s and %(max)s; you entered %(value)s."),
        "na_not_allowed": _("“%(criterion)s” cannot be marked n/a in this rubric."),
        "unknown_criterion": _("The score sheet changed since you opened it. Reload the page."),
        "all_na": _("At least one criterion needs points: a review cannot be entirely n/a."),
    }
    return templates.get(problem.code, templates["not_a_number"]) % params
