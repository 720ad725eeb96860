"""The competition pipeline as people click through it (issue 02's six journeys)."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in_en, log_out
from tests.demo_world import demo_load
from yichuang.applications.models import Application, Objection
from yichuang.demo.users import DEMO_PASSWORD
from yichuang.places.models import Area
from yichuang.programs.models import Program, ProgramStatus
from yichuang.programs.queries import open_calls

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_sets_up_a_program_fixes_the_rubric_and_starts_it(english_page):
    page = english_page
    demo_load()
    log_in_en(page, "officer", DEMO_PASSWORD)

    page.goto("/programs/new/")
    page.locator("#id_name").fill("2027年武进区为老服务创投")
    page.get_by_label("Short code").fill("WJ2027")
    page.get_by_label("Organizer").select_option(label="武进区民政局")
    page.locator("#id_area").select_option(value=str(Area.objects.get(code="320412").pk))
    page.locator("#id_year").fill("2027")  # "Year" alone also matches "…(years)"
    page.get_by_label("Total budget (yuan)").fill("300000")
    page.get_by_label("Minimum grant per project (yuan)").fill("5000")
    page.get_by_label("Maximum grant per project (yuan)").fill("30000")
    page.get_by_label("Grant at most this share of the project budget (%)").fill("60")
    page.get_by_label("Applications open").fill("2027-03-01T09:00")
    page.get_by_label("Application deadline").fill("2027-04-30T17:00")
    page.get_by_label("Elderly care").check()
    page.locator("input[name='tranche-0-percent_bp']").fill("60")
    page.locator("select[name='tranche-0-trigger']").select_option("signing")
    page.locator("input[name='tranche-1-percent_bp']").fill("30")
    page.locator("select[name='tranche-1-trigger']").select_option("final_pass")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("they must add up to exactly 100%")).to_be_visible()
    assert page.locator("input[name='tranche-1-percent_bp']").input_value() == "30"  # what was typed stays
    page.locator("input[name='tranche-1-percent_bp']").fill("40")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="2027年武进区为老服务创投")).to_be_visible()

    page.get_by_role("link", name="Rubric").last.click()
    page.locator("input[name='criterion-0-weight']").fill("30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("they must add up to 100")).to_be_visible()
    page.locator("input[name='criterion-1-weight']").fill("15")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Start the program").click()

    expect(page.get_by_text("Its form, rubric and workflow are now frozen")).to_be_visible()
    program = Program.objects.get(code="WJ2027")
    assert program.status == ProgramStatus.RUNNING
    assert program.rubric_version.content["criteria"][0]["weight"] == 30
    assert program.rubric_version.is_frozen and program.workflow_version.is_frozen
    assert page.csp_violations == []


def _fill_application(page):
    page.get_by_label("Project title").fill("长者助餐暖心行动")
    page.get_by_label("Service domain").select_option("elderly")
    page.get_by_label("Where (street or community)").select_option(value=str(Area.objects.get(code="320412100901").pk))
    page.get_by_label("Who it serves").fill("永定社区独居老人")
    page.get_by_label("How many people it serves").fill("35")
    page.get_by_label("The problem and the evidence of need").fill("社区走访发现35位独居老人做饭困难。")
    page.get_by_label("Goals").fill("每周三次送餐上门，每月一次集体生日会。")
    row = page.locator("input[name='activities-0-name']")
    row.fill("送餐上门")
    page.locator("input[name='activities-0-start']").fill("2026-03-01")
    page.locator("input[name='activities-0-end']").fill("2026-12-31")
    page.locator("input[name='activities-0-sessions']").fill("120")
    page.locator("input[name='activities-0-participants']").fill("35")
    page.locator("select[name='indicators-0-kind']").select_option("person_times")
    page.locator("input[name='indicators-0-target']").fill("4200")
    page.locator("input[name='team-0-name']").fill("王社工")
    page.locator("select[name='budget-0-category']").select_option("materials")
    page.locator("input[name='budget-0-item']").fill("餐食补贴")
    page.locator("input[name='budget-0-grant']").fill("20000")
    page.locator("input[name='budget-0-own']").fill("15000")
    page.locator("input[name='budget-0-matched']").fill("0")


def test_organization_applies_with_autosave_and_the_officer_screens_with_a_request_for_information(english_page):
    page = english_page
    demo_load()
    log_in_en(page, "org", DEMO_PASSWORD)

    page.goto("/programs/calls/")
    page.get_by_role("link", name=open_calls().get().name).click()
    page.get_by_role("button", name="Apply as 武进区益能社会工作服务中心").click()
    _fill_application(page)
    page.get_by_text("Saved automatically").wait_for()
    # Wait until the server has confirmed the last keystroke (the browser's backup is then cleared).
    page.wait_for_function("() => !Object.keys(localStorage).some(k => k.startsWith('yichuang-draft-'))")
    page.reload()
    assert page.get_by_label("Project title").input_value() == "长者助餐暖心行动"
    assert page.locator("input[name='budget-0-grant']").input_value() == "20000.00"

    page.get_by_role("button", name="Submit the application").click()
    expect(page.get_by_test_id("applicant-status")).to_have_text("Submitted")
    application = Application.objects.get(title="长者助餐暖心行动")
    assert application.versions.count() == 1
    log_out(page)

    log_in_en(page, "officer", DEMO_PASSWORD)
    page.goto(f"/applications/{application.pk}/")
    page.get_by_role("button", name="Start screening").click()
    expect(page.get_by_test_id("staff-status")).to_have_text("Screening")
    expect(page.get_by_text("Co-funding rule")).to_be_visible()
    page.get_by_label("Reason or message to the applicant").fill("请补充送餐路线和志愿者安排。")
    page.get_by_role("button", name="Request more information").click()
    expect(page.get_by_test_id("staff-status")).to_have_text("More information requested")
    log_out(page)

    log_in_en(page, "org", DEMO_PASSWORD)
    page.goto(f"/applications/mine/{application.pk}/")
    expect(page.get_by_text("请补充送餐路线和志愿者安排。", exact=True)).to_be_visible()
    page.get_by_role("link", name="Edit the application").click()
    page.get_by_label("Goals").fill("每周三次送餐上门（两条路线，8名志愿者），每月一次集体生日会。")
    page.get_by_label("Your answer to the request").fill("已补充路线和志愿者安排。")
    page.get_by_role("button", name="Send the additions").click()
    log_out(page)

    log_in_en(page, "officer", DEMO_PASSWORD)
    page.goto(f"/applications/{application.pk}/")
    expect(page.get_by_text("已补充路线和志愿者安排。", exact=True)).to_be_visible()
    page.get_by_role("link", name="what changed").click()
    expect(page.get_by_text("两条路线，8名志愿者")).to_be_visible()
    page.go_back()
    page.get_by_role("button", name="Pass screening").click()

    expect(page.get_by_test_id("staff-status")).to_have_text("Eligible")
    assert list(application.transitions.values_list("transition", flat=True)) == [
        "submit", "start_screening", "request_info", "resubmit", "pass_screening",
    ]
    assert page.csp_violations == []


def test_typing_survives_a_network_failure_of_autosave(english_page):
    page = english_page
    demo_load()
    log_in_en(page, "org", DEMO_PASSWORD)
    page.goto("/programs/calls/")
    page.get_by_role("link", name=open_calls().get().name).click()
    page.get_by_role("button", name="Apply as 武进区益能社会工作服务中心").click()
    page.wait_for_url("**/edit/")
    editor_url = page.url

    # The browser is offline while typing: the save fails, and the typing is kept in this browser.
    page.context.set_offline(True)
    page.get_by_label("Project title").fill("断网时写下的标题")
    expect(page.locator("#save-status")).to_contain_text("Not saved: the server could not be reached.", timeout=20_000)
    page.wait_for_function("Object.values(localStorage).some((v) => v.includes('断网时写下的标题'))")
    page.context.set_offline(False)
    page.goto(editor_url)

    assert page.get_by_label("Project title").input_value() == "断网时写下的标题"
    expect(page.locator("#restore-banner")).to_be_visible()


def test_officer_compares_a_recycled_proposal_side_by_side(english_page):
    page = english_page
    demo_load()
    log_in_en(page, "officer", DEMO_PASSWORD)

    page.goto(f"/applications/program/{Program.objects.get(code='WJ2026').pk}/?state=screening")
    page.get_by_role("link", name="社区长者幸福餐桌（示例）").click()
    page.get_by_role("link", name="家门口的幸福好“食”光（第二期）").click()  # this round's own (2024's is similar too)

    marks = page.locator(".compare-text mark")
    expect(marks.first).to_be_visible()
    # The copied summary is marked on both sides, word for word.
    shared = "为永定社区60周岁以上老年人开展助餐系列活动"
    assert sum(shared in "".join(text.split()) for text in marks.all_inner_texts()) >= 2


def test_public_notice_objection_is_answered_before_the_decision_can_be_final(english_page):
    page = english_page
    demo_load()
    page.goto("/")
    page.get_by_role("link", name="2026年武进区“吾社益心”公益创投入围项目公示（示例）").click()
    expect(page.get_by_role("cell", name="家门口的幸福好“食”光（第二期）")).to_be_visible()
    page.get_by_label("Your name").fill("张先生")
    page.get_by_label("Phone or e-mail").fill("13812345678")
    page.get_by_label("Your objection").fill("请说明入围项目的评审分数。")
    check = page.get_by_label("A check that a person is writing")
    a, b = map(int, re.findall(r"\d+", page.locator("label[for='id_human_check']").inner_text()))
    check.fill(str(a + b))
    page.get_by_role("button", name="Send the objection").click()
    expect(page.get_by_text("Your objection was received")).to_be_visible()
    assert Objection.objects.count() == 1

    log_in_en(page, "officer", DEMO_PASSWORD)
    page.goto(f"/applications/notices/{Objection.objects.get().notice_id}/")
    page.get_by_role("button", name="Make the decision final").click()
    expect(page.get_by_text("the decision can be final only after that")).to_be_visible()
    page.get_by_label("Answer").fill("评审分数将在结果公示中一并公布。")
    page.get_by_role("button", name="Send the answer").click()

    expect(page.get_by_text("Your answer was recorded")).to_be_visible()
    assert Objection.objects.get().answered_at is not None


def test_officer_exports_applications_to_excel_and_prints_a_pdf(english_page):
    page = english_page
    demo_load()
    log_in_en(page, "officer", DEMO_PASSWORD)
    program = Program.objects.get(code="WJ2024")
    page.goto(f"/applications/program/{program.pk}/")

    with page.expect_download() as download:
        page.get_by_role("link", name="Export to Excel").click()
    sheet = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    pdf = page.request.get(f"/applications/{Application.objects.get(number='WJ2024-001').pk}/pdf/")

    assert sheet.max_row == 1 + program.applications.exclude(submitted_at=None).count()
    assert sheet["A2"].value == "WJ2024-001"
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body()[:5] == b"%PDF-"
