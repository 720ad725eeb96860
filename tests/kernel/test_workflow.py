from __future__ import annotations

from yichuang.kernel import workflow as wf
from yichuang.programs import defaults


def _default() -> wf.WorkflowDef:
    states = {row[0]: wf.StateDef(row[0], row[5], row[6], row[7]) for row in defaults.DEFAULT_STATES}
    transitions = [
        wf.TransitionDef(t[0], t[1], t[2], t[3], frozenset(t[4]), tuple(t[5]), tuple(t[6]), t[7])
        for t in defaults.DEFAULT_TRANSITIONS
    ]
    return wf.WorkflowDef(states, transitions)


def test_problems_of_shipped_workflow_are_none():
    found = wf.problems(_default(), known_guards=defaults.KNOWN_GUARDS, known_effects=defaults.KNOWN_EFFECTS)

    assert found == []


def test_problems_finds_unreachable_state_and_unknown_guard():
    workflow = _default()
    workflow.states["orphan"] = wf.StateDef("orphan")
    workflow.transitions.append(wf.TransitionDef("odd", "draft", "submitted", "advance", frozenset({"x"}), ("magic",)))

    found = wf.problems(workflow, known_guards=defaults.KNOWN_GUARDS, known_effects=defaults.KNOWN_EFFECTS)

    assert "unreachable:orphan" in found
    assert "unknown_guard:odd:magic" in found


def test_problems_finds_transition_leaving_a_terminal_state():
    workflow = _default()
    workflow.transitions.append(wf.TransitionDef("reopen", "approved", "draft", "return", frozenset({"program_officer"})))

    found = wf.problems(workflow, known_guards=set(), known_effects=defaults.KNOWN_EFFECTS)

    assert "leaves_terminal:reopen" in found


def test_decide_refuses_wrong_role_missing_reason_and_failing_guard():
    transition = wf.TransitionDef("reject", "screening", "ineligible", "reject", frozenset({"program_officer"}),
                                  ("notice_period_over",), (), True)

    decision = wf.decide(transition, roles={"org_member"}, facts={"notice_period_over": False}, reason=" ")

    assert not decision.allowed
    assert decision.failures == ("role", "reason", "notice_period_over")


def test_decide_allows_when_role_reason_and_guards_hold():
    transition = wf.TransitionDef("reject", "screening", "ineligible", "reject", frozenset({"program_officer"}),
                                  ("notice_period_over",), (), True)

    decision = wf.decide(transition, roles={"program_officer"}, facts={"notice_period_over": True}, reason="不符合条件")

    assert decision.allowed and decision.failures == ()
