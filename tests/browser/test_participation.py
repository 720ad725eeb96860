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
