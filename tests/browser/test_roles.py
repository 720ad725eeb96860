from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, log_in_en
from tests.demo_world import demo_load
from yichuang.accounts.roles import Role
from yichuang.demo.users import DEMO_PASSWORD, DEMO_USERS
from yichuang.places.models import Area, Organization

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_demo_role_logs_in_and_lands_on_its_home(page):
    demo_load()

    for username, display_name, role, _kind, _key in DEMO_USERS:
        log_in(page, username, DEMO_PASSWORD)

        assert page.url.endswith("/home/"), f"{username} landed on {page.url}"
        # An organization's administrator works in the member's section (with the Colleagues page).
        shown = Role.ORG_MEMBER if role == Role.ORG_ADMIN else role
        expect(page.locator(f"section[data-role='{shown.value}']")).to_be_visible()
        assert page.get_by_test_id("current-user").inner_text() == display_name
        page.get_by_role("button", name="退出").click()
        page.wait_for_url("**/")

    assert page.csp_violations == []


def test_officer_finds_organization_by_traditional_name_and_records_a_new_one(page):
    demo_load()
    log_in(page, "officer", DEMO_PASSWORD)

    page.get_by_role("link", name="社会组织").first.click()
    page.get_by_role("searchbox").fill("武進區益能")
    # The list refreshes itself after typing stops.
    results = page.locator("#organization-results tbody tr")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("武进区益能社会工作服务中心")

    page.get_by_role("link", name="新增社会组织").click()
    page.get_by_label("名称").fill("武进区测试互助会")
    page.get_by_label("类型").select_option("private_non_enterprise")
    page.get_by_label("统一社会信用代码").fill("91110000600037341X")
    page.get_by_label("所在地区").select_option(value=str(Area.objects.get(code="320412").pk))
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("最后一位应为“L”")).to_be_visible()

    page.get_by_label("统一社会信用代码").fill("91110000600037341L")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("不属于民办非企业单位")).to_be_visible()  # 91: a company's code

    page.get_by_label("统一社会信用代码").fill("52110000600037341M")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", name="武进区测试互助会")).to_be_visible()
    assert page.csp_violations == []


def test_organization_member_edits_own_contact_details(page):
    demo_load()
    log_in(page, "org", DEMO_PASSWORD)

    page.get_by_role("link", name="更新联系信息").click()
    assert page.get_by_label("名称").is_disabled()
    page.get_by_label("联系电话").fill("138 1234 5678")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_text("138****5678")).to_be_visible()  # pages show phone numbers masked
    assert Organization.objects.get(name="武进区益能社会工作服务中心").contact_phone == "+8613812345678"


def test_english_navigation_bar_stays_on_one_line_at_1280_pixels(english_page):
    page = english_page
    demo_load()
    log_in_en(page, "officer", DEMO_PASSWORD)

    page.goto("/home/")

    boxes = [page.get_by_role("link", name="益创 Yichuang").bounding_box(),
             page.get_by_role("button", name="简体中文").bounding_box(),
             page.get_by_role("button", name="Log out").bounding_box()]
    # One line: every control sits at the same height, none taller than a single line of text.
    assert max(b["height"] for b in boxes[1:]) < 40
    assert max(b["y"] + b["height"] / 2 for b in boxes) - min(b["y"] + b["height"] / 2 for b in boxes) < 4
