"""Volunteers as people click through them (issue 08's journeys) on the demo, volunteer pages on a
phone-sized screen: registering with an ID number checked against the birth date, checking in by
the activity's code with a scan queued while offline, the organizer confirming the hours, and
anyone checking a certificate from the public home page, where an altered copy is not genuine."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.browser.conftest import log_in
from tests.demo_world import demo_load
from tests.volunteers.factories import ric
from yichuang.accounts.models import User
from yichuang.demo.users import DEMO_PASSWORD
from yichuang.volunteers.models import Certificate, CheckEvent, Opportunity, ServiceRecord, Team, Volunteer

pytestmark = pytest.mark.django_db(transaction=True)


def test_resident_registers_as_volunteer_on_a_phone_after_fixing_birth_date(phone):
    demo_load()
    number = ric("19800315", male=False, area="320117")
    log_in(phone, "resident", DEMO_PASSWORD)
    phone.goto("/volunteers/")
    expect(phone.get_by_role("heading", name="登记为志愿者")).to_be_visible()

    phone.get_by_role("textbox", name="姓名", exact=True).fill("陈丽娟")
    phone.get_by_label("女", exact=True).check()
    phone.get_by_label("出生日期").fill("1980-03-16")  # one day off the ID number
    phone.get_by_role("textbox", name="证件号码", exact=True).fill(number)
    phone.get_by_label("居住社区").select_option(label="石湫街道 · 社东社区")
    phone.get_by_role("textbox", name="手机号码", exact=True).fill("13912345678")
    phone.get_by_label("为老照护").check()
    phone.get_by_label("扶老助老").check()
    phone.get_by_label("我同意我参与服务的组织", exact=False).check()
    phone.get_by_label("我另行同意加密保存", exact=False).check()
    phone.get_by_role("button", name="登记").click()
    expect(phone.get_by_text("出生日期与身份证号码不一致，请核对。")).to_be_visible()
    assert not Volunteer.objects.filter(name="陈丽娟").exists()

    phone.get_by_label("出生日期").fill("1980-03-15")
    phone.get_by_role("button", name="登记").click()

    volunteer = Volunteer.objects.get(name="陈丽娟")
    expect(phone.get_by_text(f"欢迎！你的志愿者编号是 {volunteer.number}。")).to_be_visible()
    expect(phone.get_by_text(volunteer.id_masked)).to_be_visible()
    assert number not in phone.content()
    assert axe_violations(phone) == [] and phone.csp_violations == []


def test_volunteer_checks_in_by_code_and_a_scan_made_offline_is_sent_later(phone):
    demo_load()
    meals = Opportunity.objects.get(title__startswith="为老助餐")
    me = Volunteer.objects.get(user__username="volunteer")
    log_in(phone, "volunteer", DEMO_PASSWORD)
    phone.goto(f"/volunteers/scan/{meals.check_in_code}/")  # where the printed QR code leads

    phone.get_by_role("button", name="签到").click()
    expect(phone.get_by_test_id("scans")).to_contain_text("签到")
    phone.context.set_offline(True)
    phone.get_by_role("button", name="签退").click()
    expect(phone.locator("#scan-status")).to_contain_text("当前无网络")
    assert not CheckEvent.objects.filter(volunteer=me, kind="out").exists()
    phone.context.set_offline(False)

    expect(phone.get_by_test_id("scans")).to_contain_text("签退")
    assert CheckEvent.objects.filter(volunteer=me, shift__opportunity=meals).count() == 2
    assert ServiceRecord.objects.get(volunteer=me, shift__opportunity=meals).status == "pending"
    assert axe_violations(phone) == [] and phone.csp_violations == []


def test_community_worker_confirms_hours_from_check_ins(page):
    demo_load()
    zongzi = Opportunity.objects.get(title__startswith="包粽子").shifts.get()
    log_in(page, "community", DEMO_PASSWORD)
    page.goto("/volunteers/")
    page.get_by_role("link", name="待确认").click()
    page.get_by_test_id("pending").get_by_role("link").first.click()
    expect(page.get_by_test_id("shift-roster")).to_contain_text("签退")

    page.get_by_role("button", name="确认服务记录").click()

    expect(page.get_by_text("已确认 2 条记录。")).to_be_visible()
    assert not ServiceRecord.objects.filter(shift=zongzi, status="pending").exists()
    assert axe_violations(page) == []


def test_anyone_checks_a_certificate_from_the_home_page_and_an_altered_copy_fails(page, tmp_path):
    demo_load()
    certificate = Certificate.objects.get(status="issued")
    page.goto("/")
    page.get_by_label("证明编号").fill(certificate.number)
    page.get_by_role("button", name="查验", exact=True).click()
    expect(page.get_by_test_id("verdict")).to_contain_text("真实有效。")
    expect(page.get_by_test_id("certificate-facts")).to_contain_text(certificate.payload["name"])
    assert certificate.volunteer.name not in page.content()

    with certificate.pdf.open("rb") as handle:
        original = handle.read()
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(original.replace(b"%%EOF", b"%%EOF\n% edited", 1))
    page.get_by_label("或上传证明文件（PDF）查验").set_input_files(str(altered))
    page.get_by_role("button", name="查验", exact=True).click()
    expect(page.get_by_test_id("verdict")).to_contain_text("非真实证明")

    page.get_by_label("证明编号").fill("ZM2026-NOTREAL2")
    page.get_by_role("button", name="查验", exact=True).click()
    expect(page.get_by_test_id("verdict")).to_contain_text("没有出具过编号为“ZM2026-NOTREAL2”的证明")
    assert axe_violations(page) == []


def test_volunteer_asks_for_a_correction_and_the_organizer_applies_it(phone, browser, live_server):
    demo_load()
    me = Volunteer.objects.get(user__username="volunteer")
    record = me.records.filter(status="confirmed").order_by("-served_on").first()
    log_in(phone, "volunteer", DEMO_PASSWORD)
    phone.goto(f"/volunteers/records/{record.pk}/")
    phone.get_by_label("服务时间（小时）").fill("3")
    phone.get_by_label("哪里有误").fill("实际服务到中午十二点")
    phone.get_by_role("button", name="提交组织单位").click()
    expect(phone.get_by_test_id("correction")).to_contain_text("待处理")

    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    officer = context.new_page()
    log_in(officer, "community", DEMO_PASSWORD)
    officer.goto("/volunteers/records/")
    officer.get_by_test_id("corrections").get_by_role("link").first.click()
    officer.get_by_role("button", name="同意更正").click()
    expect(officer.get_by_test_id("correction")).to_contain_text("已更正")
    expect(officer.get_by_test_id("record-hours")).to_contain_text("3 小时")
    context.close()
    assert Volunteer.objects.get(pk=me.pk).minutes_confirmed == me.minutes_confirmed + 180 - record.minutes


def test_volunteer_joins_the_waiting_list_and_gets_the_place_a_cancellation_frees(phone):
    demo_load()
    from yichuang.volunteers import opportunities
    from yichuang.volunteers.models import Signup

    meals = Opportunity.objects.get(title__startswith="为老助餐")
    later = meals.shifts.order_by("starts_at").last()  # full, three waiting
    mine = Signup.objects.get(shift=later, volunteer__user__username="volunteer")
    opportunities.signup_cancel(actor=mine.volunteer.user, signup=mine)  # the first waiting person moves up
    waiting_before = list(Signup.objects.filter(shift=later, status="waitlisted"))
    log_in(phone, "volunteer", DEMO_PASSWORD)
    phone.goto(f"/volunteers/activities/{meals.pk}/")

    phone.get_by_test_id("shifts").get_by_role("button", name="加入候补").click()

    expect(phone.get_by_text("该班次已满：你已进入候补，有名额空出时会通知你。")).to_be_visible()
    expect(phone.get_by_test_id("my-signup").last).to_contain_text("候补中")
    community = User.objects.get(username="community")
    for earlier in waiting_before:  # those ahead in the queue withdraw, then a place comes free
        opportunities.signup_cancel(actor=community, signup=earlier)
    opportunities.signup_cancel(actor=community, signup=Signup.objects.filter(shift=later, status="confirmed").first())
    phone.reload()
    expect(phone.get_by_test_id("my-signup").last).to_contain_text("已确认")


def test_volunteer_applies_to_a_team_and_the_community_worker_accepts(phone, page):
    demo_load()
    team = Team.objects.get(name="为少志愿服务队")
    log_in(phone, "volunteer", DEMO_PASSWORD)
    phone.goto("/volunteers/teams/")
    phone.get_by_role("link", name="为少志愿服务队").click()
    phone.get_by_role("button", name="申请加入").click()
    expect(phone.get_by_test_id("my-membership")).to_contain_text("申请中")

    log_in(page, "community", DEMO_PASSWORD)
    page.goto(f"/volunteers/teams/{team.pk}/")
    page.get_by_test_id("members").get_by_role("listitem").filter(has_text="周晓梅").get_by_role("button", name="通过").click()

    expect(page.get_by_test_id("members").get_by_role("listitem").filter(has_text="周晓梅")).not_to_contain_text("申请中")
    phone.reload()
    expect(phone.get_by_test_id("my-membership")).to_contain_text("成员")


def test_community_worker_imports_a_roster_and_sees_the_rows_with_problems(page, tmp_path):
    demo_load()
    from openpyxl import Workbook

    from tests.volunteers.factories import ric

    book = Workbook()
    book.active.append(["姓名", "性别", "出生日期", "证件类型", "证件号码", "居住社区", "手机号码", "专业技能", "服务类别"])
    book.active.append(["钱桂兰", "", "", "居民身份证", ric("19610203", male=False), "安康社区", "13912340011", "烹饪", "扶老助老"])
    book.active.append(["孙德明", "男", "1960-01-01", "居民身份证", "340603196001010000", "安康社区", "13912340012", "", "社区服务"])
    path = tmp_path / "花名册.xlsx"
    book.save(path)
    log_in(page, "community", DEMO_PASSWORD)
    page.goto("/volunteers/roster/")
    page.get_by_role("link", name="导入花名册").click()
    page.get_by_label("花名册（.xlsx）").set_input_files(str(path))
    page.get_by_label("导入无误的行，列出有问题的行").check()
    page.get_by_label("我持有名单上每个人签字的同意书", exact=False).check()
    page.get_by_role("button", name="核验并导入").click()

    expect(page.get_by_test_id("import-result")).to_contain_text("读取 2 行，登记志愿者 1 名，1 行有问题。")
    expect(page.get_by_test_id("import-problems")).to_contain_text("3")
    assert Volunteer.objects.filter(name="钱桂兰", registered_via="organization").exists()
    assert not Volunteer.objects.filter(name="孙德明").exists()
    assert axe_violations(page) == []
