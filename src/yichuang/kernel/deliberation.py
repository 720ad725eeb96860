"""Rules of a deliberation meeting (议事会, open-space meeting), free of any framework.

* Registration: places up to the capacity; past it, the waiting list, promoted in the order people
  joined it when a place is given up.
* Open-space groups: each agenda topic that enough attendees joined becomes a breakout group; the
  others' attendees are asked to choose again (the "law of two feet").
* One person, one vote: a proposal is adopted when more than half of the votes cast on it are for it
  (abstentions count as cast, as in a residents' council: 过半数同意).
* Dot-voting: each attendee spreads at most N dots over the proposals; the meeting adopts its top K
  priorities, and a proposal tied with the K-th is adopted with it (no coin is tossed over a tie).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

REGISTERED, WAITLISTED = "registered", "waitlisted"
FOR, AGAINST, ABSTAIN = "for", "against", "abstain"


def registration_place(capacity: int, registered: int) -> str:
    """Where a new registration goes, given the places already taken."""
    return REGISTERED if registered < capacity else WAITLISTED


def form_groups(joins: Mapping[Hashable, Hashable | None], min_size: int = 2) -> tuple[dict, list]:
    """Breakout groups from the topic each attendee joined: ({topic: [attendees]}, attendees to ask again).

    Attendees keep their order; topics with fewer than ``min_size`` people form no group."""
    by_topic: dict = {}
    for person, topic in joins.items():
        if topic is not None:
            by_topic.setdefault(topic, []).append(person)
    groups = {topic: people for topic, people in by_topic.items() if len(people) >= min_size}
    grouped = {person for people in groups.values() for person in people}
    return groups, [person for person in joins if person not in grouped]


@dataclass(frozen=True)
class Count:
    votes_for: int = 0
    against: int = 0
    abstain: int = 0
    dots: int = 0

    @property
    def cast(self) -> int:
        return self.votes_for + self.against + self.abstain


def count_votes(choices: Iterable[str]) -> Count:
    choices = list(choices)
    return Count(votes_for=choices.count(FOR), against=choices.count(AGAINST), abstain=choices.count(ABSTAIN))


def adopted_by_majority(count: Count) -> bool:
    return count.cast > 0 and 2 * count.votes_for > count.cast


def dots_problem(dots_per_person: int, used_elsewhere: int, wanted: int) -> str | None:
    """Why a person may not put ``wanted`` dots on a proposal, or None."""
    if wanted < 1:
        return "at_least_one"
    if used_elsewhere + wanted > dots_per_person:
        return "too_many"
    return None


def adopted_by_dots(dots: Mapping[Hashable, int], top: int) -> set:
    """The proposals a dot-vote adopts: the ``top`` with most dots, ties with the last included;
    a proposal nobody put a dot on is never adopted."""
    ranked = sorted((n for n in dots.values() if n > 0), reverse=True)
    if not ranked or top < 1:
        return set()
    cutoff = ranked[min(top, len(ranked)) - 1]
    return {key for key, n in dots.items() if n > 0 and n >= cutoff}
