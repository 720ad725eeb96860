"""Topics (议题): small public matters residents put forward for their community to deliberate.

Verified residents of the community propose and follow topics; staff record one for a resident who
does not use a phone (marked as assisted). Anyone signed in may report a topic; at
``TOPIC_REPORTS_TO_HIDE`` reports it is hidden until a keeper keeps or removes it. Following and
reporting are once per person, held by the database.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.notifications.messenger import Message, notify
from yichuang.participation import permissions
from yichuang.participation.models import Topic, TopicFollow, TopicReport


def _check_text(title: str, body: str) -> dict[str, str]:
    errors = {}
    if not title.strip():
        errors["title"] = _("Name the topic in a few words.")
    if not body.strip():
        errors["body"] = _("Say what the matter is and why it concerns the community.")
    return errors


@transaction.atomic
def topic_propose(*, actor, area, title: str, body: str, assisted_for: str = "", is_sample: bool = False) -> Topic:
    """A resident of the community proposes a topic, or a keeper records one for a resident."""
    assisted_for = assisted_for.strip()
    if assisted_for:
        if not permissions.keeps_area(actor, area):
            raise PermissionDenied
    elif not permissions.is_resident_of(actor, area):
        raise PermissionDenied
    errors = _check_text(title, body)
    if errors:
        raise ValidationError(errors)
    since = timezone.now() - dt.timedelta(days=1)
    if not assisted_for and Topic.objects.filter(proposed_by=actor, created_at__gte=since).count() >= settings.TOPICS_PER_DAY:
        raise ValidationError(_("You have put forward %(n)s topics today; more can follow tomorrow.")
                              % {"n": settings.TOPICS_PER_DAY})
    topic = Topic.objects.create(area=area, title=title.strip(), body=body.strip(), proposed_by=actor,
                                 assisted_for=assisted_for[:50], is_sample=is_sample)
    log_action(actor=actor, action="participation.topic.proposed", obj=topic, area_path=area.path,
               after={"title": topic.title, "assisted": bool(assisted_for)})
    return topic


def topic_follow(*, actor, topic: Topic, follow: bool = True) -> Topic:
    """Follow (or stop following) an open topic; a second follow changes nothing."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    with transaction.atomic():
        if follow:
            if topic.status != Topic.Status.OPEN:
                raise ValidationError(_("This topic is not open."))
            try:
                with transaction.atomic():
                    TopicFollow.objects.create(topic=topic, user=actor)
            except IntegrityError:
                return topic
            Topic.objects.filter(pk=topic.pk).update(followers=F("followers") + 1)
        elif TopicFollow.objects.filter(topic=topic, user=actor).delete()[0]:
            Topic.objects.filter(pk=topic.pk).update(followers=F("followers") - 1)
    topic.refresh_from_db(fields=["followers"])
    return topic


def topic_report(*, actor, topic: Topic, reason: str) -> Topic:
    """Report a topic as inappropriate; enough reports hide it until a keeper looks at it."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say what is wrong with it.")})
    with transaction.atomic():
        try:
            with transaction.atomic():
                TopicReport.objects.create(topic=topic, user=actor, reason=reason.strip()[:200])
        except IntegrityError:
            raise ValidationError(_("You have already reported this topic; a moderator will look at it.")) from None
        Topic.objects.filter(pk=topic.pk).update(reports=F("reports") + 1)
        hidden = Topic.objects.filter(pk=topic.pk, status=Topic.Status.OPEN,
                                      reports__gte=settings.TOPIC_REPORTS_TO_HIDE).update(status=Topic.Status.HIDDEN)
        log_action(actor=actor, action="participation.topic.reported", obj=topic, area_path=topic.area.path,
                   reason=reason.strip()[:200], after={"hidden": bool(hidden)})
        if hidden:
            title, url = topic.title, reverse("participation:topic", args=[topic.pk])
            notify(permissions.keepers_of(topic.area), lambda user: Message(
                "participation.topic_hidden", _("A topic was hidden after reports: %(title)s") % {"title": title},
                _("Keep it or remove it."), url), kind="participation.topic_hidden")
    topic.refresh_from_db()
    return topic


@transaction.atomic
def topic_moderate(*, actor, topic: Topic, keep: bool, note: str = "") -> Topic:
    """A keeper keeps a reported topic (its reports are cleared) or removes it (with a note)."""
    topic = Topic.objects.select_for_update(of=("self",)).select_related("area").get(pk=topic.pk)
    if not permissions.keeps_area(actor, topic.area):
        raise PermissionDenied
    if not keep and not note.strip():
        raise ValidationError({"note": _("Say why the topic is removed (the person who proposed it is told).")})
    before = topic.status
    topic.status = Topic.Status.OPEN if keep else Topic.Status.REMOVED
    topic.moderated_by, topic.moderation_note = actor, note.strip()[:300]
    if keep:
        TopicReport.objects.filter(topic=topic).delete()
        topic.reports = 0
    topic.save(update_fields=["status", "moderated_by", "moderation_note", "reports"])
    log_action(actor=actor, action="participation.topic.moderated", obj=topic, area_path=topic.area.path,
               reason=note.strip(), before={"status": before}, after={"status": topic.status})
    if not keep:
        title = topic.title
        notify([topic.proposed_by], lambda user: Message(
            "participation.topic_removed", _("Your topic was removed: %(title)s") % {"title": title}, note.strip(),
            reverse("participation:topic-list")), kind="participation.topic_removed")
    return topic
