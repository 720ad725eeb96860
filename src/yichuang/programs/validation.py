"""Rules a program and its rubric must satisfy before they can be saved or started."""

from __future__ import annotations

from django.conf import settings
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
    organizer = getattr(program, "organizer", None) if program.organizer_id else None
    if organizer is not None and organizer.org_type not in settings.PROGRAM_ORGANIZER_TYPES:
        errors["organizer"] = _(
            "%(name)s is a %(type)s: only a government department, foundation, social-work station or hub "
            "organization may organise a program, never an organization that applies to it."
        ) % {"name": organizer.name, "type": organizer.get_org_type_display()}
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


def check_tranche_plan(tranches: list[dict], *, required: bool) -> None:
    """The plan of the agreement: fixed amounts are paid first, the shares divide the rest of the grant
    and must add up to exactly 100 % (so the plan adds up to the grant, whatever the grant)."""
    if not tranches:
        if required:
            raise ValidationError(_("Add the tranche plan: when each part of a grant is paid."), code="tranche_plan_missing")
        return
    shares = [t.get("percent_bp") for t in tranches if t.get("percent_bp")]
    if not shares:
        raise ValidationError(
            _("At least one tranche must be a share of the grant, so that the plan adds up to every grant.")
        )
    total = sum(shares)
    if total != 10000:
        raise ValidationError(
            _("The tranche shares add up to %(total)s%%; they must add up to exactly 100%%.")
            % {"total": _percent(total)}
        )


def _percent(basis_points: int) -> str:
    whole, rest = divmod(basis_points, 100)
    return f"{whole}" if not rest else f"{whole}.{rest:02d}".rstrip("0")
