"""Deliberation meetings as people click through them (issue 09) on the demo: 安康社区's council on
gating 二幼小区 (a resident registers and signs in at the door on a phone, votes, a community worker
records a hand vote, the resolution and an action item), and 社东社区's open-space weekend hall on its
four small public matters (its public page; a new round with a group, dots and a resolution)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.browser.conftest import log_in
from tests.demo_world import demo_load
from yichuang.demo.users import DEMO_PASSWORD
from yichuang.participation.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)

GATING = "二幼小区封闭式管理恳谈会（示例）"


def test_xiangshan_gating_council_registered_attended_voted_resolved_and_followed(page, phone):
    demo_load()
    log_in(phone, "resident.xs", DEMO_PASSWORD)
    phone.goto("/voice/meetings/")
    phone.get_by_role("link", name=GATING).click()
    phone.get_by_role("button", name="报名", exact=True).click()
    expect(phone.get_by_test_id("my-registration")).to_contain_text("已报名")

    log_in(page, "community", DEMO_PASSWORD)
    page.get_by_role("link", name="议事协商").click()
    page.get_by_role("link", name=GATING).click()
    page.get_by_role("button", name="开始会议").click()
    expect(page.get_by_test_id("meeting-status")).to_have_text("会议进行中")
    page.get_by_role("link", name="报名、签到和门口二维码").click()
    expect(page.get_by_role("img", name="签到二维码")).to_be_visible()
    page.get_by_test_id("roster").get_by_role("row", name="二幼小区3栋王师傅（示例）").get_by_role("button", name="已到").click()
    expect(page.get_by_test_id("roster").get_by_role("row", name="二幼小区3栋王师傅（示例）")).not_to_contain_text("已到")

    phone.goto(f"/voice/m/{Meeting.objects.get(title=GATING).attendance_key}/")  # the door's QR code
    phone.get_by_role("button", name="我已到场").click()
    expect(phone.get_by_test_id("my-registration")).to_contain_text("已签到")

    page.get_by_role("link", name=GATING).click()
    for text in ("同意二幼小区转为封闭式管理，保留老人和外卖通道", "由居民代表组建筹备组，三个月内拿出方案"):
        page.get_by_role("textbox", name="建议", exact=True).fill(text)
        page.get_by_role("button", name="提交会议表决").click()
        expect(page.locator("#proposals")).to_contain_text(text)
    page.get_by_role("button", name="开始投票").click()
    expect(page.get_by_test_id("meeting-status")).to_have_text("表决中")

    phone.reload()
    ballot = phone.get_by_test_id("ballot")
    for item in ballot.get_by_role("listitem").all():
        item.get_by_role("button", name="赞成").click()
        expect(phone.get_by_text("表决已记录。")).to_be_visible()
    expect(phone.get_by_test_id("ballot").get_by_text("赞成")).to_have_count(2)
    assert axe_violations(phone) == []

    page.reload()
    page.get_by_text("记录举手（或口头）表决").click()
    page.get_by_label("参会者", exact=True).select_option(label="二幼小区3栋王师傅（示例）")
    page.get_by_role("combobox", name="表决", exact=True).select_option(label="反对")
    page.get_by_role("button", name="记录", exact=True).click()
    expect(page.get_by_test_id("voters")).to_contain_text("2")
    page.get_by_role("textbox", name="决议", exact=True).fill("二幼小区转为封闭式管理，保留老人和外卖通道；由居民代表组建筹备组。")
    page.get_by_role("button", name="记录决议").click()
    expect(page.get_by_test_id("meeting-status")).to_have_text("已形成决议")
    expect(page.get_by_test_id("results")).to_contain_text("赞成 1、反对 1、弃权 0")
    expect(page.get_by_test_id("results")).to_contain_text("未通过")
    page.get_by_role("textbox", name="行动事项", exact=True).fill("推选筹备组成员并在小区公示")
    page.get_by_role("textbox", name="由谁来办", exact=True).fill("安康社区居委会")
    page.get_by_label("完成期限").fill((timezone.localdate() + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="添加", exact=True).click()
    expect(page.get_by_test_id("actions")).to_contain_text("推选筹备组成员并在小区公示")
    assert axe_violations(page) == []

    phone.context.clear_cookies()  # anyone, signed out
    phone.goto(f"/voice/meetings/{Meeting.objects.get(title=GATING).pk}/")
    expect(phone.get_by_test_id("actions")).to_contain_text("尚未完成")
    expect(phone.get_by_test_id("resolution")).to_contain_text("组建筹备组")
    expect(phone.locator("body")).not_to_contain_text("王师傅")  # who attended is not published
    log_in(phone, "resident.xs", DEMO_PASSWORD)
    phone.goto("/voice/me/")
    expect(phone.get_by_test_id("my-meetings")).to_contain_text("已参会")


def test_shedong_open_space_hall_is_public_and_a_new_round_groups_dots_and_resolves(page, phone):
    demo_load()
    phone.goto("/")
    phone.get_by_role("button", name="菜单").click()
    phone.get_by_role("link", name="议事协商").click()
    phone.get_by_role("link", name="社东社区周末议事厅：我们的小事（示例）").click()
    expect(phone.get_by_test_id("groups").locator("h3")).to_have_count(4)
    expect(phone.get_by_test_id("results")).to_contain_text("19 个圆点")
    expect(phone.get_by_test_id("actions")).to_contain_text("已完成")
    phone.get_by_role("link", name="已提为社区需求").click()
    expect(phone.get_by_test_id("needs")).to_contain_text("独居老人助餐")

    log_in(page, "community.shedong", DEMO_PASSWORD)
    page.goto("/voice/topics/")
    page.get_by_role("link", name="把老手艺传下去").click()
    page.get_by_role("link", name="为它筹备议事会").click()
    expect(page.get_by_role("combobox", name="社区").locator("option:checked")).to_have_text("石湫街道 · 社东社区")
    page.get_by_role("textbox", name="会议", exact=True).fill("竹编手工课怎么办")
    page.get_by_label("会议议什么").fill("接着上次议事会，商量竹编课的场地和时间。")
    page.get_by_label("开放空间会议").check()
    page.get_by_label("会议地点").fill("社东社区祠堂")
    page.get_by_label("开始时间").fill((timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT09:30"))
    page.get_by_label("贴点投票（每人把几个圆点分投给各条建议）").check()
    page.get_by_label("每人圆点数").fill("2")
    page.get_by_role("button", name="筹备会议").click()
    expect(page.get_by_test_id("agenda")).to_contain_text("把老手艺传下去")
    page.get_by_role("button", name="开放报名").click()

    log_in(phone, "resident", DEMO_PASSWORD)
    phone.goto(page.url)
    phone.get_by_label("您想讨论的议题").select_option(label="把老手艺传下去")
    phone.get_by_role("button", name="报名", exact=True).click()
    expect(phone.get_by_test_id("my-registration")).to_contain_text("把老手艺传下去")

    page.get_by_role("button", name="开始会议").click()
    page.get_by_role("link", name="报名、签到和门口二维码").click()
    page.get_by_role("button", name="已到").click()
    expect(page.get_by_test_id("roster")).not_to_contain_text("已到")
    page.get_by_role("link", name="竹编手工课怎么办").click()
    page.get_by_role("button", name="按大家选择的议题分组").click()
    expect(page.get_by_test_id("groups")).to_contain_text("把老手艺传下去")

    phone.reload()
    phone.get_by_label("小组记录").fill("五位老人愿意每周六上午教竹编，场地用祠堂东厢房。")
    phone.get_by_role("button", name="保存记录").click()
    phone.get_by_label("小组的建议").fill("每周六上午在祠堂东厢房办竹编课")
    phone.get_by_role("button", name="提交会议表决").click()
    expect(phone.get_by_test_id("groups")).to_contain_text("每周六上午在祠堂东厢房办竹编课")

    page.reload()
    page.get_by_role("button", name="开始投票").click()
    phone.reload()
    phone.get_by_label("圆点").fill("3")
    phone.get_by_role("button", name="贴点").click()
    expect(phone.get_by_test_id("dots-left")).to_contain_text("您的 2 个圆点已用 0 个。")  # three of two: not sent
    phone.get_by_label("圆点").fill("2")
    phone.get_by_role("button", name="贴点").click()
    expect(phone.get_by_test_id("dots-left")).to_contain_text("您的 2 个圆点已用 2 个。")

    page.reload()
    page.get_by_role("textbox", name="决议", exact=True).fill("竹编课每周六上午在祠堂东厢房开办。")
    page.get_by_label("会议确定几项优先事项").fill("1")
    page.get_by_role("button", name="记录决议").click()
    expect(page.get_by_test_id("results")).to_contain_text("2 个圆点")
    expect(page.get_by_test_id("results")).to_contain_text("通过")
    assert axe_violations(page) == []
