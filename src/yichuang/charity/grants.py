"""Spending a fund: grants proposed by its managers and decided by its committee, management costs,
and payment — one balanced ledger entry and the gifts it draws on (first in, first out).

Payments are taken under the fund's row lock, so two payments cannot both spend the last money: the
second finds the gifts already drawn and is refused with the amount left.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.charity import periods, permissions
from yichuang.charity.accounts import HOLDINGS, RESTRICTED, UNRESTRICTED, account, available
from yichuang.charity.models import CommitteeMember, Donation, Draw, Fund, Grant, GrantVote
from yichuang.core.audit import log_action
from yichuang.kernel import charity as rules
from yichuang.kernel.money import Money
from yichuang.ledger.services import entry_post
from yichuang.notifications.messenger import Message, notify
from yichuang.participation.models import MicroWish
from yichuang.participation.wishes import wish_adopt_for
from yichuang.projects.models import Project, ProjectStatus

ENTRY_KINDS = {Grant.Kind.COST: "fund_cost"}  # every other kind is a grant out of the fund


@dataclass
class GrantText:
    kind: str
    purpose: str
    amount: Money
    restriction: str = ""
    project: object = None
    wish: object = None
    recipient: str = ""


def _short_of(fund: Fund, text: GrantText) -> str | None:
    left = available(fund, text.restriction)
    if text.amount.fen <= left.fen:
        return None
    if text.restriction:
        return _("Money restricted to “%(what)s” has only %(left)s left.") % {"what": text.restriction,
                                                                          "left": left.format()}
    return _("The fund's unrestricted money has only %(left)s left.") % {"left": left.format()}


def _recipient_problems(fund: Fund, text: GrantText) -> dict[str, str]:
    errors = {}
    if text.kind == Grant.Kind.PROJECT and text.project is None:
        errors["project"] = _("Choose the project the fund co-funds.")
    elif text.kind == Grant.Kind.PROJECT and Project.objects.filter(pk=text.project.pk, status=ProjectStatus.CLOSED).exists():
        errors["project"] = _("This project has ended: a grant can no longer co-fund it.")
    if text.kind == Grant.Kind.WISH:
        if text.wish is None or text.wish.status != MicroWish.Status.PUBLISHED:
            errors["wish"] = _("Choose a micro-wish that is waiting to be adopted.")
        elif not permissions.serves(fund, text.wish.area):
            errors["wish"] = _("This wish is outside the areas the fund serves.")
        elif Grant.objects.filter(wish=text.wish, status__in=(Grant.Status.PROPOSED, Grant.Status.APPROVED)).exists():
            errors["wish"] = _("A grant for this wish is already before the committee.")
    if text.kind == Grant.Kind.EMERGENCY and not text.recipient.strip():
        errors["recipient"] = _("Say who receives the aid (kept with the fund's managers, never published).")
    if text.kind == Grant.Kind.COST and text.restriction:
        errors["restriction"] = _("Management costs are paid from unrestricted money only.")
    return errors


def _problems(fund: Fund, text: GrantText) -> dict[str, str]:
    errors = {}
    if text.kind not in Grant.Kind.values:
        errors["kind"] = _("Choose what the money is for.")
    if not text.purpose.strip():
        errors["purpose"] = _("Say what the money pays for: it is published with the grant.")
    if not isinstance(text.amount, Money) or text.amount.fen <= 0:
        errors["amount"] = _("A grant is more than ¥0.")
    if errors:
        return errors
    errors.update(_recipient_problems(fund, text))
    short = _short_of(fund, text)
    if short:
        errors["amount"] = short
    return errors


@transaction.atomic
def grant_propose(*, actor, fund: Fund, text: GrantText, is_sample: bool = False) -> Grant:
    """A manager proposes a grant to the committee; a management cost needs no vote and waits to be paid."""
    if not permissions.manages(actor, fund):
        raise PermissionDenied
    errors = _problems(fund, text)
    if errors:
        raise ValidationError(errors)
    cost = text.kind == Grant.Kind.COST
    grant = Grant.objects.create(
        fund=fund, kind=text.kind, purpose=text.purpose.strip(), amount=text.amount, restriction=text.restriction,
        project=text.project, wish=text.wish, recipient=text.recipient.strip(),
        organization=text.project.organization if text.project else None,
        status=Grant.Status.APPROVED if cost else Grant.Status.PROPOSED, proposed_by=actor,
        decided_at=timezone.now() if cost else None, is_sample=is_sample)
    log_action(actor=actor, action="charity.grant.proposed", obj=grant, area_path=fund.community.path,
               after={"kind": text.kind, "fen": text.amount.fen, "restriction": text.restriction})
    if not cost:
        members = [m.user for m in fund.committee.select_related("user") if m.user is not None]
        notify(members, lambda user: Message(
            "charity.grant_proposed", _("A grant waits for your vote: %(what)s") % {"what": grant.purpose},
            _("%(fund)s · %(amount)s") % {"fund": fund.name, "amount": grant.amount.format()},
            reverse("charity:grant", args=[grant.pk])), kind="charity.grant_proposed")
    return grant


def conflict(member: CommitteeMember, grant: Grant) -> bool:
    return bool(member.organization_id and member.organization_id == grant.organization_id)


def tally(grant: Grant, members: list[CommitteeMember]) -> dict:
    """Approvals, rejections, who may vote (members without a conflict) and the resulting state."""
    votes = list(grant.votes.all())
    approvals = sum(v.approve for v in votes)
    eligible = sum(not conflict(m, grant) for m in members)
    return {"approvals": approvals, "rejections": len(votes) - approvals, "eligible": eligible,
            "state": rules.approval_state(approvals, len(votes) - approvals, eligible, grant.fund.quorum)}


@transaction.atomic
def grant_vote(*, actor, grant: Grant, member: CommitteeMember, approve: bool) -> Grant:
    """A member votes signed in, or a manager records a member's vote from the committee's meeting."""
    grant = Grant.objects.select_for_update(of=("self",)).select_related("fund__community", "organization").get(pk=grant.pk)
    member = CommitteeMember.objects.get(pk=member.pk)  # its organization as stored, not as the caller holds it
    if member.fund_id != grant.fund_id or not (member.user_id == actor.pk or permissions.manages(actor, grant.fund)):
        raise PermissionDenied
    if grant.status != Grant.Status.PROPOSED:
        raise ValidationError(_("The committee has already decided on this grant."))
    if conflict(member, grant):
        raise ValidationError(_("%(member)s belongs to %(org)s, which receives this grant: they may not vote on it.")
                              % {"member": member.name, "org": grant.organization.name})
    if GrantVote.objects.filter(grant=grant, member=member).exists():
        raise ValidationError(_("%(member)s has already voted on this grant.") % {"member": member.name})
    GrantVote.objects.create(grant=grant, member=member, approve=approve, recorded_by=actor)
    state = tally(grant, list(grant.fund.committee.all()))["state"]
    if state != "open":
        grant.status = Grant.Status.APPROVED if state == "approved" else Grant.Status.REJECTED
        grant.decided_at = timezone.now()
        grant.save(update_fields=["status", "decided_at"])
    log_action(actor=actor, action="charity.grant.voted", obj=grant, area_path=grant.fund.community.path,
               after={"member": member.pk, "approve": approve, "status": grant.status})
    return grant


def _draw(fund: Fund, grant: Grant) -> list[tuple[int, int]]:
    """The gifts the payment draws on, oldest first, read under the fund's lock."""
    pots = (Donation.objects.filter(fund=fund, status=Donation.Status.RECEIVED, restriction=grant.restriction,
                                    unspent__gt=0).order_by("received_on", "id").values_list("id", "unspent"))
    chosen, needed = [], grant.amount.fen
    for pot, unspent in pots.iterator(chunk_size=200):
        chosen.append((pot, unspent.fen))
        needed -= unspent.fen
        if needed <= 0:
            break
    try:
        return rules.draw_first_in_first_out(grant.amount.fen, chosen)
    except ValueError:
        raise ValidationError(_short_of(fund, GrantText(grant.kind, grant.purpose, grant.amount,
                                                        grant.restriction))) from None


@transaction.atomic
def grant_pay(*, actor, grant: Grant, paid_on: dt.date) -> Grant:
    """Pay an approved grant (or a management cost): the ledger entry, the gifts drawn, and for a
    micro-wish its adoption by the fund."""
    fund = Fund.objects.select_for_update(of=("self",)).select_related("community").get(pk=grant.fund_id)
    grant = Grant.objects.select_related("wish__area").get(pk=grant.pk)
    if not permissions.manages(actor, fund):
        raise PermissionDenied
    if grant.status == Grant.Status.PROPOSED:
        approvals = tally(grant, list(fund.committee.all()))["approvals"]
        raise ValidationError(_("The committee has not approved this grant: %(n)s of the %(quorum)s approvals "
                                "it needs.") % {"n": approvals, "quorum": fund.quorum})
    if grant.status != Grant.Status.APPROVED:
        raise ValidationError(_("Only an approved grant can be paid."))
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("A payment cannot be made in the future.")})
    draws = _draw(fund, grant)
    for pot, take in draws:
        Donation.objects.filter(pk=pot).update(unspent=F("unspent") - take)
    Draw.objects.bulk_create([Draw(grant=grant, donation_id=pot, amount=Money(take)) for pot, take in draws])
    source = account(fund, RESTRICTED if grant.restriction else UNRESTRICTED)
    grant.entry = entry_post(actor=actor, kind=ENTRY_KINDS.get(grant.kind, "fund_grant"), memo=grant.purpose,
                             reference=f"grant:{grant.pk}", lines=[(source, grant.amount.fen),
                                                                   (account(fund, HOLDINGS), -grant.amount.fen)])
    periods.count_payment(fund, paid_on, grant.amount.fen, bool(grant.restriction), grant.kind == Grant.Kind.COST)
    grant.status, grant.paid_on, grant.paid_by = Grant.Status.PAID, paid_on, actor
    grant.save(update_fields=["status", "paid_on", "paid_by", "entry"])
    if grant.wish is not None:
        wish_adopt_for(actor=actor, wish=grant.wish, sponsor=fund.name)
    log_action(actor=actor, action="charity.grant.paid", obj=grant, area_path=fund.community.path,
               after={"fen": grant.amount.fen, "draws": len(draws)})
    return grant
