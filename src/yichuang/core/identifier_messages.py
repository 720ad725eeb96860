"""Kernel identifier errors, said in the user's language."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from yichuang.kernel.identifiers import IdentifierError


def identifier_message(error: IdentifierError, *, what: str) -> str:
    params = error.params
    if error.code == "length":
        return _("%(what)s must have %(expected)s characters; this one has %(actual)s.") % {
            "what": what,
            "expected": params.get("expected"),
            "actual": params.get("actual"),
        }
    if error.code == "character":
        return _("Character %(position)s of %(what)s, “%(char)s”, is not allowed here.") % {
            "what": what,
            "position": params.get("position"),
            "char": params.get("char"),
        }
    if error.code == "checksum":
        return _(
            "The last character of %(what)s should be “%(expected)s”, not “%(actual)s”: "
            "please check for a typing mistake."
        ) % {"what": what, "expected": params.get("expected"), "actual": params.get("actual")}
    if error.code == "phone":
        return _("“%(value)s” is not a valid mainland China mobile or landline number.") % {
            "value": params.get("value")
        }
    return _("%(what)s is not in the right format.") % {"what": what}


def as_validation_error(error: IdentifierError, *, what: str) -> ValidationError:
    return ValidationError(identifier_message(error, what=what), code=error.code)
