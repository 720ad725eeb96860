"""Funding as people click through it (issue 04's journeys), on the Wujin demo: the decision,
approval into projects and the agreement, tranches released with four eyes, spending."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.browser.conftest import log_in_en, log_out
from tests.demo_world import demo_load
from yichuang.applications import notices
from yichuang.applications.engine import application_transition
from yichuang.applications.models import Application, PublicNotice
from yichuang.demo import timeline
from yichuang.demo.users import DEMO_PASSWORD
from yichuang.funding import services as funding
from yichuang.funding.models import Decision
from yichuang.kernel.money import Money
from yichuang.ledger import checks
from yichuang.ledger.models import Entry
from yichuang.programs.models import Program
from yichuang.projects import services as project_services
from yichuang.projects.models import Expenditure, Project, TrancheStatus
from yichuang.reviews import scores
from yichuang.reviews import services as review_services
from yichuang.reviews.models import Assignment

pytestmark = pytest.mark.django_db(transaction=True)
SHEET = {"need": "16", "design": "20", "capacity": "15", "budget": "12", "outcomes": "8", "innovation": "8"}


def _wujin():
    return Program.objects.get(code="WJ2026")


def _finish_reviews(program) -> None:
    """The demo expert still has two applications to score; score them as the expert would."""
    for assignment in Assignment.objects.filter(round__program=program, review__isnull=True).select_related("expert__user"):
        user = assignment.expert.user
        review_services.assignment_confirm(actor=user, assignment=assignment, independent=True)
        scores.review_save(actor=user, assignment=assignment, revision=1, scores=SHEET, bonus={}, comments={},
                           comment="", submit=True)


def _approve_all(program, officer, *, leave=None) -> None:
    """The funded applications, after a final notice whose period is over, approved (all but ``leave``)."""
    decided = list(Application.objects.filter(program=program, state__code="decided").order_by("number"))
    now = timezone.now()
    # Time passes: the demo's shortlist notice (still open today) has closed without objections.
    PublicNotice.objects.filter(program=program).update(opens_at=now - datetime.timedelta(days=20),
                                                        closes_at=now - datetime.timedelta(days=10))
    opens_at, closes_at = timeline.notice_period(program)
    notice = notices.notice_create(actor=officer, program=program, kind="final", title="拟资助项目公示",
                                   body="公示期内无异议。", opens_at=opens_at, closes_at=closes_at, applications=decided)
    notices.notice_publish(actor=officer, notice=notice)
    timeline.notice_ran(notice, now - datetime.timedelta(days=8), now - datetime.timedelta(days=1))
    for application in decided:
        if application != leave:
            application_transition(actor=officer, application=application, code="approve")


def _funded_demo():
    demo_load()
    program = _wujin()
    officer = program.applications.first().created_by.__class__.objects.get(username="officer")
    _finish_reviews(program)
    decision = funding.decision_compute(actor=officer, program=program, budget=program.total_budget.fen)
    funding.decision_apply(actor=officer, decision=decision)
    _approve_all(program, officer)
    return program, officer


def test_officer_computes_the_allocation_reads_the_reasons_and_applies_it(english_page):
    page = english_page
    demo_load()
    program = _wujin()
    _finish_reviews(program)
    log_in_en(page, "officer", DEMO_PASSWORD)
    page.goto(f"/funding/program/{program.pk}/")

    page.get_by_label("Budget (yuan)").fill("300000")
    page.get_by_role("button", name="Compute").click()
    expect(page.get_by_test_id("unfunded-table")).to_contain_text("left cannot cover its")
    page.get_by_label("Elderly care: at most this many projects").fill("1")
    page.get_by_role("button", name="Compute").click()
    expect(page.get_by_test_id("unfunded-table")).to_contain_text("already has its maximum of 1 projects")
    page.get_by_label("Elderly care: at most this many projects").fill("")
    page.get_by_label("Budget (yuan)").fill("450000")
    page.get_by_label("At least one funded project in every community that applied").check()
    first = Application.objects.get(program=program, number="WJ2026-001")
    page.get_by_text("Grants offered").click()
    page.get_by_label(f"WJ2026-001 {first.title}").fill("15000")
    page.get_by_role("button", name="Compute").click()
    expect(page.get_by_test_id("decision-summary")).to_contain_text("14 projects funded")
    expect(page.get_by_test_id("funded-table").get_by_role("row").filter(has_text="WJ2026-001")).to_contain_text("¥15,000.00")
    expect(page.get_by_test_id("decision-summary")).to_contain_text("proven by the solver")
    page.get_by_role("button", name="Apply this decision").click()

    expect(page.get_by_test_id("applied")).to_be_visible()
    latest = Decision.objects.filter(program=program).first()
    assert sum(amount for _pk, amount in latest.result["funded"]) <= program.total_budget.fen
    assert Application.objects.filter(program=program, state__code="decided").count() == 14
    assert page.csp_violations == []


def test_officer_approves_and_both_sides_confirm_the_agreement(english_page):
    page = english_page
    demo_load()
    program = _wujin()
    officer = program.created_by.__class__.objects.get(username="officer")
    _finish_reviews(program)
    funding.decision_apply(actor=officer, decision=funding.decision_compute(
        actor=officer, program=program, budget=program.total_budget.fen))
    yineng = Application.objects.get(program=program, organization__name="武进区益能社会工作服务中心")
    _approve_all(program, officer, leave=yineng)
    log_in_en(page, "officer", DEMO_PASSWORD)

    page.goto(f"/applications/{yineng.pk}/")
    page.get_by_role("button", name="Approve", exact=True).click()
    page.goto(f"/projects/program/{program.pk}/")
    expect(page.get_by_test_id("project-table").locator("tbody tr")).to_have_count(14)
    page.get_by_role("link", name=yineng.title).click()
    pdf = page.request.get(page.get_by_role("link", name="Open the agreement (PDF)").get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    page.get_by_role("button", name="Confirm the agreement").click()
    expect(page.get_by_text("Tick the box to confirm")).to_be_visible()
    page.get_by_label("I have read the agreement and confirm it for my side.").check()
    page.get_by_role("button", name="Confirm the agreement").click()
    expect(page.get_by_test_id("agreement-status")).to_contain_text("confirmed by")
    log_out(page)
    log_in_en(page, "org", DEMO_PASSWORD)
    page.goto("/projects/mine/")
    page.get_by_role("link", name=yineng.title).click()
    page.get_by_label("I have read the agreement and confirm it for my side.").check()
    page.get_by_role("button", name="Confirm the agreement").click()

    expect(page.get_by_text("Your confirmation of the agreement is recorded.")).to_be_visible()
    assert Project.objects.get(application=yineng).agreement.is_signed
    assert page.csp_violations == []


def _signed_yineng():
    program, officer = _funded_demo()
    project = Project.objects.get(program=program, organization__name="武进区益能社会工作服务中心")
    project_services.agreement_confirm(actor=officer, agreement=project.agreement)
    org = officer.__class__.objects.get(username="org")
    project_services.agreement_confirm(actor=org, agreement=project.agreement)
    return project


def test_one_officer_proposes_a_tranche_and_another_approves_the_payment(english_page):
    page = english_page
    project = _signed_yineng()
    log_in_en(page, "officer", DEMO_PASSWORD)
    page.goto(f"/projects/{project.pk}/")

    first = page.get_by_test_id("tranche-1")
    first.get_by_role("button", name="Propose release").click()
    expect(page.get_by_test_id("tranche-1")).to_contain_text("Waiting for another officer to approve.")
    third = page.get_by_test_id("tranche-3")
    third.get_by_text("More").click()
    third.get_by_placeholder("Reason").fill("中期评估：限期整改")
    third.get_by_role("button", name="Hold").click()
    expect(page.get_by_test_id("tranche-3")).to_contain_text("Held")
    log_out(page)
    log_in_en(page, "officer.review", DEMO_PASSWORD)
    page.goto(f"/projects/{project.pk}/")
    page.get_by_test_id("tranche-1").get_by_role("button", name="Approve and pay").click()

    expect(page.get_by_text("Approved: the payment is recorded in the ledger.")).to_be_visible()
    expect(page.get_by_test_id("tranche-1")).to_contain_text("Paid")
    expect(page.get_by_test_id("ledger-table")).to_contain_text("Payment")
    expect(page.get_by_test_id("ledger-table")).to_contain_text("¥10,000.00")
    tranche = project.tranches.get(position=0)
    assert tranche.status == TrancheStatus.PAID and tranche.payment.kind == "payment"
    assert Entry.objects.filter(kind="payment", reference__startswith="tranche:",
                                postings__account__application=project.application).distinct().count() == 1
    assert project.tranches.get(position=2).status == TrancheStatus.HELD
    assert checks.problems() == []
    call_command("check-ledger")  # exits non-zero (SystemExit) when anything is broken
    assert page.csp_violations == []


def test_organization_records_spending_with_a_voucher_and_asks_to_move_money(english_page, tmp_path):
    page = english_page
    project = _signed_yineng()
    line = project.budget_lines.last()  # 专业社工服务, ¥2,000
    voucher = tmp_path / "invoice.pdf"
    voucher.write_bytes(b"%PDF-1.4\n% sample voucher\n")
    log_in_en(page, "org", DEMO_PASSWORD)
    page.goto(f"/projects/{project.pk}/")

    form = page.get_by_test_id("expenditure-form")
    form.get_by_label("Budget line").select_option(str(line.pk))
    form.get_by_label("Amount (yuan)").fill("2500")
    form.get_by_label("What was bought or paid").fill("社工服务费（第一季度）")
    form.get_by_label("Voucher (PDF, JPG or PNG)").set_input_files(str(voucher))
    form.get_by_role("button", name="Record").click()
    expect(page.get_by_text("more than the whole budget")).to_be_visible()
    form = page.get_by_test_id("expenditure-form")
    assert form.get_by_label("What was bought or paid").input_value() == "社工服务费（第一季度）"
    for amount in ("1900", "200"):  # the second goes ¥100 over the line, within the 10 % tolerance
        form = page.get_by_test_id("expenditure-form")
        form.get_by_label("Budget line").select_option(str(line.pk))
        form.get_by_label("Amount (yuan)").fill(amount)
        form.get_by_label("What was bought or paid").fill("社工服务费（第一季度）")
        form.get_by_label("Voucher (PDF, JPG or PNG)").set_input_files(str(voucher))
        form.get_by_role("button", name="Record").click()
        expect(page.get_by_text("The expenditure and its voucher are recorded.")).to_be_visible()
    expect(page.get_by_test_id("budget-table")).to_contain_text("Over by ¥100.00")
    adjust = page.get_by_test_id("adjustment-form")
    adjust.get_by_label("Move from the line").select_option(str(project.budget_lines.first().pk))
    adjust.get_by_label("to the line").select_option(str(line.pk))
    adjust.get_by_label("Amount (yuan)").fill("3000")
    adjust.get_by_label("Why").fill("增加一名督导")
    adjust.get_by_role("button", name="Ask").click()
    expect(page.get_by_text("Sent: an officer must approve this move.")).to_be_visible()
    log_out(page)
    log_in_en(page, "officer", DEMO_PASSWORD)
    page.goto(f"/projects/{project.pk}/")
    page.get_by_test_id("adjustments").get_by_role("button", name="Approve").click()

    expect(page.get_by_text("Your decision on the adjustment is recorded.")).to_be_visible()
    expect(page.get_by_test_id("budget-table")).not_to_contain_text("Over by")
    assert sorted(e.amount.fen for e in Expenditure.objects.filter(project=project)) == [20_000, 190_000]
    assert page.csp_violations == []


def test_organization_proposes_an_amendment_the_officer_confirms_and_a_second_officer_approves(english_page):
    page = english_page
    project = _signed_yineng()
    first, second = project.tranches.order_by("position")[:2]
    moved_first, moved_second = Money(first.amount.fen - 100_000), Money(second.amount.fen + 100_000)
    log_in_en(page, "org", DEMO_PASSWORD)
    page.goto(f"/projects/{project.pk}/")

    form = page.get_by_test_id("amendment-form")
    form.get_by_label("Tranche 1: amount (yuan)").fill(moved_first.yuan_str())
    form.get_by_label("Tranche 2: amount (yuan)").fill(moved_second.yuan_str())
    form.get_by_label("Why the plan changes").fill("首期活动规模缩小，中期集中开展")
    form.get_by_role("button", name="Propose the amendment").click()
    expect(page.get_by_test_id("amendments")).to_contain_text("Waiting for the other side's confirmation")
    log_out(page)
    log_in_en(page, "officer", DEMO_PASSWORD)
    page.goto(f"/projects/{project.pk}/")
    page.get_by_test_id("amendments").get_by_role("button", name="Confirm for my side").click()
    expect(page.get_by_test_id("amendments")).to_contain_text("waiting for a second officer's approval")
    expect(page.get_by_role("button", name="Approve the amendment")).to_have_count(0)  # not by the confirming officer
    log_out(page)
    log_in_en(page, "officer.review", DEMO_PASSWORD)
    page.goto(f"/projects/{project.pk}/")
    page.get_by_role("button", name="Approve the amendment").click()

    expect(page.get_by_text("Approved: the amended tranche plan is in force.")).to_be_visible()
    expect(page.get_by_test_id("tranche-1")).to_contain_text(moved_first.format())
    expect(page.get_by_test_id("tranche-2")).to_contain_text(moved_second.format())
    assert [t.amount.fen for t in project.tranches.order_by("position")[:2]] == [moved_first.fen, moved_second.fen]
    assert page.csp_violations == []


def _totp_now(secret_text: str) -> str:
    import base64
    import time

    from django_otp.oath import TOTP

    totp = TOTP(base64.b32decode(secret_text.replace(" ", "")))
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_a_new_money_approver_must_set_up_two_step_sign_in_and_then_uses_it(english_page, settings):
    """Issue 06: two-factor for a money approver. The operator invites a second Wujin officer; before any
    page the officer sets up an authenticator app, then approves a payment; next time a recovery code lets
    them in."""
    from tests.browser.test_people import _invite, _open_account

    settings.TWO_FACTOR_ROLES = frozenset({"operator", "program_officer"})
    page = english_page
    project = _signed_yineng()
    from yichuang.accounts.models import User
    from yichuang.projects.tranches import tranche_propose

    tranche_propose(actor=User.objects.get(username="officer"), tranche=project.tranches.get(position=0))
    log_in_en(page, "admin", DEMO_PASSWORD)  # the demo's sample accounts are exempt (their passwords are public)
    link = _invite(page, "钱科长", "qian@example.org", "program_officer", "Area", project.program.area_id)
    log_out(page)

    _open_account(page, link, "qian.officer")
    expect(page.get_by_role("heading", name="Turn on two-step sign-in")).to_be_visible()
    page.goto(f"/projects/{project.pk}/")  # nothing else opens before the second step
    expect(page.get_by_role("heading", name="Turn on two-step sign-in")).to_be_visible()
    page.get_by_label("Code").fill(_totp_now(page.get_by_test_id("totp-secret").inner_text()))
    page.get_by_role("button", name="Confirm and turn on").click()
    codes = page.get_by_test_id("recovery-codes").locator("li").all_inner_texts()
    assert axe_violations(page) == []  # a page reached only through the set-up, so not by the crawl
    page.get_by_role("link", name="I have kept them; continue").click()
    page.get_by_test_id("tranche-1").get_by_role("button", name="Approve and pay").click()
    expect(page.get_by_text("Approved: the payment is recorded in the ledger.")).to_be_visible()
    log_out(page)

    log_in_en(page, "qian.officer", "长城-Great-Wall-2026")
    expect(page.get_by_role("heading", name="Second step")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_test_id("current-user")).to_have_text("钱科长")
    expect(page.get_by_role("heading", name="Second step")).to_have_count(0)
    assert len(codes) == 10
    assert project.tranches.get(position=0).status == TrancheStatus.PAID
    assert page.csp_violations == []
