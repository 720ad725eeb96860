"""Residents' voice as people click through it (issue 09) on the demo: a micro-wish from 桥头村 posted
by the community worker (a phone number in its public text is caught), checked by a second person,
adopted by a donor on a phone, fulfilled with a photo and confirmed, and counted on the public page."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.browser.conftest import log_in, log_out
from tests.demo_world import demo_load
from yichuang.demo.users import DEMO_PASSWORD
from yichuang.participation.models import MicroWish

pytestmark = pytest.mark.django_db(transaction=True)


def _photo() -> dict:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (200, 220, 240)).save(out, "JPEG")
    return {"name": "交付.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def test_micro_wish_posted_checked_adopted_fulfilled_and_counted(page, phone):
    demo_load()
    log_in(page, "community.qiaotou", DEMO_PASSWORD)
    page.get_by_role("link", name="微心愿").first.click()
    page.get_by_role("link", name="发布心愿").click()
    page.get_by_label("社区").select_option(label="渠沟镇 · 桥头村")
    page.get_by_label("心愿对象").select_option(label="留守儿童")
    page.get_by_role("textbox", name="心愿", exact=True).fill("一副乒乓球拍")
    page.get_by_label("心愿说明").fill("孩子课间喜欢打乒乓球，想要一副球拍。有事联系奶奶13912345678。")
    page.get_by_label("估计价值（元）").fill("60")
    page.get_by_label("希望实现日期").fill("2099-06-01")
    page.get_by_label("居民姓名").fill("孙小雨")
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("公开内容不能让人认出居民本人")).to_be_visible()
    expect(page.get_by_role("textbox", name="心愿", exact=True)).to_have_value("一副乒乓球拍")  # nothing typed is lost
    page.get_by_label("心愿说明").fill("孩子课间喜欢打乒乓球，想要一副球拍。")
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_test_id("wish-status")).to_have_text("待复核")
    assert axe_violations(page) == []
    log_out(page)

    log_in(page, "officer.xiangshan", DEMO_PASSWORD)
    page.goto(f"/voice/wishes/{MicroWish.objects.get(title='一副乒乓球拍').pk}/")
    expect(page.get_by_test_id("wish-private")).to_contain_text("孙小雨")
    page.get_by_role("button", name="发布", exact=True).click()
    expect(page.get_by_test_id("wish-status")).to_have_text("等待认领")

    phone.goto("/voice/wishes/")
    expect(phone.get_by_test_id("wishes")).to_contain_text("一副乒乓球拍")
    expect(phone.locator("body")).not_to_contain_text("孙小雨")
    phone.get_by_role("link", name="一副乒乓球拍").click()
    phone.get_by_role("link", name="登录后认领这个心愿").click()
    phone.get_by_label("用户名").fill("donor")
    phone.get_by_label("密码").fill(DEMO_PASSWORD)
    phone.get_by_role("button", name="登录").last.click()
    phone.get_by_label("在公开页面显示我的名字").check()
    phone.get_by_role("button", name="我来帮 TA 实现").click()
    expect(phone.get_by_test_id("wish-status")).to_have_text("已认领")
    phone.get_by_role("link", name="报告已完成").click()
    phone.get_by_label("完成凭证").set_input_files(_photo())
    phone.get_by_label("完成情况").fill("周六和志愿者一起送到孩子家")
    phone.get_by_role("button", name="提交给社区").click()
    expect(phone.get_by_test_id("wish-status")).to_have_text("已完成，待确认")
    assert axe_violations(phone) == [] and phone.csp_violations == []

    log_out(page)
    log_in(page, "community.qiaotou", DEMO_PASSWORD)
    page.get_by_test_id("todo-wishes-to_confirm").click()
    page.get_by_test_id("to-confirm").get_by_role("link", name="一副乒乓球拍").click()
    page.get_by_role("button", name="心愿已实现").click()
    expect(page.get_by_test_id("wish-status")).to_have_text("已实现")

    page.goto("/voice/wishes/")
    row = page.get_by_test_id("wish-totals").get_by_role("row").filter(has_text="桥头村")
    expect(row.locator("td").nth(1)).to_have_text("4")  # three came true before, and this one
    expect(row.locator("td").nth(2)).to_have_text("¥420.00")
    assert page.csp_violations == []


def test_needs_survey_built_shared_answered_on_a_phone_and_read_as_a_chart(page, phone):
    from captcha.models import CaptchaStore

    from yichuang.participation.models import Survey

    demo_load()
    log_in(page, "community", DEMO_PASSWORD)
    page.goto("/voice/surveys/")
    page.get_by_role("link", name="新建调查").click()
    page.get_by_role("combobox", name="所在地区").select_option(label="西街道 · 安康社区")
    page.get_by_role("textbox", name="标题").fill("楼道环境小调查")
    page.get_by_label("开始日期").fill(str(pf_today()))
    page.get_by_label("截止日期").fill("2099-01-01")
    page.get_by_role("button", name="创建调查").click()
    page.get_by_role("combobox", name="题型").select_option(label="单选")
    page.get_by_role("textbox", name="问题", exact=True).fill("楼道里的杂物影响您出行吗")
    page.get_by_label("必答").check()
    page.get_by_label("选项（每行一个）").fill("影响很大\n有点影响\n没有影响")
    page.get_by_role("button", name="添加", exact=True).click()
    page.get_by_role("combobox", name="题型").select_option(label="填空")
    page.get_by_role("textbox", name="问题", exact=True).fill("哪里的杂物最多")
    page.get_by_label("仅在以下情况下提问").select_option(label="1. 楼道里的杂物影响您出行吗 → 影响很大")
    page.get_by_role("button", name="添加", exact=True).click()
    expect(page.get_by_test_id("questions").get_by_role("listitem")).to_have_count(2)
    page.get_by_role("button", name="开放调查").click()
    expect(page.get_by_test_id("survey-status")).to_have_text("开放填写中")
    link = page.get_by_test_id("survey-link").inner_text()
    assert axe_violations(page) == []

    phone.goto(link.replace(link.split("/voice/")[0], ""))
    expect(phone.get_by_role("group", name="2. 哪里的杂物最多")).to_be_hidden()  # asked only after "影响很大"
    phone.get_by_label("影响很大").check()
    expect(phone.get_by_role("group", name="2. 哪里的杂物最多")).to_be_visible()
    phone.locator("textarea").fill("3号楼二单元")
    phone.get_by_label("您的年龄段").select_option(label="60至79岁")
    first_key = phone.locator("input[name=captcha_0]").input_value()
    wrong = str(int(CaptchaStore.objects.get(hashkey=first_key).response) + 1)
    phone.get_by_label("请计算图中算式的结果").fill(wrong)  # a wrong sum: nothing is saved, nothing typed is lost
    phone.get_by_role("button", name="提交我的回答").click()
    expect(phone.get_by_text("计算结果不对")).to_be_visible()
    expect(phone.locator("textarea")).to_have_value("3号楼二单元")
    key = phone.locator("input[name=captcha_0]").input_value()
    phone.get_by_label("请计算图中算式的结果").fill(CaptchaStore.objects.get(hashkey=key).response)
    phone.get_by_role("button", name="提交我的回答").click()
    expect(phone.get_by_test_id("survey-thanks")).to_be_visible()
    assert axe_violations(phone) == [] and phone.csp_violations == []

    survey = Survey.objects.get(title="楼道环境小调查")
    page.goto(f"/voice/surveys/{survey.pk}/results/")
    expect(page.get_by_test_id("result-count")).to_have_text("1 份回答")
    expect(page.locator("[data-chart][data-drawn=true]")).to_have_count(1)
    expect(page.get_by_test_id("texts")).to_contain_text("3号楼二单元")
    assert page.csp_violations == []


def pf_today():
    from django.utils import timezone

    return timezone.localdate()


def test_resident_puts_forward_a_topic_and_follows_a_neighbours_on_a_phone(phone):
    demo_load()
    log_in(phone, "resident", DEMO_PASSWORD)
    phone.goto("/voice/topics/")
    expect(phone.get_by_test_id("topics").get_by_role("listitem").first).to_contain_text("独居老人吃饭难")
    phone.get_by_role("link", name="提出议题").click()
    phone.get_by_role("combobox", name="社区").select_option(label="石湫街道 · 社东社区")
    phone.get_by_role("textbox", name="议题").fill("<b>村口加装路灯</b>")
    phone.get_by_role("textbox", name="具体内容").fill("晚上村口太黑，老人散步不安全。")
    phone.get_by_role("button", name="提出", exact=True).click()
    expect(phone.get_by_role("heading", name="<b>村口加装路灯</b>")).to_be_visible()  # shown as text, not markup

    phone.goto("/voice/topics/")
    phone.get_by_role("link", name="把老手艺传下去").click()
    phone.get_by_role("button", name="关注这个议题").click()
    expect(phone.get_by_test_id("followers")).to_have_text("8 人关注")
    phone.goto("/voice/me/")
    expect(phone.get_by_test_id("my-topics")).to_contain_text("把老手艺传下去")
    expect(phone.get_by_test_id("my-topics")).to_contain_text("村口加装路灯")
    assert axe_violations(phone) == [] and phone.csp_violations == []
