"""Validation of Chinese identifiers: USCC, resident ID numbers and phone numbers.

Every failure raises :class:`IdentifierError` carrying a short ``code`` and
structured ``params``.  The English ``str()`` is for logs; user-facing code
translates by ``code`` and uses ``params`` to say *which* character is wrong or
*what* length was expected.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

import phonenumbers
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc

__all__ = [
    "IdentifierError",
    "describe_uscc",
    "format_cn_phone",
    "mask_phone",
    "mask_ric",
    "ric_birth_date",
    "ric_gender",
    "uscc_check_char",
    "validate_cn_phone",
    "validate_ric",
    "validate_uscc",
]


class IdentifierError(ValueError):
    """An identifier failed validation.

    ``code`` is one of ``length``, ``character``, ``checksum``, ``format`` or
    ``phone``; ``params`` holds the details for that code.
    """

    _MESSAGES = {
        "length": "expected {expected} characters, got {actual}",
        "character": "illegal character {char!r} at position {position}",
        "checksum": "check character should be {expected!r}, not {actual!r}",
        "format": "invalid format: {detail}",
        "phone": "not a valid Chinese phone number: {value!r}",
    }

    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        # Passing (code, params) to the base keeps ``args`` faithful, so the
        # exception survives pickling (e.g. across task-queue workers).
        params = dict(params or {})
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        template = self._MESSAGES.get(self.code)
        try:
            return template.format(**self.params) if template else self.code
        except KeyError:
            # A caller supplied different params than the template expects;
            # still produce something readable rather than a second exception.
            return f"{self.code}: {self.params}"


def _compact(value: str, separators: str) -> str:
    """Strip, drop the given separator characters and uppercase."""
    cleaned = value.strip()
    for sep in separators:
        cleaned = cleaned.replace(sep, "")
    return cleaned.upper()


def _check_length(value: str, expected: int) -> None:
    if len(value) != expected:
        raise IdentifierError("length", {"expected": expected, "actual": len(value)})


def _check_characters(value: str, allowed_per_position: list[str]) -> None:
    """Report the first character not allowed at its position (1-based)."""
    for index, (char, allowed) in enumerate(zip(value, allowed_per_position)):
        if char not in allowed:
            raise IdentifierError("character", {"position": index + 1, "char": char})


def _check_check_char(actual: str, expected: str) -> None:
    if actual != expected:
        raise IdentifierError("checksum", {"expected": expected, "actual": actual})


# --- 统一社会信用代码 (GB 32100-2015) -----------------------------------------

# I, O, Z, S and V are excluded by the standard because they are easily
# confused with 1, 0, 2, 5 and U.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _uscc_check_char(body: str) -> str:
    """Check character for 17 already-validated characters (python-stdnum's GB 32100-2015 arithmetic)."""
    return stdnum_uscc.calc_check_digit(body)


def uscc_check_char(first17: str) -> str:
    """Return the check character for the first 17 characters of a USCC."""
    body = _compact(first17, " -")
    _check_length(body, 17)
    _check_characters(body, [USCC_ALPHABET] * 17)
    return _uscc_check_char(body)


def validate_uscc(value: str) -> str:
    """Return the normalised USCC or raise :class:`IdentifierError`."""
    code = _compact(value, " -")
    _check_length(code, 18)
    _check_characters(code, [USCC_ALPHABET] * 18)
    _check_check_char(code[17], _uscc_check_char(code[:17]))
    return code


def describe_uscc(value: str) -> dict[str, str]:
    """Split a valid USCC into its parts.

    ``authority`` is the registering-authority code char (``5`` civil
    affairs/民政, ``9`` market regulation/工商, ``1`` staffing/编制, ``Y``
    other); ``org_type`` the entity-type char; ``region`` the 6-digit
    administrative division; ``org_code`` the 9-char organisation code.
    """
    code = validate_uscc(value)
    return {
        "authority": code[0],
        "org_type": code[1],
        "region": code[2:8],
        "org_code": code[8:17],
    }


# --- 居民身份证号码 (GB 11643-1999) --------------------------------------------

_DIGITS = "0123456789"  # explicit: str.isdigit() also accepts e.g. Arabic-Indic digits


def _ric_check_char(first17: str) -> str:
    """Check character for 17 digits (python-stdnum's GB 11643-1999 arithmetic).

    stdnum's function takes the whole number and ignores its last character, so one is appended."""
    return stdnum_ric.calc_check_digit(first17 + "?")


def _parse_birth_date(digits: str) -> datetime.date:
    """Parse YYYYMMDD; a date in the future cannot be a birth date."""
    try:
        born = datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        born = None
    if born is None or born > datetime.date.today():
        raise IdentifierError("format", {"detail": "birth_date", "value": digits})
    return born


def validate_ric(value: str) -> str:
    """Return the normalised 18-character resident ID or raise :class:`IdentifierError`."""
    ric = _compact(value, " ")
    _check_length(ric, 18)
    _check_characters(ric, [_DIGITS] * 17 + [_DIGITS + "X"])
    _parse_birth_date(ric[6:14])
    _check_check_char(ric[17], _ric_check_char(ric[:17]))
    return ric


def ric_birth_date(value: str) -> datetime.date:
    """Birth date encoded in a valid resident ID."""
    return _parse_birth_date(validate_ric(value)[6:14])


def ric_gender(value: str) -> Literal["male", "female"]:
    """Gender encoded in a valid resident ID: the 17th digit is odd for men."""
    return "male" if int(validate_ric(value)[16]) % 2 else "female"


def _mask_middle(text: str, keep_start: int, keep_end: int) -> str:
    """Replace all but the first/last characters with '*'.

    Too-short input is masked entirely: masking exists for privacy, so it must
    never fall back to showing the raw value.
    """
    if len(text) <= keep_start + keep_end:
        return "*" * len(text)
    hidden = len(text) - keep_start - keep_end
    return text[:keep_start] + "*" * hidden + text[len(text) - keep_end :]


def mask_ric(value: str) -> str:
    """Mask a resident ID for display, keeping the area code and last 4 chars.

    Does not validate, so legacy or malformed stored values can still be shown
    safely.
    """
    return _mask_middle(_compact(value, " "), 6, 4)


# --- Phone numbers ---------------------------------------------------------------

_ACCEPTED_PHONE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def _parse_cn_phone(value: str) -> phonenumbers.PhoneNumber:
    error = IdentifierError("phone", {"value": value})
    try:
        number = phonenumbers.parse(value, "CN")
    except phonenumbers.NumberParseException:
        raise error from None
    # Mainland numbers only: a valid Hong Kong number is still rejected here.
    if not phonenumbers.is_valid_number_for_region(number, "CN"):
        raise error
    if phonenumbers.number_type(number) not in _ACCEPTED_PHONE_TYPES:
        raise error
    return number


def validate_cn_phone(value: str) -> str:
    """Return a mainland mobile or fixed-line number in E.164 (``+8613812345678``)."""
    return phonenumbers.format_number(
        _parse_cn_phone(value), phonenumbers.PhoneNumberFormat.E164
    )


def format_cn_phone(value: str) -> str:
    """National display format, e.g. ``138 1234 5678`` or ``0519 8657 1031``."""
    return phonenumbers.format_number(
        _parse_cn_phone(value), phonenumbers.PhoneNumberFormat.NATIONAL
    )


def mask_phone(value: str) -> str:
    """Mask a phone number for display: ``13812345678`` -> ``138****5678``.

    Works on digits only and does not validate, so malformed stored values are
    still masked rather than shown or raising in a template.
    """
    digits = "".join(c for c in value if c in _DIGITS)
    stripped = value.strip()
    if stripped.startswith("+86"):
        digits = digits[2:]
    elif stripped.startswith("0086"):
        digits = digits[4:]
    return _mask_middle(digits, 3, 4)
