import datetime
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc

from yichuang.kernel.identifiers import (
    IdentifierError,
    describe_uscc,
    format_cn_phone,
    mask_phone,
    mask_ric,
    ric_birth_date,
    ric_gender,
    uscc_check_char,
    validate_cn_phone,
    validate_ric,
    validate_uscc,
)

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALID_USCCS = ["91110000600037341L", "91310115MA1K3BTP2B", "121200004013590816"]
VALID_RICS = ["11010519491231002X", "360426199101010071"]

uscc_bodies = st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17)


def _error(func, value) -> IdentifierError:
    with pytest.raises(IdentifierError) as info:
        func(value)
    return info.value


# --- IdentifierError -----------------------------------------------------------


def test_identifier_error_is_value_error_with_english_message():
    err = IdentifierError("length", {"expected": 18, "actual": 17})

    assert isinstance(err, ValueError)
    assert str(err) == "expected 18 characters, got 17"


def test_identifier_error_pickle_keeps_code_and_params():
    err = IdentifierError("character", {"position": 3, "char": "I"})

    restored = pickle.loads(pickle.dumps(err))

    assert (restored.code, restored.params) == ("character", {"position": 3, "char": "I"})
    assert str(restored) == "illegal character 'I' at position 3"


# --- USCC --------------------------------------------------------------------------


@pytest.mark.parametrize("code", VALID_USCCS)
def test_validate_uscc_known_valid_codes_returned_unchanged(code):
    assert validate_uscc(code) == code


def test_validate_uscc_spaces_hyphens_lowercase_normalised():
    assert validate_uscc(" 91310115-ma1k3btp 2b ") == "91310115MA1K3BTP2B"


def test_validate_uscc_short_value_reports_expected_length():
    err = _error(validate_uscc, "91110000600037341")

    assert err.code == "length"
    assert err.params == {"expected": 18, "actual": 17}


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_validate_uscc_excluded_letter_reports_position_and_char(letter):
    value = "9111000060" + letter + "037341L"

    err = _error(validate_uscc, value)

    assert err.code == "character"
    assert err.params == {"position": 11, "char": letter}


def test_validate_uscc_several_bad_chars_reports_first():
    err = _error(validate_uscc, "91110000#0003734IL")

    assert err.params == {"position": 9, "char": "#"}


def test_validate_uscc_wrong_check_char_reports_correct_one():
    err = _error(validate_uscc, "91110000600037341M")

    assert err.code == "checksum"
    assert err.params == {"expected": "L", "actual": "M"}


def test_uscc_check_char_known_code_matches():
    assert uscc_check_char("91110000600037341") == "L"


def test_uscc_check_char_wrong_length_raises_length_error():
    assert _error(uscc_check_char, "9111").params == {"expected": 17, "actual": 4}


def test_describe_uscc_valid_code_splits_parts():
    assert describe_uscc("91310115MA1K3BTP2B") == {
        "authority": "9",
        "org_type": "1",
        "region": "310115",
        "org_code": "MA1K3BTP2",
    }


def test_describe_uscc_invalid_code_raises():
    assert _error(describe_uscc, "91110000600037341M").code == "checksum"


@given(uscc_bodies)
def test_uscc_check_char_random_body_agrees_with_stdnum(body):
    assert uscc_check_char(body) == stdnum_uscc.calc_check_digit(body)


@given(uscc_bodies)
def test_validate_uscc_random_body_with_check_char_is_valid(body):
    code = body + uscc_check_char(body)

    assert validate_uscc(code) == code


@given(
    body=uscc_bodies,
    index=st.integers(0, 17),
    replacement=st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ#*."),
)
def test_validate_uscc_one_char_changed_rejected_with_position_or_checksum(
    body, index, replacement
):
    code = body + uscc_check_char(body)
    if code[index] == replacement:
        replacement = "#"  # the change must be real
    mutated = code[:index] + replacement + code[index + 1 :]

    err = _error(validate_uscc, mutated)

    if replacement in USCC_ALPHABET:
        # Weights are powers of 3 mod 31 (prime), so any single substitution
        # changes the weighted sum and must be caught by the checksum.
        assert err.code == "checksum"
        assert err.params["actual"] == mutated[17]
    else:
        assert err.code == "character"
        assert err.params == {"position": index + 1, "char": replacement}


# --- Resident ID -----------------------------------------------------------------


@st.composite
def valid_rics(draw) -> str:
    area = draw(st.integers(110000, 659999))
    born = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2020, 12, 31)))
    sequence = draw(st.integers(0, 999))
    body = f"{area}{born:%Y%m%d}{sequence:03d}"
    # stdnum's check digit uses a different (base-13) formulation: an
    # independent reference for ours.  It expects a trailing placeholder.
    return body + stdnum_ric.calc_check_digit(body + "0")


@pytest.mark.parametrize("ric", VALID_RICS)
def test_validate_ric_known_valid_numbers_returned(ric):
    assert validate_ric(ric) == ric


def test_validate_ric_lowercase_x_returned_uppercase():
    assert validate_ric("11010519491231002x") == "11010519491231002X"


def test_validate_ric_fifteen_digit_number_reports_length():
    err = _error(validate_ric, "110105491231002")

    assert (err.code, err.params) == ("length", {"expected": 18, "actual": 15})


def test_validate_ric_x_before_last_position_reports_character():
    err = _error(validate_ric, "1101051949123100X2")

    assert (err.code, err.params) == ("character", {"position": 17, "char": "X"})


def test_validate_ric_non_ascii_digit_reports_character():
    err = _error(validate_ric, "11010519491231002\u0661")  # ARABIC-INDIC DIGIT ONE

    assert err.code == "character"
    assert err.params["position"] == 18


@pytest.mark.parametrize("birth", ["19491331", "19490230", "00000101"])
def test_validate_ric_impossible_birth_date_reports_format(birth):
    err = _error(validate_ric, f"110105{birth}002X")

    assert err.code == "format"
    assert err.params["detail"] == "birth_date"


def test_validate_ric_future_birth_date_reports_format():
    future = datetime.date.today() + datetime.timedelta(days=400)
    body = f"110105{future:%Y%m%d}002"

    err = _error(validate_ric, body + "0")

    assert (err.code, err.params["detail"]) == ("format", "birth_date")


def test_validate_ric_wrong_check_digit_reports_expected():
    err = _error(validate_ric, "110105194912310021")

    assert (err.code, err.params) == ("checksum", {"expected": "X", "actual": "1"})


def test_ric_birth_date_known_number_returns_date():
    assert ric_birth_date("11010519491231002X") == datetime.date(1949, 12, 31)


@pytest.mark.parametrize(
    ("ric", "gender"), [("11010519491231002X", "female"), ("360426199101010071", "male")]
)
def test_ric_gender_seventeenth_digit_parity(ric, gender):
    assert ric_gender(ric) == gender


def test_mask_ric_keeps_area_and_last_four():
    assert mask_ric("11010519491231002x") == "110105********002X"


def test_mask_ric_short_value_fully_masked():
    assert mask_ric("12345") == "*****"


@given(valid_rics())
def test_validate_ric_random_valid_number_accepted(ric):
    assert validate_ric(ric) == ric
    assert ric_birth_date(ric).strftime("%Y%m%d") == ric[6:14]


@given(ric=valid_rics(), index=st.sampled_from([*range(6), 14, 15, 16]), delta=st.integers(1, 9))
def test_validate_ric_one_digit_changed_outside_date_rejected_by_checksum(ric, index, delta):
    changed = str((int(ric[index]) + delta) % 10)
    mutated = ric[:index] + changed + ric[index + 1 :]

    err = _error(validate_ric, mutated)

    assert err.code == "checksum"
    assert err.params["expected"] != ric[17]


# --- Phone numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("13812345678", "+8613812345678"),
        ("138 1234 5678", "+8613812345678"),
        ("16612345678", "+8616612345678"),
        ("19912345678", "+8619912345678"),
        ("+86 138-1234-5678", "+8613812345678"),
        ("0519-86571031", "+8651986571031"),
        ("010-12345678", "+861012345678"),
    ],
)
def test_validate_cn_phone_mobile_and_fixed_line_return_e164(raw, e164):
    assert validate_cn_phone(raw) == e164


@pytest.mark.parametrize("raw", ["12345", "", "not a number", "+85291234567", "1381234567"])
def test_validate_cn_phone_invalid_raises_phone_error_with_value(raw):
    err = _error(validate_cn_phone, raw)

    assert (err.code, err.params) == ("phone", {"value": raw})


@pytest.mark.parametrize(
    ("e164", "display"),
    [("+8613812345678", "138 1234 5678"), ("+8651986571031", "0519 8657 1031")],
)
def test_format_cn_phone_national_display(e164, display):
    assert format_cn_phone(e164) == display


@pytest.mark.parametrize("raw", ["13812345678", "+8613812345678", "0086 138 1234 5678"])
def test_mask_phone_hides_middle_four_digits(raw):
    assert mask_phone(raw) == "138****5678"


def test_mask_phone_short_garbage_never_shown():
    assert mask_phone("12-34") == "****"
