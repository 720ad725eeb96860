"""The consent texts a volunteer agrees to, by version. A new wording gets a new version, so every
recorded consent still says exactly which text was agreed to."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-11"

CONSENT_TEXTS = {
    "registration": _(
        "I agree that the organizations I serve with keep my registration details and my service, training, "
        "award and evaluation records under the Ministry of Civil Affairs' rules on volunteer records, use them "
        "only to organize volunteer service and to certify it, and never publish or sell them without my consent."),
    "sensitive": _(
        "Separately, I agree that my identity document number is kept, encrypted, to tell me apart from other "
        "volunteers and to put on certificates I ask for. Pages show it masked; every full view is recorded."),
    "guardian": _(
        "As the guardian of a volunteer under 14, I agree to the above on the child's behalf."),
}
