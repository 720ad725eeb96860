"""One messenger, pluggable channels. Callers say who should hear what; channels decide how.

Messages are composed in each recipient's language and delivered after the surrounding
transaction commits, so nobody is told about a change that was rolled back. A new channel
(SMS, WeChat) is a class with ``deliver`` added to CHANNELS; no caller changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

from yichuang.notifications.models import Notification


@dataclass(frozen=True)
class Message:
    kind: str
    subject: str
    body: str
    url: str = ""


class InboxChannel:
    code = "inbox"

    def deliver(self, user, message: Message) -> None:
        Notification.objects.create(
            recipient=user, kind=message.kind, subject=message.subject[:200], body=message.body, url=message.url
        )


class EmailChannel:
    code = "email"

    def deliver(self, user, message: Message) -> None:
        if not user.email:
            return
        link = f"\n\n{settings.SITE_URL}{message.url}" if message.url else ""
        send_mail(message.subject, message.body + link, None, [user.email], fail_silently=True)


CHANNELS = [InboxChannel(), EmailChannel()]


def notify(recipients, compose, *, kind: str) -> None:
    """Schedule ``compose(user) -> Message`` for each recipient, delivered on commit.

    ``compose`` runs inside the recipient's language, so it may use gettext freely.
    """
    users = list({user.pk: user for user in recipients}.values())
    if not users:
        return

    def deliver() -> None:
        for user in users:
            with translation.override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
                message = compose(user)
            for channel in CHANNELS:
                channel.deliver(user, Message(kind, message.subject, message.body, message.url))

    transaction.on_commit(deliver)
