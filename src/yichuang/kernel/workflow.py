"""Workflows as data: states and transitions are plain records; this module checks a
definition for consistency and decides whether a transition may fire. The web layer stores
the records in the database, evaluates guard codes into facts, and runs effect codes."""

from __future__ import annotations

from dataclasses import dataclass, field

OUTCOMES = ("advance", "return", "reject", "withdraw", "approve")


@dataclass(frozen=True)
class StateDef:
    code: str
    initial: bool = False
    terminal: bool = False
    applicant_editable: bool = False


@dataclass(frozen=True)
class TransitionDef:
    code: str
    source: str
    target: str
    outcome: str
    roles: frozenset[str]
    guards: tuple[str, ...] = ()
    effects: tuple[str, ...] = ()
    needs_reason: bool = False


@dataclass
class WorkflowDef:
    states: dict[str, StateDef]
    transitions: list[TransitionDef] = field(default_factory=list)

    @property
    def initial(self) -> str:
        return next(code for code, state in self.states.items() if state.initial)

    def outgoing(self, state: str) -> list[TransitionDef]:
        return [t for t in self.transitions if t.source == state]

    def transition(self, state: str, code: str) -> TransitionDef | None:
        return next((t for t in self.transitions if t.source == state and t.code == code), None)


def problems(workflow: WorkflowDef, *, known_guards: set[str], known_effects: set[str]) -> list[str]:
    """Everything wrong with a definition, as short English codes with details; empty when sound."""
    found: list[str] = []
    initial = [code for code, state in workflow.states.items() if state.initial]
    if len(initial) != 1:
        found.append(f"initial_states:{len(initial)}")
    seen_codes: set[tuple[str, str]] = set()
    for t in workflow.transitions:
        for end in (t.source, t.target):
            if end not in workflow.states:
                found.append(f"unknown_state:{t.code}:{end}")
        if t.outcome not in OUTCOMES:
            found.append(f"unknown_outcome:{t.code}:{t.outcome}")
        if not t.roles:
            found.append(f"no_roles:{t.code}")
        found += [f"unknown_guard:{t.code}:{g}" for g in t.guards if g not in known_guards]
        found += [f"unknown_effect:{t.code}:{e}" for e in t.effects if e not in known_effects]
        if (t.source, t.code) in seen_codes:
            found.append(f"duplicate_transition:{t.source}:{t.code}")
        seen_codes.add((t.source, t.code))
        if t.source in workflow.states and workflow.states[t.source].terminal:
            found.append(f"leaves_terminal:{t.code}")
    if len(initial) == 1:
        found += [f"unreachable:{code}" for code in sorted(set(workflow.states) - _reachable(workflow, initial[0]))]
    return found


def _reachable(workflow: WorkflowDef, start: str) -> set[str]:
    reached, frontier = {start}, [start]
    while frontier:
        for t in workflow.outgoing(frontier.pop()):
            if t.target not in reached:
                reached.add(t.target)
                frontier.append(t.target)
    return reached


@dataclass(frozen=True)
class Decision:
    allowed: bool
    failures: tuple[str, ...]  # "role", "reason", or the codes of guards that do not hold


def decide(transition: TransitionDef, *, roles: set[str], facts: dict[str, bool], reason: str) -> Decision:
    """May ``transition`` fire for someone holding ``roles`` when the guard facts are as given?"""
    failures: list[str] = []
    if not (transition.roles & roles):
        failures.append("role")
    if transition.needs_reason and not reason.strip():
        failures.append("reason")
    failures += [guard for guard in transition.guards if not facts.get(guard, False)]
    return Decision(not failures, tuple(failures))
