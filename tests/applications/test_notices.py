from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.applications.engine import application_transition
from yichuang.applications.models import Application, NoticeKind, Objection, PublicNotice
from yichuang.applications.notices import (
    notice_create,
    notice_finalize,
    notice_publish,
    objection_answer,
    objection_close,
    objection_file,
)
from yichuang.demo import timeline

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _decided(program, officer) -> Application:
    """A submitted application taken through screening and review to a funding decision."""
    application = factories.submitted_application(program, factories.organization(program.area))
    for code in ("start_screening", "pass_screening", "start_review", "decide"):
        application = application_transition(actor=officer, application=application, code=code)
    return Application.objects.get(pk=application.pk)


def _notice(kind: str = NoticeKind.SHORTLIST, *, publish: bool = True, count: int = 1):
    """A notice open from yesterday for six more days, listing ``count`` decided applications."""
    program = factories.program()
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)
    applications = [_decided(program, officer) for _ in range(count)]
    opens_at, closes_at = timeline.notice_period(program)
    notice = notice_create(
        actor=officer, program=program, kind=kind, title="入围项目公示", body="公示期内可提出异议。",
        opens_at=opens_at, closes_at=closes_at, applications=applications,
    )
    if publish:
        notice = notice_publish(actor=officer, notice=notice)
    return notice, officer


def _close(notice: PublicNotice) -> None:
    """Let the notice period end (the ORM, not a service: time passing is not an action)."""
    PublicNotice.objects.filter(pk=notice.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))


def _object(notice: PublicNotice) -> Objection:
    return objection_file(notice=notice, item=notice.items.first(), name="李先生", contact="13912345678", text="该组织去年的项目没有完成。")


# --- creating ------------------------------------------------------------------------------------


def test_notice_create_without_applications_is_refused():
    program = factories.program()
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)
    opens_at, closes_at = timeline.notice_period(program)  # long enough on any day of the week, at any hour

    with pytest.raises(ValidationError) as error:
        notice_create(
            actor=officer, program=program, kind=NoticeKind.SHORTLIST, title="空公示", body="",
            opens_at=opens_at, closes_at=closes_at, applications=[],
        )

    assert list(error.value.message_dict) == ["applications"]
    assert not PublicNotice.objects.exists()


def test_notice_create_with_period_ending_before_it_starts_is_refused():
    program = factories.program()
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)
    application = factories.submitted_application(program, factories.organization(program.area))
    now = timezone.now()

    with pytest.raises(ValidationError) as error:
        notice_create(
            actor=officer, program=program, kind=NoticeKind.SHORTLIST, title="倒置公示", body="",
            opens_at=now + 7 * DAY, closes_at=now, applications=[application],
        )

    assert list(error.value.message_dict) == ["closes_at"]
    assert not PublicNotice.objects.exists()


# --- objections ---------------------------------------------------------------------------------


def test_objection_file_on_open_notice_is_stored():
    notice, _officer = _notice()

    objection = _object(notice)

    assert (objection.notice, objection.item, objection.answered_at) == (notice, notice.items.first(), None)


def test_objection_file_before_publication_is_refused():
    notice, _officer = _notice(publish=False)

    with pytest.raises(ValidationError):
        _object(notice)

    assert not Objection.objects.exists()


def test_objection_file_after_the_period_is_refused():
    notice, _officer = _notice()
    _close(notice)

    with pytest.raises(ValidationError):
        _object(PublicNotice.objects.get(pk=notice.pk))

    assert not Objection.objects.exists()


# --- making final -------------------------------------------------------------------------------


def test_notice_finalize_before_the_period_ends_is_refused_naming_the_end():
    notice, officer = _notice()

    with pytest.raises(ValidationError) as error:
        notice_finalize(actor=officer, notice=notice)

    assert timezone.localtime(notice.closes_at).strftime("%Y-%m-%d %H:%M") in error.value.messages[0]
    assert PublicNotice.objects.get(pk=notice.pk).finalized_at is None


def test_notice_finalize_with_unanswered_objection_is_refused():
    notice, officer = _notice()
    _object(notice)
    _close(notice)

    with pytest.raises(ValidationError):
        notice_finalize(actor=officer, notice=notice)

    assert PublicNotice.objects.get(pk=notice.pk).finalized_at is None


def test_notice_finalize_after_the_period_with_objection_answered_is_final():
    notice, officer = _notice()
    objection_answer(actor=officer, objection=_object(notice), answer="经核实，该项目已按期结项。")
    _close(notice)

    finalized = notice_finalize(actor=officer, notice=notice)

    assert finalized.finalized_at is not None
    assert Objection.objects.get().answered_by == officer


def test_final_notice_publish_moves_decided_applications_into_notice():
    notice, officer = _notice(NoticeKind.FINAL, publish=False, count=2)

    notice_publish(actor=officer, notice=notice)

    states = [item.application.state.code for item in notice.items.select_related("application__state")]
    assert states == ["public_notice", "public_notice"]


def test_final_notice_finalize_approves_its_applications():
    notice, officer = _notice(NoticeKind.FINAL, count=2)
    _close(notice)

    notice_finalize(actor=officer, notice=notice)

    states = [item.application.state.code for item in notice.items.select_related("application__state")]
    assert states == ["approved", "approved"]


# --- the public page ----------------------------------------------------------------------------


def test_public_notice_page_is_open_to_anyone_and_lists_the_projects(client):
    notice, _officer = _notice(count=2)

    response = client.get(reverse("applications:public-notice", args=[notice.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert all(item.application.organization.name in body for item in notice.items.select_related("application__organization"))
    assert response.context["is_open"]


def _post_objection(client, notice: PublicNotice, **fields):
    """As a person does: open the page (which sets the sum to check), then send the form with the sum."""
    client.get(reverse("applications:public-notice", args=[notice.pk]))
    data = {"item": notice.items.first().pk, "name": "张女士", "contact": "13800001111", "text": "预算明显偏高。",
            "website": "", "human_check": str(sum(client.session["objection_check"]))}
    return client.post(reverse("applications:public-notice", args=[notice.pk]), {**data, **fields})


def test_public_notice_objection_post_by_anyone_is_stored(client):
    notice, _officer = _notice()

    response = _post_objection(client, notice)

    assert response.status_code == 302
    objection = Objection.objects.get()
    assert (objection.item, objection.name, objection.contact, objection.text) == (
        notice.items.first(), "张女士", "13800001111", "预算明显偏高。"
    )


def test_notice_manage_lists_objection_filed_on_the_public_page(client):
    notice, officer = _notice()
    _post_objection(client, notice)
    client.force_login(officer)

    response = client.get(reverse("applications:notice-manage", args=[notice.pk]))

    body = response.content.decode()
    assert [o.text for o in response.context["objections"]] == ["预算明显偏高。"]
    assert "预算明显偏高。" in body and "138****1111" in body  # the contact masked, shown in full on request
    assert "13800001111" not in body


def test_public_notice_page_shows_answered_objection_without_the_contact(client):
    notice, officer = _notice()
    _post_objection(client, notice)
    objection_answer(actor=officer, objection=Objection.objects.get(), answer="预算已由专家复核。")

    response = client.get(reverse("applications:public-notice", args=[notice.pk]))

    body = response.content.decode()
    assert "预算明显偏高。" in body and "预算已由专家复核。" in body
    assert "13800001111" not in body


def test_public_notice_objection_from_bot_filling_hidden_field_stores_nothing(client):
    notice, _officer = _notice()

    response = _post_objection(client, notice, name="bot", contact="bot@example.com", website="http://spam.example")

    assert response.status_code == 302
    assert not Objection.objects.exists()


def test_final_notice_finalize_after_one_project_was_declined_on_objection_approves_the_others():
    notice, officer = _notice(NoticeKind.FINAL, count=2)
    kept, dropped = [item.application for item in notice.items.select_related("application")]
    objection = objection_file(notice=notice, item=notice.items.get(application=dropped), name="王先生",
                               contact="13900000000", text="该项目与去年已资助项目重复。")
    objection_answer(actor=officer, objection=objection, answer="异议成立，该项目不予立项。")
    application_transition(actor=officer, application=dropped, code="decline", reason="公示期异议成立")
    _close(notice)

    notice_finalize(actor=officer, notice=notice)

    assert PublicNotice.objects.get(pk=notice.pk).finalized_at is not None
    assert Application.objects.get(pk=kept.pk).state.code == "approved"
    assert Application.objects.get(pk=dropped.pk).state.code == "declined"


def test_public_notice_objection_with_a_wrong_sum_is_refused_and_keeps_the_text(client):
    notice, _officer = _notice()

    response = _post_objection(client, notice, human_check="999")

    assert response.status_code == 200
    assert "human_check" in response.context["form"].errors
    assert "预算明显偏高。" in response.content.decode()
    assert not Objection.objects.exists()


def test_public_notice_objections_from_one_address_are_limited_per_hour(client, settings):
    settings.OBJECTIONS_PER_ADDRESS_PER_HOUR = 2
    notice, _officer = _notice()

    responses = [_post_objection(client, notice, text=f"异议{n}") for n in range(3)]

    assert [r.status_code for r in responses] == [302, 302, 200]
    assert Objection.objects.count() == 2


def test_objection_closed_as_abusive_unblocks_the_decision_and_leaves_the_public_page():
    notice, officer = _notice()
    abusive = _object(notice)

    with pytest.raises(ValidationError):
        objection_close(actor=officer, objection=abusive, reason=" ")
    objection_close(actor=officer, objection=abusive, reason="广告内容，与公示无关")
    _close(notice)
    notice_finalize(actor=officer, notice=notice)

    assert PublicNotice.objects.get(pk=notice.pk).finalized_at is not None
    assert Objection.objects.get(pk=abusive.pk).close_reason == "广告内容，与公示无关"


def test_notice_form_lists_only_applications_past_screening_and_not_turned_down(client):
    program = factories.program()
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)
    waiting = factories.submitted_application(program, factories.organization(program.area))
    decided = _decided(program, officer)
    declined = factories.submitted_application(program, factories.organization(program.area))
    for code in ("start_screening", "pass_screening", "start_review"):
        declined = application_transition(actor=officer, application=declined, code=code)
    application_transition(actor=officer, application=declined, code="decline", reason="排名靠后")
    client.force_login(officer)

    page = client.get(reverse("applications:notice-create", args=[program.pk])).content.decode()

    assert decided.number in page
    assert waiting.number not in page and declined.number not in page


def test_states_after_approval_of_the_default_workflow_follow_the_outcomes():
    from yichuang.programs.models import WorkflowState
    from yichuang.programs.queries import states_after_approval

    program = factories.program()

    codes = set(WorkflowState.objects.filter(pk__in=states_after_approval(program)).values_list("code", flat=True))

    assert codes == {"eligible", "in_review", "roadshow", "in_vote", "decided", "public_notice", "approved"}
