"""Onboarding without a developer: the operator invites a district officer, who invites an organization
member; a forgotten password is reset through the outbox."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import log_in_en, log_out
from tests.demo_world import demo_load
from yichuang.accounts.models import RoleGrant, User
from yichuang.demo.users import DEMO_PASSWORD
from yichuang.kernel.identifiers import uscc_check_char
from yichuang.places.models import Area, Organization
from yichuang.reviews.pool import expert_create
from yichuang.voting.models import Ballot, Vote

PASSWORD = "长城-Great-Wall-2026"
NEW_PASSWORD = "黄河-Yellow-River-2027"


def _open_account(page, link: str, username: str) -> None:
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.get_by_label("User name for logging in").fill(username)
    page.get_by_label(re.compile(r"^Password( \*)?$")).fill(PASSWORD)
    page.get_by_label("The password again").fill(PASSWORD)
    page.get_by_role("button", name="Open my account").click()
    expect(page.get_by_text("Welcome! Your account is ready")).to_be_visible()


def _invite(page, name: str, address: str, role: str, scope_label: str, scope_pk: int) -> str:
    """Invite someone from the People page; the link the page shows once."""
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="People").click()
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("Name").fill(name)
    page.get_by_label("E-mail or mobile number").fill(address)
    page.get_by_label("Role").select_option(role)
    page.get_by_label(scope_label).select_option(str(scope_pk))
    page.get_by_role("button", name="Send the invitation").click()
    return page.get_by_test_id("invitation-link").input_value()


def test_operator_invites_an_officer_who_invites_an_organization_member(english_page):
    page = english_page
    demo_load()
    wujin = Area.objects.get(code="320412")
    yineng = Organization.objects.get(name="武进区益能社会工作服务中心")
    log_in_en(page, "admin", DEMO_PASSWORD)

    link = _invite(page, "张科长", "zhang@example.org", "program_officer", "Area", wujin.pk)
    log_out(page)
    _open_account(page, link, "zhang.officer")

    expect(page.get_by_test_id("current-user")).to_have_text("张科长")
    link = _invite(page, "陈社工", "139 1234 5678", "org_member", "Organization", yineng.pk)
    log_out(page)
    _open_account(page, link, "chen.staff")

    grant = RoleGrant.objects.get(user__username="chen.staff")
    assert (grant.role, grant.organization) == ("org_member", yineng)
    assert RoleGrant.objects.get(user__username="zhang.officer").area == wujin
    assert page.csp_violations == []


def test_a_forgotten_password_is_reset_through_the_outbox(english_page):
    page = english_page
    demo_load()
    officer = User.objects.get(username="officer")
    User.objects.filter(pk=officer.pk).update(email="officer@example.org")

    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("The e-mail address or mobile number of your account").fill("officer@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_test_id("reset-sent")).to_contain_text("officer@example.org")
    log_in_en(page, "admin", DEMO_PASSWORD)
    page.goto("/people/outbox/")
    text = page.get_by_test_id("outbox").inner_text()
    link = re.search(r"https?://\S+/accounts/password/reset/\S+", text).group(0)
    log_out(page)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.get_by_label(re.compile(r"^New password( \*)?$")).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set the password").click()
    expect(page.get_by_text("Your new password is set. Log in with it.")).to_be_visible()
    log_in_en(page, "officer", NEW_PASSWORD)

    expect(page.get_by_test_id("current-user")).to_have_text("武进区项目管理员（示例）")
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(page.get_by_test_id("reset-invalid")).to_be_visible()


def test_an_organization_registers_itself_and_the_officer_verifies_it(english_page, tmp_path):
    page = english_page
    demo_load()
    wujin = Area.objects.get(code="320412")
    body = "52320412MA1K3BTP0"
    certificate = tmp_path / "certificate.pdf"
    certificate.write_bytes(b"%PDF-1.4\n% registration certificate\n%%EOF\n")
    page.goto("/")
    page.get_by_role("link", name="Register your organization").click()
    page.get_by_label("Name of the organization").fill("武进区阳光助老服务中心")
    page.get_by_label("Type").select_option("private_non_enterprise")
    page.get_by_label("Unified social credit code").fill(body + uscc_check_char(body))
    page.get_by_label("Where it is registered or works").select_option(str(wujin.pk))
    page.get_by_label("Legal representative or person in charge").fill("周明")
    page.get_by_label("Contact phone").fill("13912345678")
    page.get_by_label("Registration certificate (PDF, JPG or PNG)").set_input_files(str(certificate))
    page.get_by_label("User name for logging in").fill("zhou.ming")
    page.get_by_label("Your name as others see it").fill("周明")
    page.get_by_label(re.compile(r"^Password( \*)?$")).fill(PASSWORD)
    page.get_by_label("The password again").fill(PASSWORD)
    page.get_by_role("button", name="Send the registration").click()
    expect(page.get_by_test_id("my-registration")).to_contain_text("waiting for the program officer")
    log_out(page)

    log_in_en(page, "officer", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="People").click()
    page.get_by_role("link", name="Organization registrations").click()
    page.get_by_role("link", name="武进区阳光助老服务中心").click()
    page.get_by_role("button", name="Verified against the certificate: record it").click()
    expect(page.get_by_test_id("registration-status")).to_have_text("Verified")
    log_out(page)
    log_in_en(page, "zhou.ming", PASSWORD)

    expect(page.locator("section[data-role='org_member']")).to_contain_text("武进区阳光助老服务中心")
    assert Organization.objects.get(name="武进区阳光助老服务中心").area == wujin
    assert page.csp_violations == []


def test_a_pool_expert_is_invited_opens_an_account_and_updates_their_profile(english_page):
    page = english_page
    demo_load()
    wujin = Area.objects.get(code="320412")
    pooled = expert_create(actor=User.objects.get(username="officer"), name="钱教授", phone="13912340000", area=wujin,
                           min_load=0, max_load=6)
    log_in_en(page, "officer", DEMO_PASSWORD)
    page.goto(f"/review/experts/{pooled.pk}/")
    page.get_by_role("button", name="Invite to review").click()
    link = page.get_by_test_id("invitation-link").input_value()
    log_out(page)
    _open_account(page, link, "qian.prof")

    page.get_by_role("link", name="My expert profile").click()
    page.get_by_label("available for new rounds").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    pooled.refresh_from_db()
    assert pooled.user.username == "qian.prof" and pooled.available is False
    assert page.csp_violations == []


def test_auditor_filters_the_audit_trail_and_exports_it(english_page):
    page = english_page
    demo_load()
    log_in_en(page, "auditor", DEMO_PASSWORD)

    page.get_by_role("link", name="Read the audit trail").click()
    page.get_by_label("What").select_option("places.organization.created")
    page.get_by_role("button", name="Filter").click()

    rows = page.get_by_test_id("audit-table").locator("tbody tr")
    expect(rows.first).to_contain_text("Organization registered")
    assert all("Organization registered" in text for text in rows.all_inner_texts())
    export = page.request.get(page.get_by_test_id("audit-export").get_attribute("href"))
    assert export.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(export.body())).active
    # One row per change shown, all of the filtered kind (the download is worded in its own request's language).
    assert sheet.max_row - 1 == rows.count() and len({row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}) == 1
    assert page.csp_violations == []


def test_a_resident_signs_up_is_verified_at_the_service_point_and_votes(english_page):
    page = english_page
    demo_load()
    ankang = Area.objects.get(code="340603003901")
    vote = Vote.objects.get(program__code="XS2024")

    page.goto("/")
    page.get_by_role("link", name="Sign up as a resident").click()
    page.get_by_label("Mobile number").fill("139 0000 7788")
    page.get_by_label("Your name as others see it").fill("刘阿姨")
    page.get_by_label("The community or village where you live").select_option(str(ankang.pk))
    page.get_by_label(re.compile(r"^Password( \*)?$")).fill(PASSWORD)
    page.get_by_label("The password again").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_test_id("my-signup")).to_contain_text("Show your identity card")
    log_out(page)

    log_in_en(page, "community", DEMO_PASSWORD)
    page.get_by_test_id("todo-residents").click()
    entry = page.get_by_test_id("resident-signups").locator(".list-group-item", has_text="刘阿姨")
    entry.get_by_label("How you verified the person").select_option("id_card")
    entry.get_by_role("button", name="Verify", exact=True).click()
    expect(page.get_by_text("Verified: 刘阿姨 is a resident of")).to_be_visible()
    log_out(page)
    log_in_en(page, "13900007788", PASSWORD)

    page.get_by_role("link", name="Resident votes").click()
    page.get_by_role("link", name=vote.title).click()
    page.get_by_test_id("ballot-options").get_by_role("checkbox").nth(0).check()
    page.get_by_role("button", name="Cast my ballot").click()
    expect(page.get_by_text("Your ballot is recorded.")).to_be_visible()
    assert Ballot.objects.filter(vote=vote, voter__username="13900007788").count() == 1
    assert page.csp_violations == []


def test_an_invited_expert_accepts_is_assigned_and_scores(english_page):
    """Issue 06 journey 4 to the end: a new pool expert is invited, accepts, is assigned by the officer's
    re-solve (their minimum load makes the solver use them) and submits a review."""
    from tests.browser.test_review import _wujin
    from yichuang.reviews.models import Assignment, Expert, Review

    page = english_page
    demo_load()
    wujin = Area.objects.get(code="320412")
    pooled = expert_create(actor=User.objects.get(username="officer"), name="孙教授", phone="13912341111", area=wujin,
                           min_load=2, max_load=4)
    log_in_en(page, "officer", DEMO_PASSWORD)
    page.goto(f"/review/experts/{pooled.pk}/")
    page.get_by_role("button", name="Invite to review").click()
    link = page.get_by_test_id("invitation-link").input_value()
    log_out(page)
    _open_account(page, link, "sun.prof")
    log_out(page)
    log_in_en(page, "officer", DEMO_PASSWORD)
    page.goto(f"/review/program/{_wujin().pk}/")
    # Onto the round's panel, in place of the demo expert, whose two reviews have not started yet
    # (started ones stay where they are).
    page.get_by_label("孙教授").check()
    page.get_by_label(str(Expert.objects.get(user__username="expert"))).uncheck()
    page.get_by_label("Fewest applications per expert").fill("0")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_test_id("assignment-table")).to_contain_text("孙教授")
    log_out(page)

    log_in_en(page, "sun.prof", PASSWORD)
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="My reviews").click()
    page.get_by_test_id("my-assignments").get_by_role("link").first.click()
    page.get_by_role("button", name="I have no conflict of interest: open the application").click()
    for label, points in [("Need analysis (0–20 points)", "16"), ("Project design (0–25 points)", "20"),
                          ("Team capacity (0–20 points)", "15"), ("Budget reasonableness (0–15 points)", "12"),
                          ("Expected outcomes (0–10 points)", "8"), ("Innovation (0–10 points)", "7")]:
        page.get_by_label(label).fill(points)
    page.get_by_role("button", name="Submit the review").click()

    expect(page.get_by_text("Your review is submitted")).to_be_visible()
    assert Assignment.objects.filter(expert=pooled).count() >= 2
    assert Review.objects.get(assignment__expert=pooled, state="submitted").total_centi == 7800
    assert page.csp_violations == []


def test_officer_invites_a_team_from_excel_after_fixing_a_bad_row(english_page, tmp_path):
    from openpyxl import Workbook

    from tests.browser.axe import axe_violations
    from yichuang.people.imports import TEMPLATE_HEADINGS
    from yichuang.people.models import Invitation

    page = english_page
    demo_load()
    community = Area.objects.filter(path__startswith=Area.objects.get(code="320412").path, level="community").first()

    def sheet(second_phone: str):
        book = Workbook()
        book.active.append(TEMPLATE_HEADINGS)
        book.active.append(["李社工", "13912345601", "Community worker", community.code])
        book.active.append(["张社工", second_phone, "社区工作者", community.code])
        path = tmp_path / f"team-{second_phone}.xlsx"
        book.save(path)
        return str(path)

    log_in_en(page, "officer", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="People").click()
    page.get_by_role("link", name="Invite from Excel").click()
    page.get_by_label("Excel file (.xlsx)").set_input_files(sheet("1391234"))
    page.get_by_role("button", name="Check and invite").click()
    expect(page.get_by_test_id("import-problems")).to_contain_text("Row 3")
    assert Invitation.objects.count() == 0
    assert axe_violations(page) == []
    page.get_by_label("Excel file (.xlsx)").set_input_files(sheet("13912345602"))
    page.get_by_role("button", name="Check and invite").click()

    expect(page.get_by_test_id("imported")).to_contain_text("张社工")
    assert list(Invitation.objects.order_by("pk").values_list("display_name", "role")) == [
        ("李社工", "community_worker"), ("张社工", "community_worker")]
    assert page.csp_violations == []
