"""Review pages of a program that has no review round yet (nothing sent to review, or decided by vote)
say so instead of failing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from yichuang.accounts.roles import Role

pytestmark = pytest.mark.django_db

PAGES = ["reviews:round", "reviews:round-assignments", "reviews:round-results", "reviews:roadshow"]


@pytest.mark.parametrize("name", PAGES)
def test_review_page_of_a_program_without_a_round_explains_instead_of_failing(client, name):
    program = factories.program()
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area))

    response = client.get(reverse(name, args=[program.pk]))

    assert response.status_code == 200
    assert 'data-testid="no-round"' in response.content.decode()


def test_roadshow_board_of_a_program_without_a_roadshow_answers_404(client):
    program = factories.program()
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area))

    response = client.get(reverse("reviews:roadshow-board", args=[program.pk]))

    assert response.status_code == 404
