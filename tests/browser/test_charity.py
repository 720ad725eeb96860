"""社东社区's community charity fund as people click through it (issue 10) on the demo: a committee
member votes on a micro-wish grant from a phone, the district officer records the other votes and pays
it, and anyone with a 2022 receipt follows that gift into the grants and the co-funded project's public
page; a project grant over the money left is refused and a member of the recipient sits the vote out,
and 武进's officer sets up another fund and records cash counted before two witnesses;
a donor pledges online and the officer's bank statement import turns it into a receipt; the officer
publishes the overdue quarterly disclosure, which appears on the public page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.demo_world import demo_load
from yichuang.charity.models import Donation
from yichuang.demo.users import DEMO_PASSWORD
from yichuang.kernel import charity as rules

pytestmark = pytest.mark.django_db(transaction=True)

FUND = "溧水区慈善协会（示例）社东社区慈善基金"
LAMP = "微心愿：留守儿童的书桌台灯"


def _open_fund(page) -> None:
    page.get_by_role("link", name="慈善基金").first.click()
    page.get_by_role("link", name=FUND).click()
    expect(page.get_by_role("heading", name=FUND)).to_be_visible()


def test_wish_grant_voted_by_the_committee_paid_and_a_2022_gift_followed_to_the_project(page, phone):
    demo_load()
    log_in(phone, "community.shedong", DEMO_PASSWORD)
    phone.get_by_test_id("todo-grant-votes").click()
    phone.get_by_role("button", name="我同意").click()
    expect(phone.get_by_text("已记录 社工站社工（示例） 的表决。")).to_be_visible()

    log_in(page, "officer.lishui", DEMO_PASSWORD)
    _open_fund(page)
    page.get_by_test_id("pending").get_by_role("link", name=LAMP).click()
    for member in ("社东社区居委会主任（示例）", "村民代表（示例）"):
        page.get_by_role("button", name=f"{member} 同意").click()
        expect(page.get_by_text(f"已记录 {member} 的表决。")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("已批准，待支付")
    page.get_by_label("支付日期").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="登记支付").click()
    expect(page.get_by_test_id("status")).to_have_text("已支付")
    expect(page.get_by_test_id("draws")).to_contain_text("¥150.00")
    page.get_by_role("link", name="留守儿童的书桌台灯").click()
    expect(page.get_by_test_id("adopter")).to_have_text(FUND)

    first = Donation.objects.filter(receipt_number__startswith="SDCF2022").order_by("receipt_number").first()
    phone.context.clear_cookies()
    phone.goto("/funds/")
    phone.get_by_role("link", name=FUND).click()
    phone.get_by_role("link", name="查询善款去向").click()
    phone.get_by_label("票据编号").fill(first.receipt_number)
    phone.get_by_label("查询码").fill(first.verification_code)
    phone.get_by_role("button", name="查询").click()
    trail = phone.get_by_test_id("trail")
    expect(trail).to_contain_text(LAMP)
    expect(trail).not_to_contain_text("社东村3组")  # the household that received emergency aid is never named
    trail.get_by_role("link", name="五美益集·慈善驿站配套资金").click()
    expect(phone.get_by_test_id("amount")).to_have_text("¥50,000.00")
    phone.get_by_role("link", name="五美益集——石湫街道社东社区“五社联动”背景下公益开放空间治理提升项目").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("五美益集")


def test_project_grant_refused_over_the_money_left_a_member_sits_out_and_another_fund_set_up(page):
    demo_load()
    log_in(page, "officer.lishui", DEMO_PASSWORD)
    _open_fund(page)
    page.get_by_role("link", name="提出资助").click()
    page.get_by_label("项目配套资助").check()
    page.get_by_role("textbox", name="用途").fill("五美益集·流动益集配套资金")
    page.get_by_role("textbox", name="金额（元）").fill("2000000")
    page.get_by_label("项目（配套资助）").select_option(label=page.get_by_label("项目（配套资助）").locator("option")
                                                  .filter(has_text="五美益集").first.inner_text())
    page.get_by_role("button", name="提交表决").click()
    expect(page.get_by_text("基金的非定向资金仅剩 ¥1,094,000.00。")).to_be_visible()
    expect(page.get_by_role("textbox", name="用途")).to_have_value("五美益集·流动益集配套资金")

    page.get_by_role("textbox", name="金额（元）").fill("20000")
    page.get_by_role("button", name="提交表决").click()
    expect(page.get_by_test_id("status")).to_have_text("待管委会表决")
    expect(page.get_by_test_id("votes")).to_contain_text("属于 社东社区“五美益集”项目团队（示例），回避表决")
    page.get_by_role("button", name="登记支付").wait_for(state="detached")
    page.get_by_role("link", name=FUND).click()
    expect(page.get_by_test_id("pending")).to_contain_text("五美益集·流动益集配套资金")
    _set_up_a_fund_and_record_cash(page)


def test_donor_pledges_online_and_the_bank_statement_import_issues_the_receipt(page, phone):
    demo_load()
    log_in(phone, "donor", DEMO_PASSWORD)
    phone.goto("/funds/")
    phone.get_by_role("link", name=FUND).click()
    phone.get_by_role("link", name="我要认捐").click()
    phone.get_by_role("textbox", name="金额（元）").fill("288")
    phone.get_by_label("同意在基金页面公开我的姓名").check()
    phone.get_by_role("button", name="认捐并获取认捐码").click()
    expect(phone.get_by_role("heading", name="我的捐赠")).to_be_visible()
    code = Donation.objects.get(status="pledged", amount=28_800).pledge_code
    expect(phone.get_by_test_id("my-gifts")).to_contain_text(code)

    day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    statement = f"交易日期,金额,交易流水号,对方户名,摘要\n{day},288.00,BANK-T-1,捐赠人,认捐{code}\n{day},50,BANK-T-2,某人,捐款\n"
    log_in(page, "officer.lishui", DEMO_PASSWORD)
    _open_fund(page)
    page.get_by_role("link", name="银行流水").click()
    page.get_by_label("银行流水（Excel .xlsx 或 CSV）").set_input_files(
        files=[{"name": "流水.csv", "mimeType": "text/csv", "buffer": statement.encode("gb18030")}])
    page.get_by_role("button", name="导入").click()
    expect(page.get_by_text("1 笔匹配到认捐，1 笔待您处理，0 笔此前已导入，已跳过。")).to_be_visible()
    expect(page.get_by_test_id("lines")).to_contain_text("BANK-T-2")

    phone.reload()
    expect(phone.get_by_test_id("my-gifts").get_by_role("listitem").first).to_contain_text("已到账")
    phone.get_by_test_id("my-gifts").get_by_role("link", name="善款去向").first.click()
    expect(phone.get_by_test_id("unspent")).to_contain_text("¥288.00")


def test_overdue_quarterly_disclosure_published_from_the_reminder_and_shown_on_the_public_page(page):
    demo_load()
    today = timezone.localdate()
    year, quarter = rules.finished_quarters(dt.date(2022, 8, 12), today)[-1]
    log_in(page, "officer.lishui", DEMO_PASSWORD)
    page.get_by_test_id("todo-disclosure").click()
    row = page.get_by_test_id("disclosures").get_by_role("row").first
    expect(row).to_contain_text(f"{year} Q{quarter}")
    with page.expect_download() as download:
        row.get_by_role("link", name="Excel").click()
    assert download.value.suggested_filename == f"SDCF-{year}Q{quarter}.xlsx"
    row.get_by_role("button", name=f"发布 {year} 年第 {quarter} 季度").click()
    expect(page.get_by_text("已发布到基金公开页面。")).to_be_visible()

    page.context.clear_cookies()
    page.goto("/funds/")
    page.get_by_role("link", name=FUND).click()
    # The article's ¥1.15M+ from local firms and people at the station's founding (sample donors).
    expect(page.get_by_test_id("quarters").get_by_role("row", name="2022 Q3")).to_contain_text("¥1,157,500.00")
    expect(page.get_by_test_id("donors").get_by_role("listitem").first).to_contain_text("（示例）")
    expect(page.get_by_test_id("published-disclosures").get_by_role("listitem").first).to_contain_text(f"{year} Q{quarter}")
    response = page.request.get(page.get_by_test_id("published-disclosures").get_by_role("link", name="PDF").first
                                .get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"


def _set_up_a_fund_and_record_cash(page) -> None:
    """武进's officer sets up 永定社区's fund (an even committee refused first) and records cash counted
    before two witnesses (one witness refused first); the receipt is a PDF."""
    page.context.clear_cookies()
    log_in(page, "officer", DEMO_PASSWORD)
    page.goto("/funds/")
    page.get_by_role("link", name="设立基金").click()
    page.get_by_label("托管慈善组织").select_option(label="武进区善益爱心协会")
    page.get_by_role("combobox", name="社区", exact=True).select_option(label="湖塘镇 · 永定社区")
    page.get_by_label("基金用途").fill("扶老助困、社区微项目")
    page.get_by_label("管理委员会").fill("主任甲\n委员乙\n委员丙\n委员丁")
    page.get_by_label("监督人").fill("湖塘镇社会事务办公室")
    page.get_by_label("票据编号前缀").fill("YDCF")
    page.get_by_role("button", name="设立基金").click()
    expect(page.get_by_text("管理委员会至少需要 5 名委员。")).to_be_visible()  # four members: an odd committee of at least five
    expect(page.get_by_label("基金用途")).to_have_value("扶老助困、社区微项目")
    page.get_by_label("管理委员会").fill("主任甲\n委员乙\n委员丙\n委员丁\n委员戊")
    page.get_by_role("button", name="设立基金").click()
    expect(page.get_by_role("heading", name="武进区善益爱心协会永定社区慈善基金")).to_be_visible()

    page.get_by_role("link", name="登记捐赠").click()
    page.get_by_label("现金（两人见证）").check()
    page.get_by_role("textbox", name="捐赠方", exact=True).fill("永定社区居民（示例）")
    page.get_by_role("textbox", name="金额（元）").fill("600")
    page.get_by_label("收到日期").fill(timezone.localdate().isoformat())
    page.get_by_label("第一见证人").fill("社区会计")
    page.get_by_role("button", name="登记并编号开票").click()
    expect(page.get_by_text("现金须在两名见证人面前清点：请填写两人姓名。")).to_be_visible()
    page.get_by_label("第二见证人").fill("居民代表")
    page.get_by_role("button", name="登记并编号开票").click()
    expect(page.get_by_test_id("donations")).to_contain_text(f"YDCF{timezone.localdate().year}000001")
    response = page.request.get(page.get_by_test_id("donations").get_by_role("link").first.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
