"""The kept total of each volunteer's confirmed minutes, checked against the records by
`yichuang check-ledger` (the services change both in one transaction)."""

from __future__ import annotations

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from yichuang.volunteers.models import ServiceRecord, Volunteer


def problems() -> list[str]:
    confirmed = Sum("records__minutes", filter=Q(records__status=ServiceRecord.Status.CONFIRMED))
    rows = (Volunteer.objects.annotate(counted=Coalesce(confirmed, 0))
            .values_list("number", "minutes_confirmed", "counted").order_by("pk").iterator(chunk_size=5000))
    return [f"volunteer {number}: kept service total differs from the confirmed records"
            for number, kept, counted in rows if kept != counted][:100]
