"""Reading participatory-budgeting elections in the Pabulib format (pabulib.org).

A file has three sections, each a header row then semicolon-separated rows: META (key;value),
PROJECTS (project_id;cost;…) and VOTES (voter_id;vote;…). Amounts are read exactly (Fraction),
so budgets such as 1656699.67 stay exact. Every defect is reported with its line number.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from fractions import Fraction

SECTIONS = ("META", "PROJECTS", "VOTES")
VOTE_TYPES = ("approval", "choose-1", "ordinal", "cumulative", "scoring")


class PabulibError(ValueError):
    def __init__(self, line: int, reason: str):
        super().__init__(f"line {line}: {reason}")
        self.line, self.reason = line, reason


@dataclass
class Project:
    id: str
    cost: Fraction
    row: dict
    line: int


@dataclass
class Ballot:
    voter: str
    projects: list[str]  # in the order given (the rank order for ordinal ballots)
    points: list[int] | None
    line: int


@dataclass
class Election:
    meta: dict[str, str]
    projects: dict[str, Project]
    ballots: list[Ballot]
    budget: Fraction
    vote_type: str
    order: list[str] = field(default_factory=list)  # project ids in file order

    def meta_int(self, key: str) -> int | None:
        value = self.meta.get(key, "").strip()
        return int(Fraction(value.replace(",", "."))) if value else None


def _amount(text: str, line: int, what: str) -> Fraction:
    try:
        value = Fraction(text.strip().replace(",", "."))
    except (ValueError, ZeroDivisionError):
        raise PabulibError(line, f"{what} {text!r} is not a number") from None
    if value < 0:
        raise PabulibError(line, f"{what} {text!r} is negative")
    return value


def _split(text: str) -> list[tuple[int, list[str]]]:
    rows = []
    for number, raw in enumerate(io.StringIO(text), start=1):
        line = raw.rstrip("\r\n")
        if line.strip():
            rows.append((number, next(csv.reader([line], delimiter=";"))))
    return rows


def _sections(rows: list[tuple[int, list[str]]]) -> dict[str, list[tuple[int, list[str]]]]:
    found: dict[str, list] = {}
    current = None
    for number, cells in rows:
        name = cells[0].strip().upper() if len(cells) == 1 else ""
        if name in SECTIONS:
            if name in found:
                raise PabulibError(number, f"section {name} appears twice")
            current = found[name] = []
            continue
        if current is None:
            raise PabulibError(number, "data before the first section (META, PROJECTS or VOTES)")
        current.append((number, cells))
    for name in SECTIONS:
        if name not in found:
            raise PabulibError(rows[-1][0] if rows else 1, f"section {name} is missing")
        if not found[name]:
            raise PabulibError(rows[-1][0] if rows else 1, f"section {name} has no header row")
    return found


def _records(section: list[tuple[int, list[str]]], required: tuple[str, ...], name: str) -> list[tuple[int, dict]]:
    header_line, header = section[0]
    header = [h.strip() for h in header]
    for column in required:
        if column not in header:
            raise PabulibError(header_line, f"{name} has no {column!r} column")
    records = []
    for number, cells in section[1:]:
        if len(cells) != len(header):
            raise PabulibError(number, f"{len(cells)} fields where the {name} header has {len(header)}")
        records.append((number, dict(zip(header, (c.strip() for c in cells)))))
    return records


def parse(text: str) -> Election:
    rows = _split(text)
    if not rows:
        raise PabulibError(1, "the file is empty")
    sections = _sections(rows)
    meta = {row["key"]: row["value"] for _n, row in _records(sections["META"], ("key", "value"), "META")
            if row["key"] != "comment"}
    meta_line = sections["META"][0][0]
    if "budget" not in meta:
        raise PabulibError(meta_line, "META has no budget")
    budget = _amount(meta["budget"], meta_line, "budget")
    vote_type = meta.get("vote_type", "approval").strip()
    if vote_type not in VOTE_TYPES:
        raise PabulibError(meta_line, f"unknown vote_type {vote_type!r}")
    projects: dict[str, Project] = {}
    for number, row in _records(sections["PROJECTS"], ("project_id", "cost"), "PROJECTS"):
        if row["project_id"] in projects:
            raise PabulibError(number, f"project {row['project_id']!r} is listed twice")
        projects[row["project_id"]] = Project(row["project_id"], _amount(row["cost"], number, "cost"), row, number)
    ballots = [_ballot(number, row, projects, vote_type)
               for number, row in _records(sections["VOTES"], ("voter_id", "vote"), "VOTES")]
    return Election(meta, projects, ballots, budget, vote_type, list(projects))


def _ballot(number: int, row: dict, projects: dict, vote_type: str) -> Ballot:
    chosen = [p.strip() for p in row["vote"].split(",") if p.strip()]
    for project in chosen:
        if project not in projects:
            raise PabulibError(number, f"vote names unknown project {project!r}")
    if len(set(chosen)) != len(chosen):
        raise PabulibError(number, "a project appears twice in one vote")
    points = None
    if vote_type in ("cumulative", "scoring"):
        raw = [p.strip() for p in row.get("points", "").split(",") if p.strip()]
        if len(raw) != len(chosen):
            raise PabulibError(number, f"{len(raw)} points for {len(chosen)} projects")
        try:
            points = [int(p) for p in raw]
        except ValueError:
            raise PabulibError(number, "points must be whole numbers") from None
        if any(p < 0 for p in points):
            raise PabulibError(number, "points must not be negative")
    return Ballot(row["voter_id"], chosen, points, number)
