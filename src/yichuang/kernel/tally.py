"""Tallying resident votes: scores from ballots, greedy rules, the Method of Equal Shares.

Rules (the names Pabulib uses):

- ``greedy`` — by score, highest first, taking every project that still fits (skipping the rest);
- ``greedy-no-skip`` — the same, but stopping at the first project that does not fit (a project
  costing more than the whole budget can never fit and is passed over);
- ``greedy-threshold`` — only projects whose score reaches the threshold, then ``greedy``;
- ``equalshares/add1`` — the Method of Equal Shares, completed by raising every voter's budget by
  one unit at a time as long as the outcome stays within the real budget ("add1"), also after the
  outcome is already exhaustive; when everything is affordable, no completion;
- ``equalshares/add1-comparison`` — the same, then compared with the outcome by most approvals: the
  Equal Shares outcome is kept unless more voters prefer the other one (more of their approved
  projects funded).

Equal Shares follows the reference that cities use (the equalshares.net compute tool): ties between
equally good projects go to the one with more votes, then the cheaper one, then the earlier one in
the file (the tool stops with an error where its configured tie-breaking runs out).

Scores: approval and choose-1 count ballots; ordinal ballots give max_length points to the first
choice, one less to each next; cumulative ballots add their points. Ties are broken by the lower
cost, then by the order of the projects in the file. docs/tally.md explains each rule.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from yichuang.kernel.pabulib import Election

DENSE_LIMIT = 5_000  # voters × projects below which a round is one matrix computation
RULES = ("greedy", "greedy-no-skip", "greedy-threshold", "equalshares/add1", "equalshares/add1-comparison")


@dataclass(frozen=True)
class Outcome:
    rule: str
    selected: list[str]  # in the order the rule chose them
    scores: dict
    seconds: float
    shares: dict | None = None  # Equal Shares: project → {voter index: payment}, for "how the cost was shared"


def scores(election: Election) -> dict[str, int]:
    totals = {pid: 0 for pid in election.order}
    if election.vote_type == "ordinal":
        top = election.meta_int("max_length") or max((len(b.projects) for b in election.ballots), default=0)
        for ballot in election.ballots:
            for position, pid in enumerate(ballot.projects):
                totals[pid] += top - position
    elif election.vote_type in ("cumulative", "scoring"):
        for ballot in election.ballots:
            for pid, points in zip(ballot.projects, ballot.points or []):
                totals[pid] += points
    else:
        for ballot in election.ballots:
            for pid in ballot.projects:
                totals[pid] += 1
    return totals


def score_mismatches(election: Election) -> list[str]:
    """Projects whose computed score differs from the file's ``score`` (or ``votes``) column."""
    computed = scores(election)
    column = "score" if election.vote_type in ("ordinal", "cumulative", "scoring") else "votes"
    wrong = []
    for pid, project in election.projects.items():
        given = project.row.get(column) or project.row.get("votes")
        if given not in (None, "") and int(Fraction(given)) != computed[pid]:
            wrong.append(f"project {pid}: the file says {given}, the ballots give {computed[pid]}")
    return wrong


def _ranked(election: Election, totals: dict) -> list[str]:
    position = {pid: i for i, pid in enumerate(election.order)}
    return sorted(election.order, key=lambda p: (-totals[p], election.projects[p].cost, position[p]))


def greedy(election: Election, totals: dict | None = None, *, skip: bool = True, threshold: int | None = None,
           budget: Fraction | None = None, start: list[str] | None = None) -> list[str]:
    totals = totals if totals is not None else scores(election)
    total = election.budget if budget is None else budget
    left = total - sum(election.projects[p].cost for p in start or [])
    chosen = list(start or [])
    for pid in _ranked(election, totals):
        if pid in chosen or totals[pid] <= 0 or (threshold is not None and totals[pid] < threshold):
            continue
        cost = election.projects[pid].cost
        if cost <= left:
            chosen.append(pid)
            left -= cost
        elif not skip and cost <= total:
            break  # a project above the whole budget can never be funded (Pabulib marks withdrawn ones so)
    return chosen


# --- the Method of Equal Shares ------------------------------------------------------------------


class _Shares:
    """Supporters and utilities as arrays, shared by every run of the budget-increase loop."""

    def __init__(self, election: Election):
        self.election = election
        self.ids = election.order
        self.cost = np.array([float(election.projects[p].cost) for p in self.ids])
        index = {pid: i for i, pid in enumerate(self.ids)}
        supporters: list[list[int]] = [[] for _ in self.ids]
        utility: list[list[float]] = [[] for _ in self.ids]
        for voter, ballot in enumerate(election.ballots):
            points = ballot.points or [1] * len(ballot.projects)
            for pid, value in zip(ballot.projects, points):
                if value > 0:
                    supporters[index[pid]].append(voter)
                    utility[index[pid]].append(float(value))
        self.supporters = [np.array(s, dtype=np.int64) for s in supporters]
        # Approval: cost utilities (a voter values a project by what it costs), as Pabulib's outcomes use.
        self.utility = [np.array(u) * (self.cost[i] if election.vote_type in ("approval", "choose-1") else 1.0)
                        for i, u in enumerate(utility)]
        self.voters = len(election.ballots)
        # Small elections (most district votes) are faster as one dense matrix per round.
        self.dense = None
        if self.voters * len(self.ids) <= DENSE_LIMIT:
            self.dense = np.zeros((self.voters, len(self.ids)))
            for i, (who, value) in enumerate(zip(self.supporters, self.utility)):
                self.dense[who, i] = value

    def run(self, budget: float) -> tuple[list[int], dict]:
        if self.dense is not None:
            return self._run_dense(budget)
        return self._run_sparse(budget)

    def _run_dense(self, budget: float) -> tuple[list[int], dict]:
        """The same algorithm as _run_sparse, every candidate's price computed at once."""
        utility = self.dense
        money = np.full(self.voters, budget / max(self.voters, 1))
        open_ = np.array([len(s) > 0 and c > 0 for s, c in zip(self.supporters, self.cost)])
        chosen, payments = [], {}
        with np.errstate(divide="ignore", invalid="ignore"):
            while open_.any():
                columns = np.flatnonzero(open_)
                u = utility[:, columns]
                have = np.where(u > 0, money[:, None], 0.0)
                affordable = have.sum(axis=0) >= self.cost[columns] * (1 - 1e-12)
                caps = np.where(u > 0, have / u, np.inf)
                order = np.argsort(caps, axis=0, kind="stable")
                caps = np.take_along_axis(caps, order, axis=0)
                have_sorted = np.take_along_axis(have, order, axis=0)
                u_sorted = np.take_along_axis(u, order, axis=0)
                paid_full = np.cumsum(have_sorted, axis=0) - have_sorted
                weight_left = np.cumsum(u_sorted[::-1], axis=0)[::-1]
                rho = (self.cost[columns] - paid_full) / weight_left
                fits = (rho <= caps * (1 + 1e-12)) & (weight_left > 0)
                first = np.argmax(fits, axis=0)
                found = fits[first, np.arange(len(columns))] & affordable
                open_[columns[~found]] = False
                if not found.any():
                    break
                prices = np.where(found, rho[first, np.arange(len(columns))], np.inf)
                best_price = prices.min()
                tied = columns[np.flatnonzero(prices <= best_price * (1 + 1e-12))]
                best = self._break_tie(tied)
                who = self.supporters[best]
                pay = np.minimum(money[who], best_price * self.utility[best])
                pay *= self.cost[best] / pay.sum()
                money[who] = np.maximum(money[who] - pay, 0.0)
                payments[best] = pay
                chosen.append(best)
                open_[best] = False
        return chosen, payments

    def _run_sparse(self, budget: float) -> tuple[list[int], dict]:
        money = np.full(self.voters, budget / max(self.voters, 1))
        chosen: list[int] = []
        payments: dict[int, np.ndarray] = {}
        candidates = [i for i in range(len(self.ids)) if len(self.supporters[i]) and self.cost[i] > 0]
        while candidates:
            rhos, still = {}, []
            for i in candidates:
                rho = self._rho(i, money)
                if rho is not None:
                    still.append(i)
                    rhos[i] = rho
            if not rhos:
                break
            best_rho = min(rhos.values())
            best = self._break_tie([i for i, rho in rhos.items() if rho <= best_rho * (1 + 1e-12)])
            best_rho = rhos[best]
            who = self.supporters[best]
            pay = np.minimum(money[who], best_rho * self.utility[best])
            pay *= self.cost[best] / pay.sum()  # remove float drift: supporters pay exactly the cost
            money[who] -= pay
            np.maximum(money, 0.0, out=money)
            payments[best] = pay
            chosen.append(best)
            candidates = [i for i in still if i != best]
        return chosen, payments

    def _break_tie(self, tied) -> int:
        """Among equally good projects: the most votes, then the lowest cost, then the first in the file."""
        return int(min(tied, key=lambda i: (-len(self.supporters[i]), self.cost[i], i)))

    def _rho(self, i: int, money: np.ndarray) -> float | None:
        """Smallest price per unit of utility at which the supporters can pay for project i."""
        have = money[self.supporters[i]]
        cost = self.cost[i]
        if have.sum() < cost * (1 - 1e-12):
            return None
        utility = self.utility[i]
        caps = have / utility  # above this price a supporter pays all they have left
        order = np.argsort(caps, kind="stable")
        caps, have, utility = caps[order], have[order], utility[order]
        paid_full = np.concatenate(([0.0], np.cumsum(have)))[:-1]
        weight_left = np.cumsum(utility[::-1])[::-1]
        rho = (cost - paid_full) / weight_left
        fits = np.flatnonzero(rho <= caps * (1 + 1e-12))
        return float(rho[fits[0]]) if len(fits) else None


def equal_shares(election: Election, *, completion: bool = True) -> tuple[list[str], dict]:
    """Equal Shares with the add1 completion, as the reference computes it.

    Every voter's share of the budget is raised by one unit at a time as long as the outcome of the
    raised budget still costs no more than the real budget, also after an outcome that is already
    exhaustive (a later raise may fund a different, larger set); the last outcome within the budget
    is kept. When every project is affordable together there is no completion, and the raising ends
    once every project anybody supported is funded.
    """
    shares = _Shares(election)
    budget = float(election.budget)

    def cost(chosen) -> float:
        return sum(shares.cost[i] for i in chosen)

    chosen, payments = shares.run(budget)
    candidates = {i for i in range(len(shares.ids)) if len(shares.supporters[i]) and shares.cost[i] > 0}
    if completion and shares.cost.sum() > budget * (1 + 1e-12):
        raised = budget
        # Once every project with a supporter is funded, no raise can change the outcome: stop there
        # (the reference would raise for ever when the unfunded rest has no supporters at all).
        while set(chosen) != candidates:
            following = shares.run(raised + shares.voters)
            if cost(following[0]) > budget * (1 + 1e-12):
                break
            raised += shares.voters
            chosen, payments = following
    return [shares.ids[i] for i in chosen], {shares.ids[i]: payments[i] for i in chosen}


def _exhaustive(election: Election, selected: list[str]) -> bool:
    left = election.budget - sum(election.projects[p].cost for p in selected)
    return all(election.projects[p].cost > left for p in election.order if p not in selected)


def by_approvals(election: Election) -> list[str]:
    """The comparison's other outcome: projects by number of approvals (ties in file order), each
    taken if it still fits."""
    totals = scores(election)
    chosen, left = [], election.budget
    for pid in sorted(election.order, key=lambda p: -totals[p]):  # a stable sort keeps the file order
        if totals[pid] > 0 and election.projects[pid].cost <= left:
            chosen.append(pid)
            left -= election.projects[pid].cost
    return chosen


def _prefers_greedy(election: Election, mes: list[str], by_votes: list[str]) -> bool:
    """Whether more voters have more of their approved projects funded by ``by_votes`` than by ``mes``
    than the other way round (voters with as many under both count for neither)."""
    mes_set, greedy_set = set(mes), set(by_votes)
    for_greedy = against = 0
    for ballot in election.ballots:
        mine = set(ballot.projects)
        a, b = len(mine & greedy_set), len(mine & mes_set)
        for_greedy += a > b
        against += b > a
    return for_greedy > against


def tally(election: Election, rule: str | None = None) -> Outcome:
    started = time.perf_counter()
    rule = rule or election.meta.get("rule", "greedy").strip()
    totals = scores(election)
    shares = None
    if rule == "greedy":
        selected = greedy(election, totals)
    elif rule == "greedy-no-skip":
        selected = greedy(election, totals, skip=False)
    elif rule == "greedy-threshold":
        selected = greedy(election, totals, threshold=election.meta_int("min_project_score_threshold") or 0)
    elif rule in ("equalshares/add1", "equalshares/add1-comparison", "equalshares"):
        selected, shares = equal_shares(election)
        if rule.endswith("comparison"):
            by_votes = by_approvals(election)
            if _prefers_greedy(election, selected, by_votes):
                selected, shares = by_votes, None
    else:
        raise ValueError(f"unknown rule {rule!r}; known rules: {', '.join(RULES)}")
    return Outcome(rule, selected, totals, time.perf_counter() - started, shares)
