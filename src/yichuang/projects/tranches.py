"""Releasing tranches with four eyes: one officer proposes, a different officer approves, and the
approval posts the payment to the ledger. Holds, reductions, cancellations and claw-backs."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.kernel.money import Money
from yichuang.ledger import accounts
from yichuang.ledger.models import Account, Entry, Posting
from yichuang.ledger.services import entry_post, entry_reverse
from yichuang.projects import permissions
from yichuang.projects.models import EVALUATION_TRIGGERS, OPEN_AMENDMENT, PlanAmendment, Tranche, TrancheStatus

OPEN = (TrancheStatus.SCHEDULED, TrancheStatus.PROPOSED, TrancheStatus.HELD)


def _locked(tranche: Tranche) -> Tranche:
    return (Tranche.objects.select_for_update(of=("self",))
            .select_related("project__program__area", "project__agreement").get(pk=tranche.pk))


def _require_officer(actor, tranche: Tranche) -> None:
    if not permissions.is_officer(actor, tranche.project):
        raise PermissionDenied


def paid_to(project) -> int:
    """Fen paid to the project so far, net of claw-backs (what its grant account has paid out)."""
    total = Posting.objects.filter(account__code=accounts.project_grant_code(project)).aggregate(t=Sum("amount"))["t"]
    return -int(getattr(total, "fen", total or 0))


def _log(actor, tranche: Tranche, action: str, extra: dict | None = None, **fields) -> None:
    log_action(actor=actor, action=f"projects.tranche.{action}", obj=tranche, area_path=tranche.project.program.area.path,
               after={"position": tranche.position, "amount": tranche.amount.fen, "status": tranche.status,
                      **(extra or {})}, **fields)


def _check_order(tranche: Tranche) -> None:
    """Tranches are released in the agreement's order: every earlier one paid or cancelled first."""
    earlier = (Tranche.objects.filter(project=tranche.project_id, position__lt=tranche.position)
               .exclude(status__in=(TrancheStatus.PAID, TrancheStatus.CANCELLED)).order_by("position").first())
    if earlier is not None:
        raise ValidationError(_("Tranche %(n)s is still “%(status)s”: tranches are released in the order of the agreement.")
                              % {"n": earlier.position + 1, "status": earlier.get_status_display()})


# A tranche triggered by an evaluation is released only on a recorded, passed evaluation. Evaluations
# are recorded by the delivery app (above this one), which registers how to find one at start-up.
_EVALUATION_GATES: list[Callable[[Tranche], bool]] = []


def register_evaluation_gate(gate: Callable[[Tranche], bool]) -> None:
    if gate not in _EVALUATION_GATES:
        _EVALUATION_GATES.append(gate)


def evaluation_passed(tranche: Tranche) -> bool:
    """Whether the evaluation this tranche waits for is recorded as passed (True for other triggers)."""
    return tranche.trigger not in EVALUATION_TRIGGERS or any(gate(tranche) for gate in _EVALUATION_GATES)


def _check_evaluation(tranche: Tranche) -> None:
    if not evaluation_passed(tranche):
        raise ValidationError(_("Tranche %(n)s is released after a passed evaluation, and none is recorded yet: "
                                "the program's officer decides the evaluation first.") % {"n": tranche.position + 1})


@transaction.atomic
def tranche_propose(*, actor, tranche: Tranche, amount: Money | None = None, note: str = "") -> Tranche:
    tranche = _locked(tranche)
    _require_officer(actor, tranche)
    if tranche.status != TrancheStatus.SCHEDULED:
        raise ValidationError(_("Only a scheduled tranche can be proposed for release; this one is “%(status)s”.")
                              % {"status": tranche.get_status_display()})
    agreement = getattr(tranche.project, "agreement", None)
    if agreement is None or not agreement.is_signed:
        raise ValidationError(_("Both sides must confirm the agreement before any money is released."))
    _check_order(tranche)
    if PlanAmendment.objects.filter(project=tranche.project_id, status__in=OPEN_AMENDMENT).exists():
        raise ValidationError(_("An amendment of the tranche plan is open: it is approved or rejected before money is released."))
    if tranche.trigger == "date" and tranche.due_on and tranche.due_on > timezone.localdate():
        raise ValidationError(_("This tranche is due on %(date)s.") % {"date": tranche.due_on.isoformat()})
    amount = tranche.amount if amount is None else amount
    if amount.fen <= 0:
        raise ValidationError({"amount": _("Enter an amount above zero.")})
    if amount.fen > tranche.amount.fen:
        raise ValidationError({"amount": _(
            "%(amount)s is more than this tranche's %(planned)s in the agreement; changing the plan is an amendment "
            "of the agreement.") % {"amount": amount.format(), "planned": tranche.amount.format()}})
    remaining = tranche.project.grant.fen - paid_to(tranche.project)
    if amount.fen > remaining:
        raise ValidationError({"amount": _("%(amount)s is more than the %(remaining)s left of the grant.")
                               % {"amount": amount.format(), "remaining": Money(remaining).format()}})
    _check_evaluation(tranche)
    before = tranche.amount.fen
    tranche.amount, tranche.status, tranche.note = amount, TrancheStatus.PROPOSED, note.strip()[:300]
    tranche.proposed_by, tranche.proposed_at = actor, timezone.now()
    tranche.save()
    _log(actor, tranche, "proposed", before={"amount": before})
    return tranche


@transaction.atomic
def tranche_approve(*, actor, tranche: Tranche) -> Tranche:
    """The second officer's approval pays the tranche. The status changes by a conditional update
    first, so two officers approving at once produce exactly one payment."""
    tranche = _locked(tranche)
    _require_officer(actor, tranche)
    if tranche.proposed_by_id == actor.pk:
        raise ValidationError(_("You proposed this release; another officer must approve it."))
    _check_evaluation(tranche)
    claimed = Tranche.objects.filter(pk=tranche.pk, status=TrancheStatus.PROPOSED).update(
        status=TrancheStatus.PAID, approved_by=actor, approved_at=timezone.now())
    if not claimed:
        raise ValidationError(_("This tranche is no longer waiting for approval (it may just have been paid)."))
    project = tranche.project
    grants = accounts.program_grants_account(actor=actor, program=project.program)
    grant_account = Account.objects.get(code=accounts.project_grant_code(project))
    payment = entry_post(
        actor=actor, kind="payment", reference=tranche.reference,
        memo=_("Tranche %(n)s of %(number)s") % {"n": tranche.position + 1, "number": project.number},
        lines=[(grants, tranche.amount.fen), (grant_account, -tranche.amount.fen)])
    Tranche.objects.filter(pk=tranche.pk).update(payment=payment)
    tranche.refresh_from_db()
    _log(actor, tranche, "paid", reason=f"entry {payment.pk}")
    return tranche


@transaction.atomic
def tranche_return(*, actor, tranche: Tranche, reason: str) -> Tranche:
    """Send a proposal back (not approved): the tranche is scheduled again."""
    return _set_status(actor, tranche, (TrancheStatus.PROPOSED,), TrancheStatus.SCHEDULED, reason, "returned")


@transaction.atomic
def tranche_hold(*, actor, tranche: Tranche, reason: str) -> Tranche:
    """After a failed or "rectify" evaluation: nothing is released until the hold is lifted."""
    return _set_status(actor, tranche, (TrancheStatus.SCHEDULED, TrancheStatus.PROPOSED), TrancheStatus.HELD, reason,
                       "held")


@transaction.atomic
def tranche_resume(*, actor, tranche: Tranche, reason: str) -> Tranche:
    return _set_status(actor, tranche, (TrancheStatus.HELD,), TrancheStatus.SCHEDULED, reason, "resumed")


@transaction.atomic
def tranche_cancel(*, actor, tranche: Tranche, reason: str) -> Tranche:
    return _set_status(actor, tranche, OPEN, TrancheStatus.CANCELLED, reason, "cancelled")


def _set_status(actor, tranche, allowed, status, reason: str, action: str) -> Tranche:
    tranche = _locked(tranche)
    _require_officer(actor, tranche)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason; the organization sees it.")})
    if tranche.status not in allowed:
        raise ValidationError(_("This is not possible while the tranche is “%(status)s”.")
                              % {"status": tranche.get_status_display()})
    tranche.status, tranche.note = status, reason.strip()[:300]
    if status == TrancheStatus.SCHEDULED:
        tranche.proposed_by = tranche.proposed_at = None
    tranche.save(update_fields=["status", "note", "proposed_by", "proposed_at"])
    _log(actor, tranche, action, reason=reason)
    return tranche


@transaction.atomic
def tranche_reduce(*, actor, tranche: Tranche, amount: Money, reason: str) -> Tranche:
    """Lower an unpaid tranche (a partly failed evaluation); the grant limit itself does not change."""
    tranche = _locked(tranche)
    _require_officer(actor, tranche)
    if tranche.status not in (TrancheStatus.SCHEDULED, TrancheStatus.HELD):
        raise ValidationError(_("Only a scheduled or held tranche can be reduced."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason; the organization sees it.")})
    if not 0 <= amount.fen < tranche.amount.fen:
        raise ValidationError({"amount": _("Enter an amount below the current %(amount)s.")
                               % {"amount": tranche.amount.format()}})
    before = tranche.amount.fen
    tranche.amount, tranche.note = amount, reason.strip()[:300]
    tranche.save(update_fields=["amount", "note"])
    _log(actor, tranche, "reduced", before={"amount": before}, reason=reason)
    return tranche


@transaction.atomic
def tranche_claw_back(*, actor, tranche: Tranche, amount: Money, reason: str) -> Entry:
    """Take back money paid with a tranche: the whole payment is reversed by its mirror entry, a part
    by a claw-back entry pointing at the tranche. Never more than was paid with it."""
    tranche = _locked(tranche)
    _require_officer(actor, tranche)
    if tranche.status != TrancheStatus.PAID:
        raise ValidationError(_("Only a paid tranche can be clawed back."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason; the organization sees it.")})
    taken = clawed_back(tranche)
    if not 0 < amount.fen <= tranche.amount.fen - taken:
        raise ValidationError({"amount": _("Enter an amount above zero and at most the %(left)s not yet clawed back.")
                               % {"left": Money(tranche.amount.fen - taken).format()}})
    if amount.fen == tranche.amount.fen:
        entry = entry_reverse(actor=actor, entry=tranche.payment, reason=reason)
    else:
        project = tranche.project
        grants = accounts.program_grants_account(actor=actor, program=project.program)
        grant_account = Account.objects.get(code=accounts.project_grant_code(project))
        entry = entry_post(actor=actor, kind="clawback", memo=reason, reference=tranche.reference,
                           lines=[(grant_account, amount.fen), (grants, -amount.fen)])
    _log(actor, tranche, "clawed_back", extra={"clawed_back": amount.fen, "entry": entry.pk}, reason=reason)
    return entry


def clawed_back(tranche: Tranche) -> int:
    """Fen taken back from this tranche's payment so far."""
    total = Posting.objects.filter(entry__reference=tranche.reference, entry__kind__in=("clawback", "reversal"),
                                   amount__gt=0).aggregate(t=Sum("amount"))["t"]
    return int(getattr(total, "fen", total or 0))
