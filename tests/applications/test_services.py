from __future__ import annotations

import datetime

import opencc
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.applications.documents import submission_problems
from yichuang.applications.engine import TransitionRefused, application_transition
from yichuang.applications.models import Application, Attachment, InfoRequest, NearDuplicate, TransitionLog
from yichuang.applications.services import application_autosave, application_start, attachment_add
from yichuang.core.errors import StaleEditError
from yichuang.kernel import screening as kernel_screening
from yichuang.kernel.applications import diff_documents
from yichuang.places.services import credit_flag_add

pytestmark = pytest.mark.django_db


def _in_traditional(value):
    converter = opencc.OpenCC("s2t")
    if isinstance(value, str):
        return converter.convert(value)
    if isinstance(value, list):
        return [_in_traditional(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k == "domain" else _in_traditional(v) for k, v in value.items()}
    return value


def _more_info(program=None):
    """A submitted application returned by the officer with a request for information."""
    program = program or factories.program()
    application = factories.submitted_application(program, factories.organization(program.area))
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)
    application_transition(actor=officer, application=application, code="start_screening")
    application_transition(actor=officer, application=application, code="request_info", reason="请补充团队资质证明。")
    return Application.objects.get(pk=application.pk)


# --- starting and saving ------------------------------------------------------------------------


def test_application_start_after_deadline_is_refused_naming_the_deadline():
    now = timezone.now()
    program = factories.program(
        applications_open_at=now - datetime.timedelta(days=30), applications_close_at=now - datetime.timedelta(hours=1)
    )
    organization = factories.organization(program.area)

    with pytest.raises(ValidationError) as error:
        application_start(actor=factories.applicant(organization), program=program, organization=organization)

    deadline = timezone.localtime(program.applications_close_at).strftime("%Y-%m-%d %H:%M")
    assert deadline in error.value.messages[0]
    assert not Application.objects.filter(program=program).exists()


def test_application_start_second_for_same_organization_is_refused():
    program = factories.program()
    organization = factories.organization(program.area)
    factories.draft_application(program, organization)

    with pytest.raises(ValidationError):
        application_start(actor=factories.applicant(organization), program=program, organization=organization)

    assert Application.objects.filter(program=program, organization=organization).count() == 1


def test_application_autosave_with_stale_revision_is_refused_and_changes_nothing():
    program = factories.program()
    application = factories.draft_application(program, factories.organization(program.area))
    member = factories.applicant(application.organization)

    with pytest.raises(StaleEditError):
        application_autosave(
            actor=member, application=application, raw=factories.application_document(title="别人改的标题"),
            revision=application.draft_revision - 1,
        )

    saved = Application.objects.get(pk=application.pk)
    assert (saved.draft["title"], saved.draft_revision) == ("长者助餐与邻里探访", application.draft_revision)


def test_application_autosave_keeps_unreadable_amount_as_typed_and_reports_it():
    program = factories.program()
    application = factories.draft_application(program, factories.organization(program.area))
    document = factories.application_document()
    document["budget"][0]["grant"] = "三千"

    saved, problems = application_autosave(
        actor=factories.applicant(application.organization), application=application, raw=document,
        revision=application.draft_revision,
    )

    row = Application.objects.get(pk=saved.pk).draft["budget"][0]
    assert (row["grant"], row["grant_fen"]) == ("三千", None)
    assert [(p.path, p.code) for p in problems] == [("budget.0.grant_fen", "not_money")]


# --- submitting ---------------------------------------------------------------------------------


def test_submit_of_incomplete_draft_is_refused_and_makes_no_version():
    program = factories.program()
    application = factories.draft_application(
        program, factories.organization(program.area), factories.application_document(title="", team=[])
    )

    with pytest.raises(TransitionRefused) as error:
        application_transition(actor=factories.applicant(application.organization), application=application, code="submit")

    assert error.value.failures == ("document_complete",)
    saved = Application.objects.get(pk=application.pk)
    assert (saved.state.code, saved.versions.count(), saved.submitted_at) == ("draft", 0, None)


def test_application_autosave_after_submit_is_refused_and_version_one_keeps_the_document():
    program = factories.program()
    application = factories.submitted_application(program, factories.organization(program.area))
    member = factories.applicant(application.organization)

    with pytest.raises(ValidationError) as error:
        application_autosave(
            actor=member, application=application, raw=factories.application_document(title="提交后偷偷修改"),
            revision=application.draft_revision,
        )

    assert not isinstance(error.value, StaleEditError)
    version = application.versions.get()
    assert (version.number, version.document["title"], version.submitted_by) == (1, "长者助餐与邻里探访", member)
    assert application.latest_version == version and application.submitted_at is not None
    assert Application.objects.get(pk=application.pk).draft["title"] == "长者助餐与邻里探访"


@pytest.mark.parametrize(
    ("budget", "problem"),
    [
        ([{"category": "activities", "item": "活动", "grant": "20000", "own": "5000", "matched": "0"}], "co_funding_ratio"),
        ([{"category": "activities", "item": "活动", "grant": "35000", "own": "40000", "matched": "0"}], "over_max_grant"),
    ],
    ids=["grant-over-60-percent", "grant-over-maximum"],
)
def test_submit_breaking_grant_rule_is_refused(budget, problem):
    program = factories.program()
    application = factories.draft_application(
        program, factories.organization(program.area), factories.application_document(budget=budget)
    )

    with pytest.raises(TransitionRefused) as error:
        application_transition(actor=factories.applicant(application.organization), application=application, code="submit")

    assert error.value.failures == ("document_complete",)
    assert [p.code for p in submission_problems(application)] == [problem]
    assert not application.versions.exists()


def test_submit_twice_leaves_one_version_and_one_submit_log():
    program = factories.program()
    application = factories.submitted_application(program, factories.organization(program.area))

    with pytest.raises(ValidationError):
        application_transition(actor=factories.applicant(application.organization), application=application, code="submit")

    assert application.versions.count() == 1
    assert TransitionLog.objects.filter(application=application, transition="submit").count() == 1


# --- the information loop -----------------------------------------------------------------------


def test_request_info_opens_request_and_lets_applicant_edit_again():
    application = _more_info()
    member = factories.applicant(application.organization)

    saved, _problems = application_autosave(
        actor=member, application=application, raw=factories.application_document(goals="补充后的目标"),
        revision=application.draft_revision,
    )

    request = InfoRequest.objects.get(application=application)
    assert (request.message, request.answered_at) == ("请补充团队资质证明。", None)
    assert application.state.code == "more_info" and application.state.applicant_editable
    assert saved.draft["goals"] == "补充后的目标"


def test_resubmit_with_answer_makes_version_two_and_answers_the_request():
    application = _more_info()
    member = factories.applicant(application.organization)
    application, _problems = application_autosave(
        actor=member, application=application, raw=factories.application_document(goals="补充后的目标：新增心理慰藉。"),
        revision=application.draft_revision,
    )

    application_transition(actor=member, application=application, code="resubmit", answer="已补充资质证明。")

    first, second = application.versions.order_by("number")
    request = InfoRequest.objects.get(application=application)
    assert (second.number, Application.objects.get(pk=application.pk).state.code) == (2, "screening")
    assert (request.answer, request.answered_at is not None) == ("已补充资质证明。", True)
    assert [change.path for change in diff_documents(first.document, second.document)] == ["goals"]


# --- screening and near-duplicates --------------------------------------------------------------


def test_screening_results_are_stored_for_the_latest_version():
    application = _more_info()
    member = factories.applicant(application.organization)

    application_transition(actor=member, application=application, code="resubmit", answer="已补充。")

    latest = application.versions.order_by("-number").first()
    assert latest.number == 2
    assert [check.code for check in latest.checks.all()] == list(kernel_screening.CHECK_CODES)
    assert Application.objects.get(pk=application.pk).latest_version == latest


def test_screening_of_credit_flagged_organization_fails_the_credit_check():
    program = factories.program()
    organization = factories.organization(program.area)
    credit_flag_add(
        actor=factories.operator(), organization=organization, kind="abnormal_operation",
        listed_on=timezone.localdate() - datetime.timedelta(days=30), authority="测试区民政局",
    )

    application = factories.submitted_application(program, organization)

    outcomes = dict(application.latest_version.checks.values_list("code", "outcome"))
    assert outcomes["credit"] == "fail"
    assert application.failed_checks == 1


def test_near_duplicate_in_traditional_chinese_points_at_the_first_submission():
    program = factories.program()
    first = factories.submitted_application(program, factories.organization(program.area))
    traditional = _in_traditional(factories.application_document())

    copy = factories.submitted_application(program, factories.organization(program.area), traditional)

    assert copy.latest_version.document["need_evidence"] != first.latest_version.document["need_evidence"]
    duplicate = NearDuplicate.objects.get(version=copy.latest_version)
    assert duplicate.other == first.latest_version
    assert duplicate.similarity_bp >= 9000
    assert copy.duplicate_count == 1


def test_near_duplicate_is_not_reported_for_an_unrelated_text():
    program = factories.program()
    factories.submitted_application(program, factories.organization(program.area))
    unrelated = factories.application_document(
        title="青少年课后书房", summary="在社区图书室开设课后书房，提供阅读陪伴。", domain="community",
        beneficiary_group="双职工家庭的小学生",
        need_evidence="新城社区双职工家庭多，孩子放学后无人看护，常在街边游荡，家长希望有安全的学习场所和阅读指导。",
        goals="每周开放五天，招募大学生志愿者辅导作业，组织亲子阅读会。",
        activities=[{"name": "课后阅读陪伴", "start": "2025-03-01", "end": "2025-12-31", "sessions": "80",
                     "participants": "25", "description": "志愿者带领孩子共读绘本。"}],
    )

    other = factories.submitted_application(program, factories.organization(program.area), unrelated)

    assert not NearDuplicate.objects.filter(version=other.latest_version).exists()
    assert other.duplicate_count == 0


# --- attachments --------------------------------------------------------------------------------


def test_attachment_add_of_disallowed_type_is_refused_naming_allowed_types(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    program = factories.program()
    application = factories.draft_application(program, factories.organization(program.area))

    with pytest.raises(ValidationError) as error:
        attachment_add(
            actor=factories.applicant(application.organization), application=application,
            upload=SimpleUploadedFile("预算.exe", b"MZ\x90\x00"),
        )

    assert "exe" in error.value.messages[0] and "pdf" in error.value.messages[0]
    assert not Attachment.objects.exists()
    assert list(tmp_path.iterdir()) == []


def test_attachment_add_over_size_limit_is_refused_naming_the_limit(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    program = factories.program(attachment_max_mb=2)
    application = factories.draft_application(program, factories.organization(program.area))

    with pytest.raises(ValidationError) as error:
        attachment_add(
            actor=factories.applicant(application.organization), application=application,
            upload=SimpleUploadedFile("计划书.pdf", b"%PDF-" + b"0" * (2 * 1024 * 1024)),
        )

    assert "2 MB" in error.value.messages[0]
    assert not Attachment.objects.exists()
    assert list(tmp_path.iterdir()) == []


def test_attachment_add_of_allowed_file_is_stored(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    program = factories.program()
    application = factories.draft_application(program, factories.organization(program.area))

    attachment = attachment_add(
        actor=factories.applicant(application.organization), application=application,
        upload=SimpleUploadedFile("计划书.pdf", b"%PDF-1.4 test"), description="项目计划书",
    )

    assert (attachment.original_name, attachment.size) == ("计划书.pdf", 13)
    with attachment.file.open("rb") as stored:
        assert stored.read() == b"%PDF-1.4 test"
