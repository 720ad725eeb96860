"""Resident vote pages as a browser posts them: ballots, paper ballots from Excel, the result."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.reviews.factories import officer_of
from tests.voting.factories import closed, option_ids, resident, vote
from yichuang.accounts.roles import Role
from yichuang.applications.models import Application
from yichuang.voting import services
from yichuang.voting.models import Ballot, BallotSource

pytestmark = pytest.mark.django_db


def test_ballot_page_post_records_the_ballot_and_shows_it_again(client):
    made = vote(max_choices=2)
    a, b, _c = option_ids(made)
    voter = resident(made.program)
    client.force_login(voter)

    client.post(reverse("voting:ballot", args=[made.pk]), {"choice": [a, b]})
    page = client.get(reverse("voting:ballot", args=[made.pk])).content.decode()

    assert Ballot.objects.get(voter=voter).choices == [[int(a), None], [int(b), None]]
    assert 'data-testid="has-ballot"' in page and f'value="{a}" id="choice-{a}" checked' in page


def test_ballot_page_over_the_limit_keeps_the_ticks_and_says_why(client):
    made = vote(max_choices=1)
    a, b, _c = option_ids(made)
    client.force_login(resident(made.program))

    response = client.post(reverse("voting:ballot", args=[made.pk]), {"choice": [a, b]})

    page = response.content.decode()
    assert "Choose at most 1 project." in page and f'id="choice-{b}" checked' in page
    assert Ballot.objects.count() == 0


def test_ballot_page_of_a_vote_elsewhere_answers_404(client):
    made = vote()
    client.force_login(factories.user_with_role(Role.RESIDENT, area=factories.community(factories.district("别区"))))

    assert client.get(reverse("voting:ballot", args=[made.pk])).status_code == 404


def _xlsx(rows) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("paper.xlsx", data.getvalue())


def test_paper_import_from_the_template_enters_every_ballot(client):
    made = vote(max_choices=2)
    client.force_login(officer_of(made.program))
    template = openpyxl.load_workbook(io.BytesIO(client.get(reverse("voting:paper-template", args=[made.pk])).content))
    header = [cell.value for cell in template.active[1]]

    resident(made.program, phone="+8613900006001")
    resident(made.program, phone="+8613900006002")

    client.post(reverse("voting:paper-import", args=[made.pk]),
                {"file": _xlsx([header, ["P001", "13900006001", "√", None, "1"], ["P002", 13900006002, None, "1", None]])})

    assert sorted(Ballot.objects.values_list("paper_number", "source")) == [("P001", BallotSource.PAPER),
                                                                            ("P002", BallotSource.PAPER)]


def test_paper_import_with_an_unreadable_mark_names_row_and_column_and_imports_nothing(client):
    made = vote(max_choices=2)
    numbers = [o.application.number for o in made.options.select_related("application")]
    client.force_login(officer_of(made.program))

    response = client.post(reverse("voting:paper-import", args=[made.pk]),
                           {"file": _xlsx([["Ballot number", "Mobile", *numbers], ["P001", "13900007001", "√", None, None],
                                           ["P002", "13900007002", "maybe", None, None]])})

    assert f"Row 3, column {numbers[0]}: tick with 1 or √, not “maybe”." in response.content.decode()
    assert Ballot.objects.count() == 0


def test_results_page_is_public_once_published_and_shows_the_cost_sharing(client):
    made = vote(max_choices=3, rule="equalshares/add1")
    a, _b, c = option_ids(made)
    for choice in ([a], [a], [c]):
        services.ballot_cast(actor=resident(made.program), vote=made, choices=[(x, None) for x in choice])
    officer = officer_of(made.program)
    before = client.get(reverse("voting:results", args=[made.pk])).status_code
    closed(made)
    services.tally_publish(actor=officer, vote=made)

    page = client.get(reverse("voting:results", args=[made.pk])).content.decode()

    assert before == 404
    assert "Its cost is shared by 2 supporters, ¥3,000.00 each." in page


def test_vote_list_query_count_does_not_grow_with_votes(client):
    counts = []
    for count in (1, 3):
        made = [vote() for _ in range(count)]
        program = made[0].program
        for extra in made[1:]:
            type(extra).objects.filter(pk=extra.pk).update(program=program)
        client.force_login(officer_of(program))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("voting:list", args=[program.pk]))
        assert response.content.decode().count("社区微项目居民投票") == count
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_ballot_page_query_count_does_not_grow_with_options(client):
    counts = []
    for count in (1, 3):
        made = vote()
        made.options.exclude(pk__in=made.options.order_by("position").values("pk")[:count]).delete()
        client.force_login(resident(made.program))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("voting:ballot", args=[made.pk]))
        assert response.content.decode().count('name="choice"') == count
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_paper_template_writes_formula_like_titles_as_text(client):
    made = vote()
    option = made.options.select_related("application").first()
    Application.objects.filter(pk=option.application_id).update(title="=HYPERLINK(\"http://x\")")
    client.force_login(officer_of(made.program))

    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("voting:paper-template", args=[made.pk])).content))

    titles = [cell.value for cell in book.active[2]]
    assert "'=HYPERLINK(\"http://x\")" in titles


def test_community_worker_home_links_the_open_votes_of_their_communities(client):
    made = vote()
    mine = factories.user_with_role(Role.COMMUNITY_WORKER, area=factories.program_community(made.program))
    elsewhere = factories.user_with_role(Role.COMMUNITY_WORKER, area=factories.community(factories.district("别区")))

    client.force_login(mine)
    page = client.get(reverse("portal:home")).content.decode()
    client.force_login(elsewhere)
    other = client.get(reverse("portal:home")).content.decode()

    assert reverse("voting:assisted", args=[made.pk]) in page
    assert reverse("voting:assisted", args=[made.pk]) not in other
