"""Rules a program and its rubric must satisfy before they can be saved or started."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def check_program(program, *, domains: list) -> None:
    errors: dict[str, str] = {}
    if program.min_grant is not None and program.max_grant is not None and program.min_grant > program.max_grant:
        errors["max_grant"] = _("The maximum grant cannot be below the minimum grant.")
    if program.max_grant is not None and program.total_budget is not None and program.max_grant > program.total_budget:
        errors["max_grant"] = _("The maximum grant cannot exceed the program's total budget.")
    if program.max_grant_ratio_bp is not None and not 1 <= program.max_grant_ratio_bp <= 10000:
        errors["max_grant_ratio_bp"] = _("The share must be between 0.01% and 100%.")
    if program.applications_open_at and program.applications_close_at:
        if program.applications_close_at <= program.applications_open_at:
            errors["applications_close_at"] = _("The deadline must come after the opening.")
    if not domains:
        errors["domains"] = _("Choose at least one service domain for the program.")
    if errors:
        raise ValidationError(errors)


def check_rubric(content: dict) -> None:
    criteria = content.get("criteria") or []
    if not criteria:
        raise ValidationError(_("A rubric needs at least one criterion."))
    codes = [c.get("code") for c in criteria]
    if len(set(codes)) != len(codes) or not all(codes):
        raise ValidationError(_("Every criterion needs its own code."))
    if any(int(c.get("max_points") or 0) <= 0 or int(c.get("weight") or 0) <= 0 for c in criteria):
        raise ValidationError(_("Every criterion needs a positive weight and maximum score."))
    total = sum(int(c["weight"]) for c in criteria)
    if total != 100:
        raise ValidationError(_("The weights of the criteria add up to %(total)s; they must add up to 100.") % {"total": total})
    if int(content.get("review_weight_bp", 10000)) + int(content.get("roadshow_weight_bp", 0)) != 10000:
        raise ValidationError(_("The review and roadshow weights must add up to 100%."))
