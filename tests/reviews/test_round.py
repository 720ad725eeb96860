"""Review rounds: entering, conflicts, declarations, assignment, score sheets, results, reminders."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.reviews.factories import expert, in_review, officer_of, review_world
from yichuang.core.models import AuditEvent
from yichuang.notifications.models import Notification
from yichuang.reviews import scores, services
from yichuang.reviews.models import Assignment, Conflict, PairRule, Review, ReviewRound, ReviewState, RoundState
from yichuang.reviews.results import round_results

pytestmark = pytest.mark.django_db

SHEET = {"need": "16", "design": "20", "capacity": "15", "budget": "12", "outcomes": "8", "innovation": None}


def _assign(review_round, **kwargs):
    return services.round_assign(actor=officer_of(review_round.program), review_round=review_round, **kwargs)


def _open(review_round):
    services.round_assign(actor=officer_of(review_round.program), review_round=review_round)
    return services.round_open(actor=officer_of(review_round.program), review_round=review_round)


def _submit(assignment, sheet=SHEET):
    user = assignment.expert.user
    services.assignment_confirm(actor=user, assignment=assignment, independent=True)
    return scores.review_save(actor=user, assignment=assignment, revision=1, scores=sheet, bonus={}, comments={},
                              comment="", submit=True)


# --- entering and conflicts ---------------------------------------------------------------------


def test_start_review_transition_enters_the_application_into_the_round():
    _program, review_round, applications, _panel = review_world(count=2)

    assert set(review_round.entries.values_list("application_id", flat=True)) == {a.pk for a in applications}


def test_conflicts_refresh_detects_affiliation_linked_organization_and_team():
    program, review_round, applications, panel = review_world(count=3)
    first, second, third = applications
    operator = factories.operator()
    # panel[0] works for the first applicant; panel[1] for an organization sharing the second's representative.
    services_expert = panel[0]
    from yichuang.reviews.pool import expert_update

    expert_update(actor=operator, expert=services_expert, version=services_expert.version, affiliations=[first.organization])
    sibling = factories.organization(program.area, legal_representative="张三")
    from yichuang.places.services import organization_update

    organization_update(actor=operator, organization=second.organization, data={"legal_representative": "张三"},
                        expected_version=second.organization.version)
    expert_update(actor=operator, expert=panel[1], version=panel[1].version, affiliations=[sibling])
    # panel[2] is named on the third applicant's team (the factory document's team member).
    expert_update(actor=operator, expert=panel[2], version=panel[2].version, name="王晓")

    services.conflicts_refresh(review_round)

    found = set(Conflict.objects.values_list("expert_id", "application_id", "source"))
    assert (panel[0].pk, first.pk, "affiliation") in found
    assert (panel[1].pk, second.pk, "linked") in found
    assert (panel[2].pk, third.pk, "team") in found
    assert not any(e == panel[3].pk for e, _a, _s in found)


def test_declared_conflict_is_never_assigned_and_hides_content():
    _program, review_round, applications, panel = review_world(count=2, experts=3, k=2)
    services.declaration_save(actor=panel[0].user, review_round=review_round, conflicted={applications[0].pk}, interested=set())

    _open(review_round)

    assert not Assignment.objects.filter(expert=panel[0], application=applications[0]).exists()


def test_declaration_interest_raises_affinity_of_the_pair():
    _program, review_round, applications, panel = review_world(count=2, experts=3, k=1)
    services.declaration_save(actor=panel[2].user, review_round=review_round, conflicted=set(), interested={applications[1].pk})

    _assign(review_round)

    # Every pair matches the domain (1.0); the declared interest adds half: the pair is chosen for it.
    assert Assignment.objects.get(expert=panel[2], application=applications[1]).affinity_bp == 15_000
    assert sorted(Assignment.objects.values_list("affinity_bp", flat=True)) == [10_000, 15_000]


def test_declaration_by_someone_off_the_panel_is_refused():
    _program, review_round, applications, _panel = review_world(count=1)
    outsider = expert(review_round.program.area)

    with pytest.raises(PermissionDenied):
        services.declaration_save(actor=outsider.user, review_round=review_round, conflicted={applications[0].pk}, interested=set())


# --- assignment ---------------------------------------------------------------------------------


def test_round_assign_gives_every_application_k_experts_and_records_the_proof():
    _program, review_round, applications, _panel = review_world(count=3, experts=4, k=2)

    solution = _assign(review_round)

    for application in applications:
        assert Assignment.objects.filter(round=review_round, application=application).count() == 2
    assert solution["optimal"] and solution["objective"] == solution["upper_bound"] == 6.0
    assert AuditEvent.objects.filter(action="reviews.round.assigned").exists()


def test_round_assign_infeasible_explains_with_the_application_number_and_changes_nothing():
    _program, review_round, applications, _panel = review_world(count=2, experts=2, k=3)

    with pytest.raises(ValidationError) as caught:
        _assign(review_round)

    assert applications[0].number in caught.value.messages[0]
    assert "只有 2 位无利益冲突的专家，需要 3 位" in caught.value.messages[0]
    assert not Assignment.objects.exists()


def test_round_assign_keeps_pins_and_never_uses_forbidden_pairs():
    _program, review_round, applications, panel = review_world(count=2, experts=4, k=1)
    officer = officer_of(review_round.program)
    services.pair_rule_set(actor=officer, review_round=review_round, expert=panel[3], application=applications[0], rule=PairRule.Rule.PIN)
    services.pair_rule_set(actor=officer, review_round=review_round, expert=panel[0], application=applications[1], rule=PairRule.Rule.FORBID)

    _assign(review_round)
    _assign(review_round)  # re-solving keeps what is pinned

    assert Assignment.objects.filter(expert=panel[3], application=applications[0]).exists()
    assert not Assignment.objects.filter(expert=panel[0], application=applications[1]).exists()


def test_round_assign_again_keeps_reviews_already_started():
    _program, review_round, _applications, _panel = review_world(count=2, experts=4, k=1)
    _open(review_round)
    started = Assignment.objects.first()
    _submit(started)

    _assign(review_round)

    assert Assignment.objects.filter(pk=started.pk).exists()


def test_round_draw_with_the_same_seed_repeats_the_draw():
    _program, review_round, _applications, _panel = review_world(count=3, experts=5, k=2)

    _assign(review_round, method="draw", seed=11)
    first = set(Assignment.objects.values_list("application_id", "expert_id"))
    Assignment.objects.all().delete()
    solution = _assign(review_round, method="draw", seed=11)

    assert set(Assignment.objects.values_list("application_id", "expert_id")) == first
    assert solution["seed"] == 11


def test_pin_of_a_conflicted_pair_is_refused():
    _program, review_round, applications, panel = review_world(count=1, experts=3, k=1)
    services.declaration_save(actor=panel[0].user, review_round=review_round, conflicted={applications[0].pk}, interested=set())

    with pytest.raises(ValidationError):
        services.pair_rule_set(actor=officer_of(review_round.program), review_round=review_round, expert=panel[0],
                               application=applications[0], rule=PairRule.Rule.PIN)


def test_round_open_notifies_assigned_experts(django_capture_on_commit_callbacks):
    _program, review_round, _applications, panel = review_world(count=2, experts=2, k=1)

    with pytest.raises(ValidationError):
        services.round_open(actor=officer_of(review_round.program), review_round=review_round)  # nothing assigned yet
    with django_capture_on_commit_callbacks(execute=True):
        _open(review_round)

    assert Notification.objects.filter(kind="review.assigned", recipient__in=[e.user for e in panel]).exists()


# --- score sheets -------------------------------------------------------------------------------


def test_review_submit_computes_the_total_with_na_renormalised_and_locks():
    _program, review_round, _applications, _panel = review_world(count=1, experts=2, k=1)
    _open(review_round)
    assignment = Assignment.objects.get()

    review = _submit(assignment)

    # 71 of 90 points on the weighted criteria without "innovation": (16+20+15+12+8) / 90 = 78.89 of 100.
    assert review.state == ReviewState.SUBMITTED
    assert review.total_centi == 7889
    with pytest.raises(ValidationError):
        scores.review_save(actor=assignment.expert.user, assignment=assignment, revision=review.revision,
                           scores=SHEET, bonus={}, comments={}, comment="", submit=True)


@pytest.mark.parametrize(("change", "field"), [({"need": "21"}, "score_need"), ({"design": "12.25"}, "score_design"),
                                                ({"need": None}, "score_need"), ({"budget": "abc"}, "score_budget")])
def test_review_save_bad_points_says_which_criterion_and_saves_nothing(change, field):
    _program, review_round, _applications, _panel = review_world(count=1, experts=2, k=1)
    _open(review_round)
    assignment = Assignment.objects.get()

    with pytest.raises(ValidationError) as caught:
        scores.review_save(actor=assignment.expert.user, assignment=assignment, revision=1, scores={**SHEET, **change},
                           bonus={}, comments={}, comment="", submit=False)

    assert field in caught.value.error_dict
    assert not Review.objects.exists()


def test_review_save_by_another_expert_is_refused():
    _program, review_round, _applications, panel = review_world(count=1, experts=2, k=1)
    _open(review_round)
    assignment = Assignment.objects.get()
    other = next(e for e in panel if e.pk != assignment.expert_id)

    with pytest.raises(PermissionDenied):
        scores.review_save(actor=other.user, assignment=assignment, revision=1, scores=SHEET, bonus={}, comments={},
                           comment="", submit=True)


def test_review_reopen_by_officer_unlocks_and_tells_the_expert(django_capture_on_commit_callbacks):
    _program, review_round, _applications, _panel = review_world(count=1, experts=2, k=1)
    _open(review_round)
    review = _submit(Assignment.objects.get())

    with django_capture_on_commit_callbacks(execute=True):
        scores.review_reopen(actor=officer_of(review_round.program), review=review, reason="请补充预算评语")

    review.refresh_from_db()
    assert review.state == ReviewState.DRAFT and review.total_centi is None
    assert Notification.objects.filter(kind="review.reopened", recipient=review.assignment.expert.user).exists()


def test_reviewers_remind_only_pending_experts_once_a_day(django_capture_on_commit_callbacks):
    _program, review_round, _applications, _panel = review_world(count=2, experts=2, k=1)
    _open(review_round)
    done = Assignment.objects.order_by("pk").first()
    _submit(done)
    review_round.refresh_from_db()
    services.round_update(actor=officer_of(review_round.program), review_round=review_round, version=review_round.version,
                          deadline=timezone.now() + datetime.timedelta(hours=20))

    with django_capture_on_commit_callbacks(execute=True):
        first = scores.reviewers_remind()
        second = scores.reviewers_remind()

    pending = Assignment.objects.exclude(pk=done.pk).get()
    assert (first, second) == (1, 0)
    reminded = Notification.objects.filter(kind="review.reminder").values_list("recipient_id", flat=True)
    assert list(reminded) == [pending.expert.user_id]


# --- results ------------------------------------------------------------------------------------


def test_round_results_rank_by_calibrated_score_and_ignore_conflicted_reviews():
    _program, review_round, applications, _panel = review_world(count=2, experts=2, k=2)
    _open(review_round)
    for assignment in Assignment.objects.all():
        sheet = SHEET if assignment.application_id == applications[0].pk else {**SHEET, "need": "6"}
        _submit(assignment, sheet)
    conflicted = Assignment.objects.filter(application=applications[1]).first()
    services.assignment_confirm(actor=conflicted.expert.user, assignment=conflicted, independent=False, note="亲属")

    results = round_results(review_round)

    rows = {row["application"].pk: row for row in results["rows"]}
    assert rows[applications[0].pk]["rank"] == 1
    assert rows[applications[1].pk]["reviews"] == 1  # the conflicted review no longer counts


def test_results_page_names_the_teams_without_a_roadshow_score_and_states_the_rule(client):
    from yichuang.reviews import roadshow

    program, review_round, applications, panel = review_world(count=2, experts=2, k=2)
    _open(review_round)
    for assignment in Assignment.objects.all():
        _submit(assignment)
    officer = officer_of(program)
    session = roadshow.roadshow_setup(actor=officer, program=program, application_ids_in_order=[applications[0].pk],
                                      panel=panel)
    session = roadshow.roadshow_open(actor=officer, session=session)
    roadshow.roadshow_score(actor=panel[0].user, session=session, slot=session.current, points="90")
    client.force_login(officer)

    response = client.get(reverse("reviews:round-results", args=[program.pk]))

    page = response.content.decode()
    rule = page.split('data-testid="unpitched-rule"')[1].split("</div>")[0]
    assert applications[1].number in rule and applications[0].number not in rule
    finals = [row["final"] for row in response.context["rows"]]
    assert finals == sorted(finals, reverse=True)


# --- pages --------------------------------------------------------------------------------------


def test_expert_opening_an_unassigned_application_by_url_answers_404(client):
    _program, review_round, applications, panel = review_world(count=2, experts=3, k=1)
    officer = officer_of(review_round.program)
    services.pair_rule_set(actor=officer, review_round=review_round, expert=panel[0], application=applications[0], rule="pin")
    services.pair_rule_set(actor=officer, review_round=review_round, expert=panel[1], application=applications[1], rule="pin")
    _open(review_round)
    mine = Assignment.objects.get(expert=panel[0])
    other = Assignment.objects.get(expert=panel[1])
    client.force_login(panel[0].user)

    assert client.get(reverse("reviews:my-review", args=[other.pk])).status_code == 404
    assert client.get(reverse("reviews:my-confirm", args=[other.pk])).status_code == 404
    assert client.get(reverse("reviews:my-review", args=[mine.pk])).status_code == 302  # to confirm first


def test_expert_page_hidden_after_declaring_a_conflict(client):
    _program, review_round, _applications, _panel = review_world(count=1, experts=2, k=1)
    _open(review_round)
    assignment = Assignment.objects.get()
    client.force_login(assignment.expert.user)

    client.post(reverse("reviews:my-confirm", args=[assignment.pk]), {"independent": "no", "note": "我认识这个团队"})

    assert client.get(reverse("reviews:my-review", args=[assignment.pk])).status_code == 404
    assert assignment.application.title not in client.get(reverse("reviews:my-list")).content.decode()


def test_expert_content_shown_only_after_confirming_independence(client):
    _program, review_round, _applications, _panel = review_world(count=1, experts=2, k=1)
    _open(review_round)
    assignment = Assignment.objects.get()
    client.force_login(assignment.expert.user)
    need = "社区共有六十岁以上老人八百余名"

    before = client.get(reverse("reviews:my-confirm", args=[assignment.pk])).content.decode()
    client.post(reverse("reviews:my-confirm", args=[assignment.pk]), {"independent": "yes"})
    after = client.get(reverse("reviews:my-review", args=[assignment.pk])).content.decode()

    assert need not in before and need in after


def test_score_sheet_post_shows_the_error_and_keeps_what_was_typed(client):
    _program, review_round, _applications, _panel = review_world(count=1, experts=2, k=1)
    _open(review_round)
    assignment = Assignment.objects.get()
    services.assignment_confirm(actor=assignment.expert.user, assignment=assignment, independent=True)
    client.force_login(assignment.expert.user)
    data = {"revision": 1, "score_need": "25", "score_design": "19.5", "action": "submit"}

    response = client.post(reverse("reviews:my-review", args=[assignment.pk]), data)

    page = response.content.decode()
    assert response.status_code == 200 and 'value="19.5"' in page and 'value="25"' in page
    assert not Review.objects.exists()


@pytest.mark.parametrize("page", ["reviews:round-assignments", "reviews:round-results"])
def test_round_pages_query_count_does_not_grow_with_applications(client, page):
    counts = []
    for count in (1, 3):
        _program, review_round, applications, _panel = review_world(count=count, experts=3, k=1)
        _open(review_round)
        for assignment in Assignment.objects.filter(round=review_round):
            _submit(assignment)
        client.force_login(officer_of(review_round.program))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(page, args=[review_round.program_id]))
        assert sum(a.number in response.content.decode() for a in applications) == count
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_round_page_of_another_district_answers_404(client):
    program, _round, _applications, _panel = review_world(count=1)
    stranger = factories.user_with_role("program_officer", area=factories.district("别区"))
    client.force_login(stranger)

    for name in ("reviews:round", "reviews:round-assignments", "reviews:round-results"):
        assert client.get(reverse(name, args=[program.pk])).status_code == 404


def test_round_state_codes_are_stable():
    assert [state.value for state in RoundState] == ["declaring", "open", "closed"]


def test_expert_pool_lists_the_panel_and_finds_by_traditional_characters(client):
    program, _round, _applications, panel = review_world(count=1, experts=2)
    from yichuang.reviews.pool import expert_update

    expert_update(actor=factories.operator(), expert=panel[0], version=panel[0].version, name="刘国华")
    client.force_login(officer_of(program))

    listed = client.get(reverse("reviews:expert-list")).content.decode()
    found = client.get(reverse("reviews:expert-list"), {"q": "劉國華"}).content.decode()

    assert panel[1].name in listed and "刘国华" in listed
    assert "刘国华" in found and panel[1].name not in found


@pytest.mark.parametrize("role", ["program_officer", "org_member", "resident"])
def test_declaration_page_for_a_logged_in_non_expert_answers_404(client, role):
    # A round whose panel is still empty: filtering by "the user's expert record" matched it for everyone.
    program = factories.program()
    in_review(program, 1)
    review_round = ReviewRound.objects.get(program=program)
    if role == "org_member":
        user = factories.user_with_role(role, organization=factories.organization(program.area))
    else:
        user = factories.user_with_role(role, area=program.area)
    client.force_login(user)

    response = client.get(reverse("reviews:my-declare", args=[review_round.pk]))

    assert response.status_code == 404
