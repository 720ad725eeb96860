"""Reminding a fund's managers of disclosures (each quarter's, and the full report on each co-funded
project that ended): once when a report comes within the reminder period of its due date, once more
when it is overdue. Run daily by ``yichuang remind_disclosures``."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.charity import disclosure, permissions
from yichuang.charity.models import Fund
from yichuang.core.audit import log_action
from yichuang.notifications.messenger import Message, notify


def disclosures_remind(*, today: dt.date | None = None) -> int:
    """Send the reminders not yet sent; returns how many (fund, quarter, stage) reminders went out."""
    today = today or timezone.localdate()
    sent = 0
    for fund in Fund.objects.select_related("community"):
        for row in disclosure.due_soon(fund, today):
            key = f"{row['key']}-{'overdue' if row['overdue'] else 'due'}"
            if key not in fund.reminders_sent:
                _remind(fund, row, key)
                sent += 1
    return sent


@transaction.atomic
def _remind(fund: Fund, row: dict, key: str) -> None:
    fund = Fund.objects.select_for_update(of=("self",)).select_related("community").get(pk=fund.pk)
    if key in fund.reminders_sent:  # another run sent it meanwhile
        return
    fund.reminders_sent = [*fund.reminders_sent, key]
    fund.save(update_fields=["reminders_sent"])
    quarter = row["label"]

    def compose(user):
        subject = (_("Overdue: %(fund)s's disclosure for %(quarter)s") if row["overdue"]
                   else _("Due soon: %(fund)s's disclosure for %(quarter)s")) % {"fund": fund.name, "quarter": quarter}
        return Message("charity.disclosure_due", subject, _("Due by %(day)s. Check the draft report and publish it.")
                       % {"day": row["due"].isoformat()}, reverse("charity:disclosures", args=[fund.pk]))

    notify(permissions.managers(fund), compose, kind="charity.disclosure_due")
    log_action(actor=None, action="charity.disclosure.reminded", obj=fund, area_path=fund.community.path,
               after={"reminder": key})
