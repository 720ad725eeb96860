import datetime as dt

import pytest

from yichuang.kernel import volunteers as rules
from yichuang.kernel.identifiers import IdentifierError


def _at(minutes: int) -> dt.datetime:
    return dt.datetime(2026, 5, 1, 8, 0) + dt.timedelta(minutes=minutes)


def test_normalise_document_resident_id_upper_cases_x():
    assert rules.normalise_document(rules.RESIDENT_ID, "11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize("kind,number", [(rules.HK_MACAO_PERMIT, "H1234567"), (rules.TAIWAN_PERMIT, "1234567"),
                                         (rules.RESIDENCE_PERMIT, "11010519491231002X"), (rules.PASSPORT, "E1")])
def test_normalise_document_invalid_numbers_raise(kind, number):
    with pytest.raises(IdentifierError):
        rules.normalise_document(kind, number)


def test_document_disagreements_names_birth_date_and_gender():
    number = "11010519491231002X"  # a woman born 1949-12-31
    assert rules.document_disagreements(rules.RESIDENT_ID, number, birth_date=dt.date(1949, 12, 31), gender="female") == []
    assert rules.document_disagreements(rules.RESIDENT_ID, number, birth_date=dt.date(1950, 1, 1),
                                        gender="male") == ["birth_date", "gender"]


def test_mask_document_keeps_area_and_last_four():
    assert rules.mask_document("11010519491231002X") == "110105********002X"


def test_keyed_hash_depends_on_key():
    assert rules.keyed_hash(b"a", "resident_id", "1") != rules.keyed_hash(b"b", "resident_id", "1")


def test_needs_guardian_until_fourteenth_birthday():
    born = dt.date(2012, 6, 1)
    assert rules.needs_guardian(born, dt.date(2026, 5, 31)) and not rules.needs_guardian(born, dt.date(2026, 6, 1))


@pytest.mark.parametrize("rule,minutes,expected", [("minute", 47, 47), ("quarter_down", 47, 45),
                                                   ("half_hour_down", 59, 30), ("half_hour_nearest", 45, 60),
                                                   ("half_hour_nearest", 44, 30)])
def test_round_minutes_by_rule(rule, minutes, expected):
    assert rules.round_minutes(minutes, rule) == expected


def test_scan_problem_limits_pairs_and_order():
    events = []
    for start in (0, 60, 120):
        assert rules.scan_problem(events, "in", _at(start)) == ""
        events.append(("in", _at(start)))
        assert rules.scan_problem(events, "in", _at(start + 1)) == "already_in"
        events.append(("out", _at(start + 30)))
    assert rules.scan_problem(events, "in", _at(200)) == "too_many_pairs"
    assert rules.scan_problem([], "out", _at(0)) == "not_in"
    assert rules.scan_problem([("in", _at(10))], "out", _at(5)) == "out_before_in"
    assert rules.service_minutes(events, "minute") == 90


def test_star_level_default_thresholds():
    assert rules.star_level(99 * 60) == 0
    assert rules.star_level(100 * 60) == 1
    assert rules.star_level(1500 * 60) == 5 and rules.minutes_to_next_star(1500 * 60) is None


def test_parse_thresholds_refuses_decreasing():
    assert rules.parse_thresholds("100/200，500") == (100, 200, 500)
    with pytest.raises(ValueError):
        rules.parse_thresholds("300/100")


def test_match_score_never_suggests_busy_and_prefers_skills():
    free = rules.Candidate(1, frozenset({"medical"}), "/34/3406/340603/001/", False, 5, 0)
    busy = rules.Candidate(2, frozenset({"medical"}), "/34/3406/340603/001/", True, 5, 0)
    other = rules.Candidate(3, frozenset(), "/34/3406/340603/001/", False, 0, 0)
    wanted = frozenset({"medical"})
    assert rules.match_score(busy, skills=wanted, area_path="/34/3406/340603/001/")[0] == -1
    assert (rules.match_score(free, skills=wanted, area_path="/34/3406/340603/001/")[0]
            > rules.match_score(other, skills=wanted, area_path="/34/3406/340603/001/")[0])


def test_signature_detects_any_change():
    payload = {"number": "ZM2026-ABCDEFGH", "minutes": 150}
    seal = rules.sign(b"k", payload)
    assert rules.signature_matches(b"k", payload, seal)
    assert not rules.signature_matches(b"k", {**payload, "minutes": 151}, seal)
