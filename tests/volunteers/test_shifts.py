import pytest
from django.core.exceptions import ValidationError

from tests import factories
from tests.volunteers import factories as vf
from yichuang.notifications.models import Notification
from yichuang.volunteers import opportunities
from yichuang.volunteers.models import Shift, Signup

pytestmark = pytest.mark.django_db


def _world(capacity=1):
    where = factories.community()
    org, member = vf.organizer(where)
    shift = vf.activity(org, member, where, capacity=capacity).shifts.get()
    return where, org, member, shift


def test_signup_beyond_capacity_goes_to_waiting_list():
    where, _org, _member, shift = _world(capacity=1)
    first, second = vf.volunteer(where), vf.volunteer(where)
    assert vf.signed_up(shift, first).status == Signup.Status.CONFIRMED
    assert vf.signed_up(shift, second).status == Signup.Status.WAITLISTED
    assert Shift.objects.get(pk=shift.pk).confirmed_count == 1


def test_cancel_promotes_first_on_waiting_list_and_tells_them(django_capture_on_commit_callbacks):
    where, _org, _member, shift = _world(capacity=1)
    first, second, third = vf.volunteer(where), vf.volunteer(where), vf.volunteer(where)
    place = vf.signed_up(shift, first)
    vf.signed_up(shift, second)
    vf.signed_up(shift, third)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = opportunities.signup_cancel(actor=first.user, signup=place)
    assert promoted.volunteer == second
    assert Signup.objects.get(shift=shift, volunteer=second).status == Signup.Status.CONFIRMED
    assert Signup.objects.get(shift=shift, volunteer=third).status == Signup.Status.WAITLISTED
    assert Shift.objects.get(pk=shift.pk).confirmed_count == 1
    assert Notification.objects.filter(recipient=second.user, kind="volunteers.promoted").exists()


def test_signup_twice_is_refused():
    where, _org, _member, shift = _world(capacity=3)
    volunteer = vf.volunteer(where)
    vf.signed_up(shift, volunteer)
    with pytest.raises(ValidationError, match="already signed up"):
        vf.signed_up(shift, volunteer)


def test_signup_without_wanted_skill_is_refused():
    where = factories.community()
    org, member = vf.organizer(where)
    shift = vf.activity(org, member, where, skills=["medical"]).shifts.get()
    with pytest.raises(ValidationError, match="needs one of these skills"):
        vf.signed_up(shift, vf.volunteer(where))


def test_signup_for_overlapping_shift_is_refused():
    where = factories.community()
    org, member = vf.organizer(where)
    one = vf.activity(org, member, where).shifts.get()
    other = vf.activity(org, member, where, starts=one.starts_at).shifts.get()
    volunteer = vf.volunteer(where)
    vf.signed_up(one, volunteer)
    with pytest.raises(ValidationError, match="already have a shift"):
        vf.signed_up(other, volunteer)


@pytest.mark.parametrize("nature", ["meeting", "team_building", "performance"])
def test_activity_that_is_not_service_is_refused(nature):
    where = factories.community()
    org, member = vf.organizer(where)
    with pytest.raises(ValidationError, match="not volunteer service"):
        vf.activity(org, member, where, nature=nature)


def test_suggestions_prefer_skills_and_exclude_busy_people():
    from yichuang.volunteers.queries import suggest_volunteers

    where = factories.community()
    org, member = vf.organizer(where)
    shift = vf.activity(org, member, where, skills=["elder_care"]).shifts.get()
    fits = vf.volunteer(where, skills=["elder_care"])
    other = vf.volunteer(where, skills=["cooking"])
    busy = vf.volunteer(where, skills=["elder_care"])
    vf.signed_up(vf.activity(org, member, where, starts=shift.starts_at).shifts.get(), busy)
    suggested = [v for v, _score, _reasons in suggest_volunteers(shift)]
    assert suggested.index(fits) < suggested.index(other)
    assert busy not in suggested
