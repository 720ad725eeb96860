"""The resident vote as people click through it, on the Xiangshan demo: a resident votes on a phone
and changes their mind, a community worker records an assisted ballot, the officer enters paper
ballots from Excel, closes the vote and publishes the Equal Shares result, which becomes the funding
decision, the public notice and the projects."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in_en, log_out
from tests.demo_world import demo_load
from yichuang.accounts.models import User
from yichuang.accounts.roles import Role
from yichuang.accounts.services import role_grant_add, user_create
from yichuang.applications.models import PublicNotice
from yichuang.demo import timeline
from yichuang.demo.users import DEMO_PASSWORD
from yichuang.funding.models import Decision
from yichuang.places.models import Area
from yichuang.projects.models import Project
from yichuang.voting.models import Ballot, BallotSource, Vote

pytestmark = pytest.mark.django_db(transaction=True)


def _vote():
    return Vote.objects.get(program__code="XS2024")


def test_resident_votes_on_a_phone_and_replaces_the_ballot(browser, live_server):
    demo_load()
    vote = _vote()
    context = browser.new_context(locale="en-US", base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in_en(page, "resident.xs", DEMO_PASSWORD)

    page.goto("/vote/mine/")
    page.get_by_role("link", name=vote.title).click()
    options = page.get_by_test_id("ballot-options").get_by_role("checkbox")
    for i in range(4):
        options.nth(i).check()
    page.get_by_role("button", name="Cast my ballot").click()
    expect(page.get_by_text("Choose at most 3 projects.")).to_be_visible()
    page.get_by_test_id("ballot-options").get_by_role("checkbox").nth(3).uncheck()
    page.get_by_role("button", name="Cast my ballot").click()
    expect(page.get_by_text("Your ballot is recorded.")).to_be_visible()
    page.get_by_test_id("ballot-options").get_by_role("checkbox").nth(0).uncheck()
    page.get_by_role("button", name="Replace my ballot").click()

    expect(page.get_by_text("Your ballot is recorded.")).to_be_visible()
    ballot = Ballot.objects.get(vote=vote, voter__username="resident.xs")
    assert len(ballot.choices) == 2 and Ballot.objects.filter(vote=vote, voter__username="resident.xs").count() == 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the ballot scrolls sideways on a phone ({width}px)"
    context.close()


def test_community_worker_records_an_assisted_ballot(english_page):
    page = english_page
    demo_load()
    vote = _vote()
    admin = User.objects.get(username="admin")
    elder = user_create(actor=admin, username="xs.elder", password=None, display_name="张阿姨（示例）",
                        phone="13905610000", is_sample=True)
    role_grant_add(actor=admin, user=elder, role=Role.RESIDENT, area=Area.objects.get(code="340603003901"))
    log_in_en(page, "community", DEMO_PASSWORD)

    page.goto(f"/vote/{vote.pk}/assisted/")
    page.get_by_label("Full name or full mobile number").fill("1390561")  # part of a number finds nobody
    page.get_by_role("button", name="Find the resident").click()
    expect(page.get_by_text("No verified resident of your communities")).to_be_visible()
    page.get_by_label("Full name or full mobile number").fill("13905610000")
    page.get_by_role("button", name="Find the resident").click()
    form = page.get_by_test_id("assisted-form")
    expect(form).to_contain_text("139****0000")
    form.get_by_role("checkbox").first.check()
    form.get_by_role("button", name="Record the assisted ballot").click()

    expect(page.get_by_text("is recorded as assisted")).to_be_visible()
    ballot = Ballot.objects.get(vote=vote, voter=elder)
    assert ballot.source == BallotSource.ASSISTED and ballot.assisted_by.username == "community"
    assert page.csp_violations == []


def test_officer_enters_paper_ballots_closes_and_publishes_equal_shares(english_page, tmp_path):
    page = english_page
    demo_load()
    vote = _vote()
    log_in_en(page, "officer.xiangshan", DEMO_PASSWORD)
    page.goto(f"/vote/{vote.pk}/manage/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the spreadsheet template").click()
    book = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    header = [cell.value for cell in book.active[1]]
    sheet = openpyxl.Workbook()
    admin = User.objects.get(username="admin")
    paper_voter = user_create(actor=admin, username="xs.paper", password=None, display_name="李大爷（示例）",
                              phone="+8613905619999", is_sample=True)
    role_grant_add(actor=admin, user=paper_voter, role=Role.RESIDENT, area=Area.objects.get(code="340603003901"))
    sheet.active.append(header)
    sheet.active.append(["XS-P001", "13905619999", "√", "√", None, None, None, None])
    sheet.active.append(["XS-P002", "13900010001", None, "1", "1", "1", "1", None])  # voted online already
    bad = tmp_path / "paper.xlsx"
    sheet.save(bad)

    page.get_by_label("Paper ballots (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Enter the paper ballots").click()
    expect(page.get_by_text("Row 3: Choose at most 3 projects.")).to_be_visible()
    expect(page.get_by_text("has already voted")).to_be_visible()
    assert not Ballot.objects.filter(vote=vote, source=BallotSource.PAPER).exists()
    sheet.active.delete_rows(3)
    sheet.save(bad)
    page.get_by_label("Paper ballots (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Enter the paper ballots").click()
    expect(page.get_by_text("1 paper ballots were entered.")).to_be_visible()
    page.get_by_role("button", name="Close the vote early").click()  # no reason: refused by the browser
    expect(page.get_by_test_id("vote-status")).to_have_text("Open")
    page.get_by_label("Reason for closing early").fill("演示：纸质选票已全部录入，提前结束投票")
    page.get_by_role("button", name="Close the vote early").click()
    expect(page.get_by_test_id("closed-early")).to_contain_text("纸质选票已全部录入")
    page.get_by_role("button", name="Count and publish").click()

    expect(page.get_by_test_id("tally-summary")).to_contain_text("from 25 ballots")
    expect(page.get_by_test_id("tally-table")).to_contain_text("Its cost is shared by")
    log_out(page)
    page.goto(f"/vote/{vote.pk}/results/")
    expect(page.get_by_test_id("tally-table").locator("tr.table-success")).to_have_count(3)
    assert page.csp_violations == []


def test_published_tally_becomes_the_funding_decision_and_projects(english_page):
    page = english_page
    demo_load()
    vote = _vote()
    program = vote.program
    log_in_en(page, "officer.xiangshan", DEMO_PASSWORD)
    page.goto(f"/vote/{vote.pk}/manage/")
    page.get_by_label("Reason for closing early").fill("演示：各社区投票已结束")
    page.get_by_role("button", name="Close the vote early").click()
    page.get_by_role("button", name="Count and publish").click()
    expect(page.get_by_test_id("tally-summary")).to_be_visible()
    selected = len(vote.tallies.first().result["selected"])

    page.get_by_role("button", name="Make this result the funding decision").click()
    expect(page.get_by_test_id("decided-by-vote")).to_be_visible()
    expect(page.get_by_test_id("funded-table").locator("tr")).to_have_count(selected)
    expect(page.get_by_test_id("unfunded-table")).to_contain_text("in the resident vote with")
    page.get_by_role("button", name="Apply this decision").click()
    expect(page.get_by_test_id("applied")).to_be_visible()

    page.goto(f"/applications/program/{program.pk}/notices/new/?kind=final")
    boxes = page.get_by_role("checkbox")
    expect(boxes).to_have_count(selected)
    for i in range(selected):
        boxes.nth(i).check()
    page.get_by_role("button", name="Prepare the notice").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("button", name="Make the decision final")).to_be_visible()
    notice = PublicNotice.objects.get(program=program, kind="final")
    now = timezone.now()
    timeline.notice_ran(notice, now - datetime.timedelta(days=9), now - datetime.timedelta(days=1))  # time passes
    page.reload()
    page.get_by_role("button", name="Make the decision final").click()

    expect(page.get_by_text("Final since")).to_be_visible()
    projects = Project.objects.filter(program=program)
    assert projects.count() == selected
    funded = {pk for pk, _fen in Decision.objects.filter(program=program, kind="applied").get().result["funded"]}
    assert set(projects.values_list("application_id", flat=True)) == funded
    page.goto(f"/projects/program/{program.pk}/")
    expect(page.locator("tbody tr")).to_have_count(selected)
    assert page.csp_violations == []
