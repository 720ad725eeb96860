"""Personal data in text meant for the public: mobile and landline numbers, ID-like numbers, and the
names of the people a text is about.

Used before anything written for a person (a micro-wish for a child, a topic about a neighbour) is
published. It finds what a careless sentence most often gives away; it does not replace the second
person who reads the text before it goes out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from yichuang.kernel.chinese import to_simplified

# 15 or 18 characters of an identity card, or long digit runs (bank cards, passport-like numbers):
# a public text about a wish has no reason to carry any of them.
_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15}|\d{16,19})(?![0-9A-Za-z])")
# A door number gives an address away: "3栋2单元501", "5号楼302室".
_DOOR = re.compile(r"\d+\s*(栋|幢|号楼)\s*(\d+\s*单元)?\s*\d+\s*(室|号)?")


@dataclass(frozen=True)
class Finding:
    kind: str  # "phone", "id_number", "name", "address"
    text: str  # what was found, as written


def personal_data(text: str, *, names: tuple[str, ...] = ()) -> list[Finding]:
    """What in ``text`` looks like personal data; ``names`` are people the text must not name."""
    findings: list[Finding] = []
    compact = re.sub(r"[\s\-－—]", "", text)
    for match in phonenumbers.PhoneNumberMatcher(compact, "CN", leniency=phonenumbers.Leniency.VALID):
        findings.append(Finding("phone", match.raw_string))
    phones = {f.text for f in findings}
    for match in _ID_LIKE.finditer(compact):
        if match.group(0) not in phones:
            findings.append(Finding("id_number", match.group(0)))
    for match in _DOOR.finditer(text):
        findings.append(Finding("address", match.group(0)))
    simplified = to_simplified(text)
    for name in names:
        name = to_simplified(name.strip())
        # The full name, and for names of three characters or more the given name people call a child by.
        for part in (name, name[1:]) if len(name) >= 3 else (name,):
            if len(part) >= 2 and part in simplified:
                findings.append(Finding("name", part))
                break
    return findings
