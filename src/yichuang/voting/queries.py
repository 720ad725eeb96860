"""Reading votes: the ballot as shown to a voter, turnout, and a tally as table rows."""

from __future__ import annotations

from django.db.models import Count

from yichuang.kernel.money import Money
from yichuang.kernel.numbers import parse_whole
from yichuang.voting.models import Ballot, Vote


def options(vote: Vote) -> list:
    return list(vote.options.select_related("application__organization", "application__community"))


def turnout(vote: Vote) -> dict:
    by_source = dict(vote.ballots.values_list("source").annotate(n=Count("id")))
    return {"total": sum(by_source.values()), "by_source": by_source}


def current_choices(vote: Vote, voter) -> dict[int, int | None]:
    """The voter's ballot as {option id: points or position (1-based for ranked)}."""
    ballot = Ballot.objects.filter(vote=vote, voter=voter).first()
    if ballot is None:
        return {}
    if vote.ballot_type == "ranked":
        return {pid: i + 1 for i, (pid, _points) in enumerate(ballot.choices)}
    return {pid: points for pid, points in ballot.choices}


def tally_rows(vote: Vote, result: dict) -> list[dict]:
    selected = result.get("selected", [])
    rows = []
    for option in options(vote):
        key = str(option.pk)
        share = result.get("shares", {}).get(key)
        rows.append({"option": option, "score": result.get("scores", {}).get(key, 0), "selected": key in selected,
                     "order": selected.index(key) + 1 if key in selected else None,
                     "share": share and {"supporters": share["supporters"], "min": Money(share["min"]),
                                         "max": Money(share["max"])}})
    return sorted(rows, key=lambda r: (not r["selected"], r["order"] or 0, -r["score"]))


def choices_from_post(vote: Vote, post) -> list[tuple[str, int | None]]:
    """The ballot a form posted, in the voter's order; unreadable points are left for the rules to refuse."""
    ids = [str(o.pk) for o in vote.options.all()]
    if vote.ballot_type in ("approval", "knapsack", "choose_one"):
        return [(pid, None) for pid in post.getlist("choice") if pid in ids]
    picked = []
    for pid in ids:
        text = (post.get(f"points-{pid}") or "").strip()
        if text:
            number = parse_whole(text)
            picked.append((pid, number if number is not None else -1))
    if vote.ballot_type == "ranked":
        return [(pid, None) for pid, _position in sorted(picked, key=lambda c: c[1])]
    return picked


def phone_forms(text: str) -> list[str]:
    """The stored forms a full mobile number may have (E.164, or the eleven digits of older records)."""
    from yichuang.kernel.identifiers import IdentifierError, validate_cn_phone

    try:
        e164 = validate_cn_phone(text)
    except IdentifierError:
        return []
    return [e164, e164.removeprefix("+86")]


def find_resident(residents, query: str):
    """Residents by their full name or their full mobile number, never by a fragment: a search
    must not reveal the hidden digits of anyone's number."""
    from django.db.models import Q

    match = Q(display_name=query)
    phones = phone_forms(query)
    if phones:
        match |= Q(phone__in=phones)
    return residents.filter(match).order_by("display_name")[:20]
