"""Delivery as people click through it (issue 07's journeys) on the demo: an organization member
records an activity on a phone, an officer follows progress and decides a correction, and anyone
finds a funded project's public page from the home page, without personal data."""

from __future__ import annotations

import datetime
import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.browser.conftest import log_in
from tests.demo_world import demo_load
from yichuang.delivery import tally
from yichuang.delivery.models import Activity, ActivityCorrection
from yichuang.demo.users import DEMO_PASSWORD
from yichuang.projects.models import Project

pytestmark = pytest.mark.django_db(transaction=True)


def _photo_with_location() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (31.0, 46.0, 0.0), 3: "E", 4: (119.0, 57.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (3000, 2000), (90, 140, 200)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_member_records_an_activity_on_a_phone_with_a_photo(phone):
    demo_load()
    project = Project.objects.get(program__code="WJ2024", organization__name="武进区益能社会工作服务中心")
    before = project.tally.person_times
    log_in(phone, "org", DEMO_PASSWORD)
    phone.goto(f"/projects/{project.pk}/")
    phone.get_by_role("link", name="项目实施").click()
    phone.get_by_role("link", name="记录活动").first.click()

    phone.get_by_label("地点").fill("永定社区老年活动室")
    phone.get_by_label("活动内容").fill("中秋助餐，志愿者送餐上门")
    phone.get_by_label("对应的计划活动").select_option(index=1)
    phone.get_by_label("参与人数（未实名时填写）", exact=True).fill("20")
    phone.get_by_label("服务人次（未实名时填写）").fill("18")
    phone.get_by_label("志愿者人数").fill("2")
    phone.get_by_label("志愿服务总时长（小时）").fill("5.5")
    phone.get_by_label("照片", exact=True).set_input_files([{"name": "送餐.jpg", "mimeType": "image/jpeg",
                                                "buffer": _photo_with_location()}])
    phone.get_by_role("button", name="记录活动").click()

    # Today is after the plan's end (June 2025), and 18 person-times are fewer than 20 participants.
    expect(phone.get_by_text("项目执行期为2024年9月11日至2025年6月30日")).to_be_visible()
    expect(phone.get_by_text("服务人次不能少于参与人数（20人）")).to_be_visible()
    expect(phone.get_by_label("活动内容")).to_have_value("中秋助餐，志愿者送餐上门")  # nothing typed is lost
    phone.get_by_label("日期").fill("2025-06-25")
    phone.get_by_label("服务人次（未实名时填写）").fill("24")
    phone.get_by_label("照片", exact=True).set_input_files([{"name": "送餐.jpg", "mimeType": "image/jpeg",
                                                "buffer": _photo_with_location()}])
    phone.get_by_role("button", name="记录活动").click()

    expect(phone.get_by_text("场活动已记录")).to_be_visible()
    expect(phone.get_by_role("img", name="活动照片1")).to_be_visible()
    activity = Activity.objects.get(project=project, place="永定社区老年活动室")
    assert (activity.person_times, activity.volunteer_minutes) == (24, 330)
    project.tally.refresh_from_db()
    assert project.tally.person_times == before + 24
    with activity.photos.get().image.open("rb") as stored, Image.open(stored) as image:
        assert max(image.size) == 1600 and not image.getexif()  # resized, location gone
    assert axe_violations(phone) == []


def test_officer_follows_progress_and_applies_a_correction(page):
    demo_load()
    project = Project.objects.get(program__code="WJ2024", organization__name="武进区益能社会工作服务中心")
    activity = project.activities.order_by("number").first()
    log_in(page, "org", DEMO_PASSWORD)
    page.goto(f"/delivery/activities/{activity.pk}/")
    page.get_by_role("link", name="申请更正").click()
    page.get_by_label("服务人次（未实名时填写）").fill(str(activity.person_times + 10))
    page.get_by_label("更正理由").fill("漏计了下午场的人次")
    page.get_by_role("button", name="提交更正申请").click()
    expect(page.get_by_text("更正申请已提交项目管理员")).to_be_visible()
    page.locator("form[action='/accounts/logout/'] button").click()

    log_in(page, "officer", DEMO_PASSWORD)
    page.goto(f"/programs/{project.program_id}/")
    page.get_by_role("link", name="项目执行进度").click()
    expect(page.locator("[data-at-risk]")).to_have_count(2)
    page.get_by_role("link", name=project.title).click()
    page.get_by_role("link", name="第1场活动").click()
    page.get_by_role("button", name="同意更正").click()

    expect(page.get_by_text("已按申请更正")).to_be_visible()
    assert Activity.objects.get(pk=activity.pk).person_times == activity.person_times + 10
    assert ActivityCorrection.objects.get(activity=activity).status == "applied"
    assert tally.problems() == []
    assert axe_violations(page) == []


def test_anyone_finds_agan_public_page_with_the_articles_figures_and_no_names(page):
    demo_load()
    page.goto("/")
    page.locator("#main").get_by_role("link", name="已资助项目").click()
    page.get_by_role("link", name="阿甘之家").click()

    expect(page.get_by_test_id("public-activities")).to_have_text("51")
    expect(page.get_by_test_id("public-person-times")).to_have_text("1020")
    content = page.content()
    assert "学员01" not in content and "家长01" not in content and "示例记录" not in content
    assert axe_violations(page) == []


def test_final_evaluation_from_opening_to_a_released_tranche(page):
    demo_load()
    project = Project.objects.get(number="WJ2024-002")
    log_in(page, "officer", DEMO_PASSWORD)
    page.goto(f"/delivery/program/{project.program_id}/evaluations/")
    expect(page.get_by_test_id("round-midterm").locator("tr.table-warning")).to_have_count(1)  # WJ2024-004 rectifies
    page.locator("#id_kind").select_option("final")
    page.get_by_label("评估表截止日期").fill("2030-01-31")
    page.get_by_label("武进区社工督导（示例）").check()
    page.get_by_label("评审专家（示例）").check()
    page.get_by_role("button", name="开启评估").click()
    expect(page.get_by_test_id("round-final")).to_be_visible()
    page.locator("form[action='/accounts/logout/'] button").click()

    log_in(page, "expert", DEMO_PASSWORD)
    page.get_by_test_id("todo-evaluations").click()
    page.get_by_role("link", name=project.title).click()
    for label, value in (("执行进度", "22"), ("服务质量", "21"), ("资金使用", "18"), ("项目管理", "13"), ("成效", "13")):
        page.get_by_label(label).fill(value)
    page.get_by_label("评估发现").fill("全部计划活动已完成，签到表齐全。")
    page.get_by_label("查阅材料").fill("活动记录、签到表、支出凭证")
    page.get_by_label("合格", exact=True).check()
    page.get_by_role("button", name="保存评估表").click()
    expect(page.get_by_text("您的评估表已保存")).to_be_visible()
    page.locator("form[action='/accounts/logout/'] button").click()

    log_in(page, "officer", DEMO_PASSWORD)
    page.goto(f"/delivery/program/{project.program_id}/evaluations/")
    page.get_by_test_id("round-final").get_by_role("link", name=project.title).click()
    expect(page.get_by_test_id("sheets")).to_contain_text("87")
    page.get_by_label("评估结论（社会组织可见）").fill("结项评估合格。")
    page.get_by_role("button", name="记录评估结论").click()

    expect(page.get_by_text("评估结果已记录")).to_be_visible()
    assert project.tranches.get(position=2).status == "proposed"  # the final tranche, for a second officer
    page.goto(f"/projects/{Project.objects.get(number='WJ2024-004').pk}/")
    expect(page.get_by_text("暂缓").first).to_be_visible()
    assert axe_violations(page) == []


def test_supervisor_logs_a_visit_on_a_phone_and_accepts_the_follow_up(phone):
    demo_load()
    project = Project.objects.get(number="WJ2024-002")
    log_in(phone, "supervisor", DEMO_PASSWORD)
    phone.goto(f"/delivery/project/{project.pk}/")
    phone.get_by_role("link", name="记录督导走访").click()
    phone.get_by_label("督导观察").fill("查看活动台账，访谈两名服务对象。")
    phone.get_by_label("照片", exact=True).set_input_files([{"name": "走访.jpg", "mimeType": "image/jpeg",
                                                          "buffer": _photo_with_location()}])
    row = phone.get_by_test_id("issue-row").first
    row.get_by_label("发现的问题").fill("宣传资料未标注资助方")
    row.get_by_label("严重程度").select_option("low")
    row.get_by_label("整改要求").fill("补印资助方标识")
    phone.get_by_role("button", name="记录走访").click()
    expect(phone.get_by_text("走访已记录")).to_be_visible()
    expect(phone.get_by_role("img", name="走访照片1")).to_be_visible()
    visit_url = phone.url
    phone.context.clear_cookies()  # log out (the phone's menu is folded away)

    member = project.organization.grants.filter(role="org_member").first().user
    member.set_password(DEMO_PASSWORD)
    member.save()
    log_in(phone, member.username, DEMO_PASSWORD)
    phone.get_by_test_id("todo-follow-ups").click()
    phone.get_by_label("整改情况").fill("已重新印制宣传单，加注资助方标识。")
    phone.get_by_role("button", name="标记为已整改").click()
    expect(phone.get_by_text("已提交督导确认")).to_be_visible()
    phone.context.clear_cookies()  # log out (the phone's menu is folded away)

    log_in(phone, "supervisor", DEMO_PASSWORD)
    phone.get_by_test_id("todo-accept-follow-ups").click()
    assert phone.url == visit_url
    phone.get_by_role("button", name="确认").click()

    expect(phone.get_by_test_id("issue")).to_have_attribute("data-status", "accepted")
    assert axe_violations(phone) == []


def test_officer_dashboard_draws_charts_with_tables_and_filters(page):
    demo_load()
    log_in(page, "officer", DEMO_PASSWORD)
    page.get_by_role("link", name="数据看板").click()

    for code in ("money", "status", "domain", "street", "leverage", "years"):
        expect(page.get_by_test_id(f"chart-{code}").locator("[data-drawn=true] canvas")).to_have_count(1)
    page.get_by_test_id("chart-domain").get_by_text("数据表").click()
    expect(page.get_by_test_id("table-domain")).to_be_visible()
    page.locator("#id_program").select_option(label="2024—2025年“吾社益心——武有爱，益万家”公益创投")
    page.get_by_role("button", name="筛选").click()
    expect(page.get_by_test_id("table-money").locator("tbody tr")).to_have_count(1)
    assert page.csp_violations == []
    assert axe_violations(page) == []


def test_organization_submits_its_final_report_and_the_officer_closes_the_project(page):
    from django.contrib.auth import get_user_model

    from tests.delivery.factories import SCORES
    from yichuang.delivery import evaluations
    from yichuang.projects import tranches

    demo_load()
    project = Project.objects.get(number="WJ2024-002")
    officer, second = (get_user_model().objects.get(username=name) for name in ("officer", "officer.review"))
    final = evaluations.evaluation_round_open(actor=officer, program=project.program, kind="final",
                                              due_on=datetime.date(2030, 1, 1), evaluators=[
                                                  get_user_model().objects.get(username="supervisor")])
    evaluation = final.evaluations.get(project=project)
    evaluations.evaluation_sheet_save(actor=final.evaluators.get(), evaluation=evaluation, scores=SCORES,
                                      findings="完成", documents="台账", recommendation="pass")
    evaluations.evaluation_decide(actor=officer, evaluation=evaluation, result="pass", conclusion="结项评估合格")
    tranches.tranche_approve(actor=second, tranche=project.tranches.get(position=2))
    member = project.organization.grants.filter(role="org_member").first().user
    member.set_password(DEMO_PASSWORD)
    member.save()

    log_in(page, member.username, DEMO_PASSWORD)
    page.goto(f"/delivery/project/{project.pk}/")
    page.get_by_role("link", name="结项报告").click()
    page.get_by_label("项目成效").fill("全部计划活动已完成，服务对象满意度高。")
    page.get_by_label("退回资助方").check()
    page.get_by_role("button", name="提交项目管理员").click()
    expect(page.get_by_test_id("report-status")).to_have_text("已提交，等待项目管理员审核")
    page.context.clear_cookies()

    log_in(page, "officer", DEMO_PASSWORD)
    page.goto(f"/delivery/project/{project.pk}/final-report/")
    page.get_by_role("button", name="通过并结项").click()

    expect(page.get_by_test_id("report-status")).to_have_text("已通过：项目已结项")
    assert Project.objects.get(pk=project.pk).status == "closed"
    page.goto(f"/funded/{project.number}/")
    expect(page.get_by_text("已结项").first).to_be_visible()
    assert axe_violations(page) == []


def test_officer_asks_for_the_annual_report_and_downloads_it_when_ready(page):
    demo_load()
    program = Project.objects.get(number="WJ2024-001").program
    log_in(page, "officer", DEMO_PASSWORD)
    page.goto(f"/programs/{program.pk}/")
    page.get_by_role("link", name="报告", exact=True).click()
    page.get_by_role("button", name="创投项目年度报告（PDF）").click()

    expect(page.get_by_test_id("job")).to_have_attribute("data-status", "done")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "100")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载").click()
    assert download.value.suggested_filename == "WJ2024-年度报告.pdf"
    assert axe_violations(page) == []
