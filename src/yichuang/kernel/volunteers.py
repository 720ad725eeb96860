"""Volunteer rules that need no database (MCA 2020 volunteer-record rules, SPEC §4.8 and §5).

Identity documents, ages, check-in pairs and hours, star levels, matching scores and the
signature of a certificate. Problems are returned as codes with parameters; the apps say them in
the user's language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
from dataclasses import dataclass

from yichuang.kernel.identifiers import IdentifierError, mask_ric, ric_birth_date, ric_gender, validate_ric

# --- Identity documents -----------------------------------------------------------------------

RESIDENT_ID = "resident_id"
RESIDENCE_PERMIT = "residence_permit"  # 港澳台居民居住证: the resident-ID arithmetic, area 81/82/83
HK_MACAO_PERMIT = "hk_macao_permit"  # 港澳居民来往内地通行证: H or M and 8 (formerly 10) digits
TAIWAN_PERMIT = "taiwan_permit"  # 台湾居民来往大陆通行证: 8 digits
FOREIGN_PERMANENT = "foreign_permanent"  # 外国人永久居留身份证: 18 characters since 2023, 15 before
PASSPORT = "passport"

# Documents whose number carries the birth date and gender (checked against what was typed).
ENCODES_BIRTH = frozenset({RESIDENT_ID, RESIDENCE_PERMIT})

_PATTERNS = {
    HK_MACAO_PERMIT: re.compile(r"[HM]\d{8}(\d{2})?"),
    TAIWAN_PERMIT: re.compile(r"\d{8}"),
    PASSPORT: re.compile(r"[A-Z0-9]{5,17}"),
}
_OLD_FOREIGN = re.compile(r"[A-Z]{3}\d{12}")


def normalise_document(kind: str, number: str) -> str:
    """The number as stored and hashed: no spaces, upper case; raises IdentifierError if invalid."""
    text = re.sub(r"\s+", "", number or "").upper()
    if not text:
        raise IdentifierError("format", {"detail": "empty"})
    if kind == RESIDENT_ID:
        return validate_ric(text)
    if kind == RESIDENCE_PERMIT:
        if not text.startswith(("81", "82", "83")):
            raise IdentifierError("format", {"detail": "residence_permit"})
        return validate_ric(text)
    if kind == FOREIGN_PERMANENT:
        if len(text) == 18 and text.startswith("9"):
            return validate_ric(text)
        if _OLD_FOREIGN.fullmatch(text):
            return text
        raise IdentifierError("format", {"detail": kind})
    pattern = _PATTERNS.get(kind)
    if pattern is None:
        raise IdentifierError("format", {"detail": "kind"})
    if not pattern.fullmatch(text):
        raise IdentifierError("format", {"detail": kind})
    return text


def document_disagreements(kind: str, number: str, *, birth_date: dt.date | None, gender: str) -> list[str]:
    """Which typed facts disagree with the document number ("birth_date", "gender")."""
    if kind not in ENCODES_BIRTH:
        return []
    problems = []
    if birth_date and ric_birth_date(number) != birth_date:
        problems.append("birth_date")
    if gender and ric_gender(number) != gender:
        problems.append("gender")
    return problems


def mask_document(number: str) -> str:
    """``110105********002X`` for 18 characters; short documents keep only their ends."""
    if len(number) >= 15:
        return mask_ric(number)
    keep = 1 if len(number) <= 8 else 2
    return number[:keep] + "*" * (len(number) - 2 * keep) + number[-keep:]


def keyed_hash(key: bytes, kind: str, number: str) -> str:
    """The lookup key of a document: HMAC-SHA256, so a stolen table cannot be reversed by
    hashing every possible ID number (there are only about 10^11 of them)."""
    return hmac.new(key, f"{kind}:{number}".encode(), hashlib.sha256).hexdigest()


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


GUARDIAN_AGE = 14  # PIPL Art. 31: personal information of a child under 14 needs a guardian's consent


def needs_guardian(birth_date: dt.date, day: dt.date) -> bool:
    return age_on(birth_date, day) < GUARDIAN_AGE


# --- Check-in pairs and hours -----------------------------------------------------------------

MAX_PAIRS_PER_DAY = 3
MINUTES_PER_DAY = 24 * 60

ROUNDING_RULES = ("minute", "quarter_down", "half_hour_down", "half_hour_nearest")


def round_minutes(minutes: int, rule: str) -> int:
    """Service time by the program's rule; the default counts every minute (Guangzhou i志愿)."""
    minutes = max(0, minutes)
    if rule == "quarter_down":
        return minutes - minutes % 15
    if rule == "half_hour_down":
        return minutes - minutes % 30
    if rule == "half_hour_nearest":
        return (minutes + 15) // 30 * 30
    return minutes


@dataclass(frozen=True)
class Pair:
    start: dt.datetime
    end: dt.datetime | None

    @property
    def minutes(self) -> int:
        if self.end is None:
            return 0
        return int((self.end - self.start).total_seconds() // 60)


def pairs(events: list[tuple[str, dt.datetime]]) -> list[Pair]:
    """In/out events (any order) as pairs; an "in" without its "out" is an open pair."""
    result: list[Pair] = []
    start = None
    for kind, at in sorted(events, key=lambda event: event[1]):
        if kind == "in" and start is None:
            start = at
        elif kind == "out" and start is not None:
            result.append(Pair(start, at))
            start = None
    if start is not None:
        result.append(Pair(start, None))
    return result


def scan_problem(events: list[tuple[str, dt.datetime]], kind: str, at: dt.datetime) -> str:
    """Why a new check-in or check-out at ``at`` cannot be accepted, or "" if it can.

    ``events`` are the person's earlier events for the same activity on the same day."""
    current = pairs(events)
    open_pair = current[-1] if current and current[-1].end is None else None
    if kind == "in":
        if open_pair is not None:
            return "already_in"
        if len(current) >= MAX_PAIRS_PER_DAY:
            return "too_many_pairs"
        return ""
    if open_pair is None:
        return "not_in"
    if at < open_pair.start:
        return "out_before_in"
    return ""


def service_minutes(events: list[tuple[str, dt.datetime]], rule: str) -> int:
    """Minutes of closed pairs, each rounded by the rule."""
    return sum(round_minutes(pair.minutes, rule) for pair in pairs(events) if pair.end is not None)


# --- Star levels ------------------------------------------------------------------------------

DEFAULT_STAR_HOURS = (100, 300, 600, 1000, 1500)


def star_level(minutes: int, thresholds: tuple[int, ...] = DEFAULT_STAR_HOURS) -> int:
    """0 to len(thresholds) stars: one for each threshold (in hours) reached."""
    return sum(1 for hours in thresholds if minutes >= hours * 60)


def minutes_to_next_star(minutes: int, thresholds: tuple[int, ...] = DEFAULT_STAR_HOURS) -> int | None:
    for hours in thresholds:
        if minutes < hours * 60:
            return hours * 60 - minutes
    return None


def parse_thresholds(text: str) -> tuple[int, ...]:
    """"100/300/600" → (100, 300, 600); raises ValueError unless strictly increasing positive hours."""
    values = tuple(int(part) for part in re.split(r"[/,，\s]+", text.strip()) if part)
    if not values or values[0] <= 0 or any(b <= a for a, b in zip(values, values[1:])):
        raise ValueError(text)
    return values


# --- Matching ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    key: int
    skills: frozenset[str]
    area_path: str
    busy: bool  # already signed up for a shift that overlaps
    attended: int  # shifts attended
    missed: int  # shifts signed up for and not attended


def match_score(candidate: Candidate, *, skills: frozenset[str], area_path: str) -> tuple[int, list[str]]:
    """A score for suggesting a volunteer for a shift (or a shift to a volunteer), with the reasons.

    Skills count most, then living nearby, then reliability; someone busy at that time is never
    suggested (score -1)."""
    if candidate.busy:
        return -1, ["busy"]
    reasons = []
    score = 0
    matched = skills & candidate.skills
    if matched:
        score += 30 * len(matched)
        reasons.append("skills")
    if candidate.area_path == area_path or candidate.area_path.startswith(area_path + "/"):
        score += 20
        reasons.append("same_community")
    elif area_path.rsplit("/", 1)[0] and candidate.area_path.startswith(area_path.rsplit("/", 1)[0] + "/"):
        score += 10
        reasons.append("same_street")
    total = candidate.attended + candidate.missed
    if total:
        reliability = candidate.attended / total
        score += round(10 * reliability)
        if reliability >= 0.9 and candidate.attended >= 3:
            reasons.append("reliable")
    return score, reasons


# --- Certificates -----------------------------------------------------------------------------

def canonical(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sign(key: bytes, payload: dict) -> str:
    """The seal of a certificate: HMAC-SHA256 of exactly what it shows."""
    return hmac.new(key, canonical(payload), hashlib.sha256).hexdigest()


def signature_matches(key: bytes, payload: dict, signature: str) -> bool:
    return hmac.compare_digest(sign(key, payload), signature or "")
