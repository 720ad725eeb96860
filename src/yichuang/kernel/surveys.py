"""Needs surveys: what a question accepts, which questions a respondent sees, and the tallies.

Pure: question definitions and submitted form values in, cleaned answers or problems out. Answers
are stored by option *position* (the labels belong to the survey, which no longer changes once it
is open), so renaming is impossible mid-survey and counts never depend on spelling.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

SINGLE, MULTIPLE, TEXT, SCALE, MATRIX = "single", "multiple", "text", "scale", "matrix"
KINDS = (SINGLE, MULTIPLE, TEXT, SCALE, MATRIX)
SCALE_POINTS = (1, 2, 3, 4, 5)
TEXT_MAX = 1000
OPTIONS_MAX = 20


@dataclass(frozen=True)
class Question:
    key: str  # the question's id, as text (form field names and stored answers use it)
    kind: str
    required: bool = False
    options: tuple[str, ...] = ()  # single, multiple, matrix (the columns)
    rows: tuple[str, ...] = ()  # matrix
    show_if: tuple[str, int] | None = None  # (key of an earlier choice question, option position)


@dataclass
class Cleaned:
    answers: dict[str, object] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # question key → "required" | "invalid"


def definition_problem(question: Question, earlier: Sequence[Question]) -> str:
    """Why a question cannot be added as defined, or ""."""
    if question.kind not in KINDS:
        return "kind"
    if question.kind in (SINGLE, MULTIPLE, MATRIX):
        if not 2 <= len(question.options) <= OPTIONS_MAX or len(set(question.options)) != len(question.options):
            return "options"
    if question.kind == MATRIX and not 1 <= len(question.rows) <= OPTIONS_MAX:
        return "rows"
    if question.show_if is not None:
        target = next((q for q in earlier if q.key == question.show_if[0]), None)
        if target is None or target.kind not in (SINGLE, MULTIPLE) or not 0 <= question.show_if[1] < len(target.options):
            return "show_if"
    return ""


def _chosen(answer) -> set[int]:
    if isinstance(answer, int):
        return {answer}
    if isinstance(answer, list):
        return set(answer)
    return set()


def visible(questions: Sequence[Question], answers: Mapping[str, object]) -> list[Question]:
    """The questions a respondent is asked, given their answers (a hidden question hides its dependants)."""
    shown: list[Question] = []
    keys: set[str] = set()
    for question in questions:
        if question.show_if is not None:
            key, option = question.show_if
            if key not in keys or option not in _chosen(answers.get(key)):
                continue
        shown.append(question)
        keys.add(question.key)
    return shown


def _index(value: str, size: int) -> int | None:
    return int(value) if value.isdigit() and int(value) < size else None


def _clean_one(question: Question, values: Mapping[str, list[str]]):
    """The answer to one question from the form's values (lists of strings by field name), None when
    unanswered, or raise ValueError when the value is not one the question accepts."""
    own = [v.strip() for v in values.get(question.key, []) if v.strip()]
    if question.kind == TEXT:
        text = "\n".join(own)
        if len(text) > TEXT_MAX:
            raise ValueError
        return text or None
    if question.kind == SCALE:
        if not own:
            return None
        if own[0] not in {str(p) for p in SCALE_POINTS}:
            raise ValueError
        return int(own[0])
    if question.kind in (SINGLE, MULTIPLE):
        chosen = [_index(v, len(question.options)) for v in own]
        if None in chosen or (question.kind == SINGLE and len(chosen) > 1):
            raise ValueError
        if not chosen:
            return None
        return chosen[0] if question.kind == SINGLE else sorted(set(chosen))
    grid = {}
    for r in range(len(question.rows)):
        cell = [v.strip() for v in values.get(f"{question.key}-{r}", []) if v.strip()]
        if cell:
            choice = _index(cell[0], len(question.options))
            if choice is None:
                raise ValueError
            grid[str(r)] = choice
    if question.required and grid and len(grid) < len(question.rows):
        raise ValueError  # a required grid is answered on every row
    return grid or None


def clean(questions: Sequence[Question], values: Mapping[str, list[str]]) -> Cleaned:
    """Answers to the visible questions; answers to hidden ones are dropped, not kept."""
    result = Cleaned()
    for question in questions:
        if question.show_if is not None and question not in visible(questions, result.answers):
            continue
        try:
            answer = _clean_one(question, values)
        except ValueError:
            result.problems[question.key] = "invalid"
            continue
        if answer is None:
            if question.required:
                result.problems[question.key] = "required"
            continue
        result.answers[question.key] = answer
    return result


def tally(question: Question, answers: Sequence[object]) -> list[int] | list[list[int]] | dict[int, int]:
    """Counts for one question over the answers given to it: per option (single, multiple), per
    point (scale), per row and option (matrix). Text answers are listed, not counted."""
    if question.kind in (SINGLE, MULTIPLE):
        counts = Counter(i for answer in answers for i in _chosen(answer))
        return [counts.get(i, 0) for i in range(len(question.options))]
    if question.kind == SCALE:
        counts = Counter(answers)
        return {point: counts.get(point, 0) for point in SCALE_POINTS}
    if question.kind == MATRIX:
        grid = [[0] * len(question.options) for _ in question.rows]
        for answer in answers:
            for row, choice in dict(answer).items():
                if int(row) < len(grid) and choice < len(question.options):
                    grid[int(row)][choice] += 1
        return grid
    return []
