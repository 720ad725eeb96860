"""Messages to an address, not to an account: invitations, password resets, sign-up codes.

Each channel (e-mail, SMS) has one configured way out: ``outbox`` keeps the message in
``OutboxMessage`` for the outbox page (the embedded default, and what tests read), ``smtp`` sends
e-mail through Django's mail settings, and an SMS gateway is a dotted path to a class with
``send(to, text)``. Messages leave after the surrounding transaction commits.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.module_loading import import_string

from yichuang.core.models import OutboxMessage


def channel_of(address: str) -> str:
    return "email" if "@" in address else "sms"


def _send_now(channel: str, to: str, subject: str, body: str, kind: str) -> None:
    way = settings.DELIVERY.get(channel, "outbox")
    if way == "outbox":
        OutboxMessage.objects.create(channel=channel, kind=kind, to=to, subject=subject[:200], body=body)
    elif way == "smtp":
        send_mail(subject, body, None, [to], fail_silently=False)
    else:
        import_string(way)().send(to, f"{subject}\n{body}")


def deliver(*, to: str, subject: str, body: str, kind: str) -> None:
    """Send ``subject`` and ``body`` to ``to`` (an e-mail address or a mobile number) once the writes commit."""
    channel = channel_of(to)
    transaction.on_commit(lambda: _send_now(channel, to, subject, body, kind))
