"""Role homes list what waits for the person, each with a page they can open."""

import re

import pytest
from django.urls import reverse

from tests import factories
from tests.projects.factories import project, second_officer
from tests.reviews.factories import officer_of
from yichuang.projects import tranches
from yichuang.projects.models import Tranche

pytestmark = pytest.mark.django_db


def _todo(client, user) -> dict[str, str]:
    """The home page's to-do links, by their test id."""
    client.force_login(user)
    page = client.get(reverse("portal:home")).content.decode()
    return {testid: href for href, testid in re.findall(r'<a href="([^"]+)" data-testid="(todo-[a-z-]+)"', page)}


def test_organization_home_lists_the_agreement_to_confirm_and_it_opens(client):
    created = project()

    todo = _todo(client, factories.applicant(created.organization))

    assert todo["todo-agreements"] == reverse("projects:detail", args=[created.pk])
    assert client.get(todo["todo-agreements"]).status_code == 200


def test_officer_home_lists_a_release_proposed_by_another_officer_but_not_their_own(client):
    created = project(signed=True)
    officer = officer_of(created.program)
    tranches.tranche_propose(actor=officer, tranche=Tranche.objects.get(project=created, position=0))

    mine = _todo(client, officer)
    theirs = _todo(client, second_officer(created.program))

    assert "todo-releases" not in mine
    assert theirs["todo-releases"] == reverse("projects:detail", args=[created.pk])


def test_organization_home_with_nothing_waiting_lists_nothing(client):
    organization = factories.organization(factories.district())

    assert _todo(client, factories.applicant(organization)) == {}


def test_demo_officer_and_community_worker_each_find_someone_to_verify(client):
    from tests.demo_world import demo_load
    from yichuang.accounts.models import User

    demo_load()

    assert "todo-registrations" in _todo(client, User.objects.get(username="officer"))
    assert "todo-residents" in _todo(client, User.objects.get(username="community"))


def test_officer_home_lists_applications_to_screen_and_the_list_opens(client):
    program = factories.program()
    factories.submitted_application(program, factories.organization(program.area))
    officer = officer_of(program)

    todo = _todo(client, officer)

    assert todo["todo-screening"] == reverse("applications:staff-list", args=[program.pk])
    assert client.get(todo["todo-screening"]).status_code == 200


def test_officer_home_lists_an_agreement_waiting_for_the_funder(client):
    created = project()

    todo = _todo(client, officer_of(created.program))

    assert todo["todo-funder-agreements"] == reverse("projects:detail", args=[created.pk])


def test_every_demo_log_in_with_work_today_finds_it_on_their_home(client):
    """The demo tells the story: each of these log-ins has something waiting, and every link opens."""
    from tests.demo_world import demo_load
    from yichuang.accounts.models import User

    demo_load()
    expected = {
        "admin": "todo-registrations", "officer": "todo-screening", "officer.shushan": "todo-funder-agreements",
        "officer.xiangshan": "todo-vote", "org": "todo-amendments", "community": "todo-residents",
        "resident.xs": "todo-ballot", "supervisor": "todo-projects", "auditor": "todo-payments",
        "officer.lishui": "todo-disclosure", "community.shedong": "todo-grant-votes",
    }
    found = {username: _todo(client, User.objects.get(username=username)) for username in expected}

    assert {username: testid in found[username] for username, testid in expected.items()} == dict.fromkeys(expected, True)
    assert "todo-follow-ups" in found["org"]  # the supervisor's visit to 益能's project
    for username, links in found.items():
        client.force_login(User.objects.get(username=username))
        assert {client.get(url).status_code for url in links.values()} == {200}, username


def test_operator_home_asks_for_an_officer_in_a_district_without_one(client):
    district = factories.district("无人区")

    todo = _todo(client, factories.operator())

    assert todo["todo-districts"] == reverse("people:invite")
    assert district.name in client.get(reverse("portal:home")).content.decode()
