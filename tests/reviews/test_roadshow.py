"""The live roadshow: running order, scoring rules, the officer's board, closing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.reviews.factories import expert, officer_of, review_world
from yichuang.core.models import AuditEvent
from yichuang.reviews import roadshow, services
from yichuang.reviews.models import RoadshowScore, SessionState
from yichuang.reviews.roadshow_queries import board, roadshow_scores

pytestmark = pytest.mark.django_db


def _live(count=2, experts=2):
    program, review_round, applications, panel = review_world(count=count, experts=experts, k=1)
    officer = officer_of(program)
    session = roadshow.roadshow_setup(actor=officer, program=program, application_ids_in_order=[a.pk for a in applications],
                                      panel=panel, venue="路演厅")
    session = roadshow.roadshow_open(actor=officer, session=session)
    return program, session, applications, panel, officer


def test_roadshow_setup_refuses_an_application_not_under_review():
    program, _round, applications, panel = review_world(count=1, experts=1)
    from tests import factories

    stranger = factories.submitted_application(program, factories.organization(program.area))

    with pytest.raises(ValidationError) as caught:
        roadshow.roadshow_setup(actor=officer_of(program), program=program,
                                application_ids_in_order=[applications[0].pk, stranger.pk], panel=panel)

    assert stranger.number in caught.value.messages[0]


def test_roadshow_open_starts_at_the_first_pitch():
    _program, session, applications, _panel, _officer = _live()

    assert session.state == SessionState.LIVE
    assert session.current.application_id == applications[0].pk


def test_roadshow_score_current_pitch_and_rescore_replaces():
    _program, session, _applications, panel, _officer = _live()
    slot = session.current

    roadshow.roadshow_score(actor=panel[0].user, session=session, slot=slot, points="87.5")
    roadshow.roadshow_score(actor=panel[0].user, session=session, slot=slot, points="90")

    assert list(RoadshowScore.objects.values_list("score_tenths", flat=True)) == [900]
    assert AuditEvent.objects.filter(action="reviews.roadshow.scored").count() == 2


def test_roadshow_score_future_pitch_is_refused_and_passed_pitch_allowed():
    _program, session, _applications, panel, officer = _live()
    first, second = list(session.slots.order_by("position"))

    with pytest.raises(ValidationError):
        roadshow.roadshow_score(actor=panel[0].user, session=session, slot=second, points="80")
    roadshow.roadshow_move(actor=officer, session=session, slot=second)
    roadshow.roadshow_score(actor=panel[0].user, session=session, slot=first, points="80")

    assert RoadshowScore.objects.get().slot == first


@pytest.mark.parametrize(("typed", "said"), [
    ("101", "您填写的是 101"), ("-1", "您填写的是 -1"), ("87.55", "最多保留一位小数"),
    ("八十", "请填写 0 到 100 之间的分数"), ("", "请填写 0 到 100 之间的分数"), ("nan", "请填写 0 到 100 之间的分数"),
])
def test_roadshow_score_bad_points_are_refused_with_a_message(typed, said):
    _program, session, _applications, panel, _officer = _live()

    with pytest.raises(ValidationError) as caught:
        roadshow.roadshow_score(actor=panel[0].user, session=session, slot=session.current, points=typed)

    assert said in caught.value.messages[0]
    assert not RoadshowScore.objects.exists()


def test_roadshow_score_by_someone_off_the_panel_is_refused():
    program, session, _applications, _panel, _officer = _live()
    outsider = expert(program.area)

    with pytest.raises(PermissionDenied):
        roadshow.roadshow_score(actor=outsider.user, session=session, slot=session.current, points="80")


def test_roadshow_score_by_a_conflicted_expert_is_refused():
    program, session, applications, panel, _officer = _live()
    review_round = program.review_round
    services.declaration_save(actor=panel[1].user, review_round=review_round, conflicted={applications[0].pk}, interested=set())

    with pytest.raises(ValidationError):
        roadshow.roadshow_score(actor=panel[1].user, session=session, slot=session.current, points="80")

    assert all(panel[1].name not in row["missing"] for row in board(session) if row["application"] == applications[0])


def test_roadshow_close_refuses_unscored_pitches_unless_forced_with_reason():
    _program, session, _applications, panel, officer = _live()
    roadshow.roadshow_score(actor=panel[0].user, session=session, slot=session.current, points="80")

    with pytest.raises(ValidationError):
        roadshow.roadshow_close(actor=officer, session=session)
    with pytest.raises(ValidationError):
        roadshow.roadshow_close(actor=officer, session=session, force=True)
    closed = roadshow.roadshow_close(actor=officer, session=session, force=True, reason="第二组缺席")

    assert closed.state == SessionState.CLOSED
    with pytest.raises(ValidationError):
        roadshow.roadshow_score(actor=panel[0].user, session=session, slot=session.current, points="70")


def test_board_lists_who_has_not_scored_and_results_see_the_scores(client):
    program, session, applications, panel, officer = _live()
    roadshow.roadshow_score(actor=panel[0].user, session=session, slot=session.current, points="88")
    client.force_login(officer)

    page = client.get(reverse("reviews:roadshow-board", args=[program.pk])).content.decode()

    current = page.split('class="table-primary"')[1].split("</tr>")[0]
    assert panel[1].name in current and panel[0].name not in current
    assert "88.0" in current
    assert roadshow_scores(program) == {applications[0].pk: [88.0]}


def test_board_query_count_does_not_grow_with_pitches(client):
    counts = []
    for count in (1, 3):
        program, _session, _applications, _panel, officer = _live(count=count)
        client.force_login(officer)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("reviews:roadshow-board", args=[program.pk]))
        assert response.content.decode().count("<tr") == count + 1  # the header and one row a pitch
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_expert_roadshow_page_of_a_session_they_are_not_on_answers_404(client):
    program, session, _applications, _panel, _officer = _live()
    outsider = expert(program.area)
    client.force_login(outsider.user)

    assert client.get(reverse("reviews:my-roadshow", args=[session.pk])).status_code == 404


def test_expert_roadshow_page_posts_a_score_and_shows_it(client):
    _program, session, _applications, panel, _officer = _live()
    client.force_login(panel[0].user)

    client.post(reverse("reviews:my-roadshow-score", args=[session.pk]), {"slot": session.current_id, "points": "91"})
    page = client.get(reverse("reviews:my-roadshow", args=[session.pk])).content.decode()

    assert "91.0" in page


def test_my_roadshow_page_shows_a_conflicted_expert_a_notice_instead_of_the_form(client):
    program, session, applications, panel, _officer = _live()
    services.declaration_save(actor=panel[1].user, review_round=program.review_round, conflicted={applications[0].pk},
                              interested=set())
    client.force_login(panel[1].user)

    response = client.get(reverse("reviews:my-roadshow", args=[session.pk]))

    page = response.content.decode()
    assert 'data-testid="roadshow-conflict"' in page
    assert 'name="points"' not in page.split('data-testid="my-roadshow-slots"')[0]


def test_my_roadshow_page_shows_an_unconflicted_expert_the_form(client):
    _program, session, _applications, panel, _officer = _live()
    client.force_login(panel[0].user)

    response = client.get(reverse("reviews:my-roadshow", args=[session.pk]))

    page = response.content.decode()
    assert 'data-testid="roadshow-conflict"' not in page
    assert 'id="points"' in page
