"""What the workflow's guard and effect codes mean, in the reader's language. The codes are data in
every stored workflow; these labels are the one place they are explained (defaults.py takes the known
codes from here)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

GUARD_LABELS = {
    "before_deadline": _("before the application deadline"),
    "document_complete": _("the application is complete"),
    "notice_period_over": _("the public notice period is over"),
    "objections_answered": _("every objection is answered"),
}

EFFECT_LABELS = {
    "snapshot": _("keeps a frozen copy of the application"),
    "run_screening": _("runs the eligibility checks"),
    "notify_applicant": _("tells the applicant"),
    "notify_officers": _("tells the program officers"),
    "open_review_round": _("enters the expert review"),
    "create_project": _("creates the project and its agreement"),
}


def role_labels(codes) -> list[str]:
    from yichuang.accounts.roles import Role

    return [str(Role(code).label) if code in Role.values else str(_("another role")) for code in codes]


def guard_labels(codes) -> list[str]:
    return [str(GUARD_LABELS.get(code, _("another condition"))) for code in codes]


def effect_labels(codes) -> list[str]:
    return [str(EFFECT_LABELS.get(code, _("another effect"))) for code in codes]
