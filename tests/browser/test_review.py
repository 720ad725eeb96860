"""Expert review as people click through it (issue 03's six journeys), on the Wujin demo."""

from __future__ import annotations

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import log_in, log_in_en, log_out
from tests.demo_world import demo_load
from tests.reviews.factories import review_world
from yichuang.applications.models import Application
from yichuang.demo.users import DEMO_PASSWORD
from yichuang.programs.models import Program
from yichuang.reviews.models import Assignment, Conflict, Expert, Review, ReviewRound, RoadshowScore

pytestmark = pytest.mark.django_db(transaction=True)


def _wujin():
    return Program.objects.get(code="WJ2026")


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "手机", "职称", "工作单位", "专业领域", "关联机构", "最少评审数", "最多评审数"])
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_officer_adds_an_expert_and_imports_a_panel_from_excel(english_page, tmp_path):
    page = english_page
    demo_load()
    log_in_en(page, "officer", DEMO_PASSWORD)

    page.get_by_role("link", name="Experts").first.click()
    page.get_by_role("link", name="Add an expert").click()
    page.get_by_label("Name").fill("钱学敏（示例）")
    page.get_by_label("Employer").fill("常州工学院")
    page.get_by_label("Elderly care").check()
    page.get_by_label("Most applications per round").fill("6")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("was added to the pool")).to_be_visible()

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_xlsx([["甲专家", "13900001111", "", "", "养老服务", "", 1, 5],
                           ["乙专家", "13900002222", "", "", "不存在的领域", "", 6, 2]]))
    page.goto("/review/experts/import/")
    page.get_by_label("Excel file (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    problems = page.get_by_test_id("import-problems")
    expect(problems).to_contain_text("Row 3")
    expect(problems).to_contain_text("不存在的领域")
    assert not Expert.objects.filter(name="甲专家").exists()

    good = tmp_path / "good.xlsx"
    good.write_bytes(_xlsx([["甲专家", "13900001111", "讲师", "常州大学", "养老服务、社区建设", "武进区大爱调解协会", 1, 5]]))
    page.get_by_label("Excel file (.xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("1 experts added and 0 updated")).to_be_visible()
    expect(page.get_by_test_id("expert-table")).to_contain_text("甲专家")
    expect(page.get_by_test_id("expert-table")).to_contain_text("钱学敏（示例）")
    imported = Expert.objects.get(name="甲专家")
    assert imported.affiliations.get().name == "武进区大爱调解协会"
    assert page.csp_violations == []


def test_expert_declares_conflicts_before_seeing_any_content(english_page, live_server):
    page = english_page
    program, review_round, applications, panel = review_world(count=2, experts=3, k=1)
    log_in_en(page, panel[0].user.username, factories.PASSWORD)

    page.get_by_role("link", name="My reviews").first.click()
    page.get_by_role("link", name="Declare").click()
    expect(page.get_by_text(applications[0].organization.name)).to_be_visible()
    expect(page.get_by_text("社区共有六十岁以上老人八百余名")).to_have_count(0)
    page.get_by_test_id(f"conflict-{applications[0].number}").check()
    page.get_by_role("button", name="Save my declaration").click()

    expect(page.get_by_text("Your declaration is saved")).to_be_visible()
    assert Conflict.objects.filter(expert=panel[0], application=applications[0], source="declared").exists()


def test_expert_declares_a_conflict_on_opening_and_the_officer_reassigns(english_page):
    page = english_page
    demo_load()
    expert = Expert.objects.get(user__username="expert")
    assignment = Assignment.objects.filter(expert=expert, confirmed_at=None, review__isnull=True).order_by("pk").first()
    number = assignment.application.number
    log_in_en(page, "expert", DEMO_PASSWORD)

    page.goto("/review/mine/")
    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", name="Confirm your independence")).to_be_visible()
    page.get_by_label("If you know this team, say how (optional)").fill("曾担任该机构督导")
    page.get_by_role("button", name="I know this team: do not assign it to me").click()
    expect(page.get_by_test_id("my-assignments")).not_to_contain_text(number)
    page.goto(f"/review/mine/{assignment.pk}/")
    expect(page.get_by_role("heading", name="This page does not exist")).to_be_visible()
    log_out(page)

    log_in_en(page, "officer", DEMO_PASSWORD)
    page.goto(f"/review/program/{_wujin().pk}/")
    page.get_by_role("button", name="Assign").click()
    row = page.get_by_test_id("assignment-table").locator("tr", has_text=number)
    expect(row).to_contain_text("Declared by the expert — 曾担任该机构督导")
    reviewers = Assignment.objects.filter(application=assignment.application).exclude(expert=expert)
    assert reviewers.count() == 3
    assert page.csp_violations == []


def test_officer_assigns_sees_why_an_assignment_is_impossible_and_draws_by_lot(english_page):
    page = english_page
    demo_load()
    log_in_en(page, "officer", DEMO_PASSWORD)
    page.goto(f"/programs/{_wujin().pk}/")
    page.get_by_role("link", name="Expert review", exact=True).click()

    page.get_by_label("Reviewers per application").fill("7")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text("experts without a conflict; 7 are needed")).to_be_visible()
    assert ReviewRound.objects.get(program=_wujin()).solution["pairs"] == 42  # the earlier assignment is untouched

    page.get_by_label("Reviewers per application").fill("3")
    page.get_by_role("button", name="Save").click()
    page.get_by_label("Random draw from the eligible experts").check()
    page.get_by_label("Seed of the draw").fill("20241129")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_test_id("solution")).to_contain_text("seed 20241129")
    assert ReviewRound.objects.get(program=_wujin()).solution["seed"] == 20241129

    page.get_by_role("link", name="Round and panel").click()
    page.get_by_label("Best match (provably optimal)").check()
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_test_id("solution")).to_contain_text("proven optimal")
    assert page.csp_violations == []


def test_expert_scores_with_na_fixes_a_mistake_and_submits_a_locked_review(english_page):
    page = english_page
    demo_load()
    expert = Expert.objects.get(user__username="expert")
    assignment = Assignment.objects.filter(expert=expert, review__isnull=True).order_by("pk").first()
    log_in_en(page, "expert", DEMO_PASSWORD)

    page.goto("/review/mine/")
    page.get_by_role("link", name=assignment.application.number).click()
    page.get_by_role("button", name="I have no conflict of interest: open the application").click()
    expect(page.get_by_role("heading", name="Score sheet")).to_be_visible()
    page.get_by_label("Need analysis (0–20 points)").fill("25")
    page.get_by_label("Project design (0–25 points)").fill("21.5")
    page.get_by_label("Team capacity (0–20 points)").fill("16")
    page.get_by_label("Budget reasonableness (0–15 points)").fill("12")
    page.get_by_label("Expected outcomes (0–10 points)").fill("8")
    page.get_by_label("n/a").check()
    page.get_by_role("button", name="Submit the review").click()
    expect(page.get_by_text("points must be between 0 and 20; you entered 25")).to_be_visible()
    assert page.get_by_label("Project design (0–25 points)").input_value() == "21.5"

    page.get_by_label("Need analysis (0–20 points)").fill("17")
    page.get_by_role("button", name="Submit the review").click()
    expect(page.get_by_text("Your review is submitted")).to_be_visible()
    review = Review.objects.get(assignment=assignment)
    # Without the n/a criterion: (17 + 21.5 + 16 + 12 + 8) of 90 points, weights equal to the maxima.
    assert review.scores["innovation"] is None and review.total_centi == 8278
    page.goto(f"/review/mine/{assignment.pk}/")
    expect(page.get_by_test_id("review-locked")).to_be_visible()
    assert page.csp_violations == []


def test_officer_reads_results_and_explains_a_calibrated_score(english_page):
    page = english_page
    demo_load()
    log_in_en(page, "officer", DEMO_PASSWORD)
    page.goto(f"/review/program/{_wujin().pk}/results/")

    table = page.get_by_test_id("results-table")
    expect(table).to_contain_text("WJ2026-013")
    expect(page.get_by_test_id("expert-offsets")).to_contain_text("lenient")
    expect(page.get_by_test_id("expert-offsets")).to_contain_text("harsh")
    table.get_by_role("link", name="WJ2026-013").click()

    summary = page.get_by_test_id("explain-summary")
    expect(summary).to_contain_text("Raw mean of 3 submitted reviews")
    expect(summary).to_contain_text("Calibrated score")
    expect(page.get_by_role("columnheader", name="Weight used")).to_have_count(3)
    assert page.csp_violations == []


def test_live_roadshow_scores_arrive_on_the_officer_board(browser, live_server):
    demo_load()
    program = _wujin()
    officer_context = browser.new_context(locale="en-US", base_url=live_server.url, viewport={"width": 1280, "height": 900})
    phone_context = browser.new_context(locale="en-US", base_url=live_server.url, viewport={"width": 390, "height": 844})
    officer, phone = officer_context.new_page(), phone_context.new_page()
    for page in (officer, phone):
        page.set_default_timeout(10_000)
    log_in_en(officer, "officer", DEMO_PASSWORD)
    log_in_en(phone, "expert", DEMO_PASSWORD)

    officer.goto(f"/review/roadshow/{program.pk}/")
    officer.get_by_role("button", name="Start the roadshow").click()
    board = officer.get_by_test_id("roadshow-board")
    expect(board).to_contain_text("pitching now")

    phone.goto("/review/mine/")
    phone.get_by_role("link", name="Score the pitches").click()
    first = Application.objects.get(number="WJ2026-001")
    expect(phone.get_by_test_id("pitching-now")).to_contain_text(first.title)
    # The demo expert declared a conflict with WJ2026-001: a notice instead of the score form.
    expect(phone.get_by_test_id("roadshow-conflict")).to_contain_text("WJ2026-001")
    expect(phone.get_by_label("Your score for WJ2026-001 (0–100)")).to_have_count(0)

    officer.locator("form:has(input[value='move']) button").first.click()  # move to the second pitch
    expect(phone.get_by_text("The next team is pitching")).to_be_visible(timeout=8_000)
    phone.get_by_role("link", name="The next team is pitching: open its score form").click()
    phone.get_by_label("Your score for WJ2026-002 (0–100)").fill("88.5")
    phone.get_by_role("button", name="Send my score").click()
    expect(phone.get_by_text("Your score for WJ2026-002 is saved")).to_be_visible()

    second_row = officer.get_by_test_id("roadshow-board").locator("tr", has_text="WJ2026-002")
    expect(second_row).to_contain_text("88.5", timeout=8_000)
    expect(second_row).to_contain_text("1 / 5")
    officer.get_by_text("Close the roadshow").first.click()
    officer.get_by_label("Close even if some pitches have no score").check()
    officer.get_by_label("Reason (needed when closing with pitches unscored)").fill("演示：其余项目改日路演")
    officer.get_by_role("button", name="Close the roadshow").click()
    expect(officer.get_by_test_id("roadshow-state")).to_have_text("Closed")
    assert RoadshowScore.objects.get().score_tenths == 885

    officer.goto(f"/review/program/{program.pk}/results/")
    expect(officer.get_by_test_id("results-table").locator("tr", has_text="WJ2026-002")).to_contain_text("88.50")
    officer_context.close()
    phone_context.close()


def test_expert_score_sheet_and_public_notice_fit_a_phone_without_sideways_scrolling(browser, live_server):
    demo_load()
    context = browser.new_context(locale="zh-CN", base_url=live_server.url, viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    expert = Expert.objects.get(user__username="expert")
    assignment = Assignment.objects.filter(expert=expert, review__isnull=True).order_by("pk").first()
    log_in(page, "expert", DEMO_PASSWORD)
    page.goto(f"/review/mine/{assignment.pk}/")
    page.get_by_role("button", name="我与该项目无利益冲突：打开申报材料").click()
    expect(page.get_by_role("heading", name="评分表")).to_be_visible()

    widths = [page.evaluate("document.documentElement.scrollWidth")]
    page.goto("/applications/public/notices/")
    page.locator("main h2 a").first.click()
    expect(page.locator("main table")).to_be_visible()
    widths.append(page.evaluate("document.documentElement.scrollWidth"))
    context.close()

    assert widths == [390, 390]
