import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.participation import topics
from yichuang.participation.models import Topic

pytestmark = pytest.mark.django_db


def _world():
    where = factories.community()
    return where, factories.user_with_role(Role.RESIDENT, area=where), factories.user_with_role(Role.COMMUNITY_WORKER, area=where)


def _topic(where, resident):
    return topics.topic_propose(actor=resident, area=where, title="修一修祠堂前的路", body="下雨天积水，老人出门容易滑倒。")


def test_resident_proposes_and_neighbours_follow_once_each():
    where, resident, _worker = _world()
    topic = _topic(where, resident)
    neighbour = factories.user_with_role(Role.RESIDENT, area=where)
    topics.topic_follow(actor=neighbour, topic=topic)
    topics.topic_follow(actor=neighbour, topic=topic)
    assert Topic.objects.get().followers == 1
    topics.topic_follow(actor=neighbour, topic=topic, follow=False)
    assert Topic.objects.get().followers == 0


def test_only_residents_of_the_community_propose_and_staff_record_assisted_topics():
    where, _resident, worker = _world()
    stranger = factories.user_with_role(Role.RESIDENT, area=factories.community(name="别的社区"))
    with pytest.raises(PermissionDenied):
        _topic(where, stranger)
    assisted = topics.topic_propose(actor=worker, area=where, title="独居老人吃饭难", body="想办一个老年助餐点。",
                                    assisted_for="王奶奶")
    assert assisted.assisted_for == "王奶奶"


def test_proposals_per_day_are_limited(settings):
    settings.TOPICS_PER_DAY = 1
    where, resident, _worker = _world()
    _topic(where, resident)
    with pytest.raises(ValidationError, match="topics today"):
        _topic(where, resident)


def test_enough_reports_hide_a_topic_until_a_keeper_keeps_it(settings, client):
    settings.TOPIC_REPORTS_TO_HIDE = 2
    where, resident, worker = _world()
    topic = _topic(where, resident)
    first, second = (factories.user_with_role(Role.RESIDENT, area=where) for _ in range(2))
    topics.topic_report(actor=first, topic=topic, reason="广告")
    with pytest.raises(ValidationError, match="already reported"):
        topics.topic_report(actor=first, topic=topic, reason="广告")
    topics.topic_report(actor=second, topic=topic, reason="广告")
    assert Topic.objects.get().status == Topic.Status.HIDDEN
    assert client.get(reverse("participation:topic", args=[topic.pk])).status_code == 404

    topics.topic_moderate(actor=worker, topic=topic, keep=True)
    kept = Topic.objects.get()
    assert kept.status == Topic.Status.OPEN and kept.reports == 0


def test_removing_a_topic_needs_a_note_and_a_keeper():
    where, resident, worker = _world()
    topic = _topic(where, resident)
    with pytest.raises(PermissionDenied):
        topics.topic_moderate(actor=resident, topic=topic, keep=False, note="重复")
    with pytest.raises(ValidationError):
        topics.topic_moderate(actor=worker, topic=topic, keep=False)
    assert topics.topic_moderate(actor=worker, topic=topic, keep=False, note="与另一议题重复").status == Topic.Status.REMOVED


def test_script_in_a_topic_is_shown_as_text(client):
    where, resident, _worker = _world()
    topic = topics.topic_propose(actor=resident, area=where, title="<script>alert(1)</script>", body="<b>粗体</b>")
    page = client.get(reverse("participation:topic", args=[topic.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_topic_list_in_constant_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    where, resident, _worker = _world()
    _topic(where, resident)
    url = reverse("participation:topic-list")
    client.force_login(resident)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(2):
        _topic(where, resident)
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    assert len(three) == len(one)
