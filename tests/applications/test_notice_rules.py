"""公示 rules: never backdated, never shorter than the program's minimum, the right applications
only, drafts editable, published notices withdrawn only with a reason, blockers named."""

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
    notice_delete,
    notice_finalize,
    notice_publish,
    notice_update,
    notice_withdraw,
    objection_file,
)
from yichuang.core.audit import AuditEvent
from yichuang.core.calendar import earliest_end
from yichuang.core.timefmt import local_minute
from yichuang.demo import timeline

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _world(count=1, *, state="decided"):
    program = factories.program()
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)
    steps = {"submitted": [], "eligible": ["start_screening", "pass_screening"],
             "decided": ["start_screening", "pass_screening", "start_review", "decide"]}[state]
    applications = []
    for _ in range(count):
        application = factories.submitted_application(program, factories.organization(program.area))
        for code in steps:
            application = application_transition(actor=officer, application=application, code=code)
        applications.append(Application.objects.get(pk=application.pk))
    return program, officer, applications


def _create(program, officer, applications, kind=NoticeKind.SHORTLIST, **period):
    opens_at, closes_at = timeline.notice_period(program)
    return notice_create(actor=officer, program=program, kind=kind, title="公示", body="",
                         applications=applications, **{"opens_at": opens_at, "closes_at": closes_at, **period})


def test_notice_create_starting_in_the_past_is_refused():
    program, officer, applications = _world()
    now = timezone.now()

    with pytest.raises(ValidationError) as refused:
        _create(program, officer, applications, opens_at=now - DAY, closes_at=now + 20 * DAY)

    assert list(refused.value.message_dict) == ["opens_at"]
    assert not PublicNotice.objects.exists()


def test_notice_create_shorter_than_the_program_minimum_is_refused_naming_the_earliest_end():
    program, officer, applications = _world()
    opens_at = timezone.now() + DAY
    minimum = earliest_end(opens_at, program.notice_min_working_days)

    with pytest.raises(ValidationError) as refused:
        _create(program, officer, applications, opens_at=opens_at, closes_at=minimum - datetime.timedelta(minutes=1))

    assert timezone.localtime(minimum).strftime("%Y-%m-%d %H:%M") in refused.value.message_dict["closes_at"][0]
    assert not PublicNotice.objects.exists()


def test_notice_create_at_exactly_the_minimum_is_accepted():
    program, officer, applications = _world()
    opens_at = timezone.now() + DAY

    notice = _create(program, officer, applications, opens_at=opens_at,
                     closes_at=earliest_end(opens_at, program.notice_min_working_days))

    assert notice.items.count() == 1


def test_notice_minimum_is_a_program_setting():
    program, officer, applications = _world()
    program.__class__.objects.filter(pk=program.pk).update(notice_min_working_days=10)
    program.refresh_from_db()
    opens_at = timezone.now() + DAY

    with pytest.raises(ValidationError):
        _create(program, officer, applications, opens_at=opens_at, closes_at=earliest_end(opens_at, 9))


def test_final_notice_with_an_application_not_decided_is_refused_naming_it():
    program, officer, applications = _world(state="eligible")

    with pytest.raises(ValidationError) as refused:
        _create(program, officer, applications, kind=NoticeKind.FINAL)

    assert applications[0].number in refused.value.message_dict["applications"][0]
    assert not PublicNotice.objects.exists()


def test_shortlist_notice_with_a_submitted_application_is_refused_naming_it():
    program, officer, applications = _world(state="submitted")

    with pytest.raises(ValidationError) as refused:
        _create(program, officer, applications)

    assert applications[0].number in refused.value.message_dict["applications"][0]


def test_notice_create_with_an_application_in_another_live_notice_names_that_notice():
    program, officer, applications = _world()
    first = _create(program, officer, applications)

    with pytest.raises(ValidationError) as refused:
        _create(program, officer, applications)

    message = refused.value.message_dict["applications"][0]
    assert applications[0].number in message and first.title in message
    assert PublicNotice.objects.count() == 1


def test_notice_update_of_a_draft_changes_its_period_and_applications():
    program, officer, applications = _world(count=2)
    notice = _create(program, officer, applications[:1])
    opens_at = timezone.now() + 2 * DAY
    closes_at = earliest_end(opens_at, 5) + DAY

    notice_update(actor=officer, notice=notice, title="修改后的公示", body="", opens_at=opens_at, closes_at=closes_at,
                  applications=applications)

    notice.refresh_from_db()
    assert (notice.title, notice.opens_at, notice.closes_at) == ("修改后的公示", opens_at, closes_at)
    assert [item.application_id for item in notice.items.all()] == [a.pk for a in applications]


def test_notice_update_of_a_published_notice_is_refused():
    program, officer, applications = _world()
    notice = notice_publish(actor=officer, notice=_create(program, officer, applications))
    closes_at = notice.closes_at

    with pytest.raises(ValidationError):
        notice_update(actor=officer, notice=notice, title="缩短", body="", opens_at=notice.opens_at,
                      closes_at=notice.closes_at - DAY, applications=applications)

    notice.refresh_from_db()
    assert notice.closes_at == closes_at


def test_notice_delete_of_a_draft_removes_it_and_is_audited():
    program, officer, applications = _world()
    notice = _create(program, officer, applications)

    notice_delete(actor=officer, notice=notice)

    assert not PublicNotice.objects.exists()
    assert AuditEvent.objects.filter(action="applications.notice.deleted").exists()


def test_notice_delete_of_a_published_notice_is_refused():
    program, officer, applications = _world()
    notice = notice_publish(actor=officer, notice=_create(program, officer, applications))

    with pytest.raises(ValidationError):
        notice_delete(actor=officer, notice=notice)

    assert PublicNotice.objects.filter(pk=notice.pk).exists()


def test_notice_publish_of_a_draft_planned_to_start_earlier_starts_now_and_keeps_the_minimum():
    program, officer, applications = _world()
    notice = _create(program, officer, applications, opens_at=timezone.now() + datetime.timedelta(minutes=5),
                     closes_at=earliest_end(timezone.now() + DAY * 30, 5))
    timeline.notice_ran(notice, timezone.now() - 3 * DAY, notice.closes_at)  # the draft waited three days

    published = notice_publish(actor=officer, notice=PublicNotice.objects.get(pk=notice.pk))

    assert published.opens_at >= published.published_at - datetime.timedelta(seconds=1)
    assert published.opens_at <= timezone.now()


def test_notice_publish_that_would_end_too_early_is_refused():
    program, officer, applications = _world()
    notice = _create(program, officer, applications)
    now = timezone.now()
    timeline.notice_ran(notice, now - 10 * DAY, now + DAY)  # planned long ago, published only now

    with pytest.raises(ValidationError):
        notice_publish(actor=officer, notice=PublicNotice.objects.get(pk=notice.pk))

    assert PublicNotice.objects.get(pk=notice.pk).published_at is None


def test_notice_withdraw_without_reason_is_refused():
    program, officer, applications = _world()
    notice = notice_publish(actor=officer, notice=_create(program, officer, applications))

    with pytest.raises(ValidationError):
        notice_withdraw(actor=officer, notice=notice, reason="  ")

    assert PublicNotice.objects.get(pk=notice.pk).withdrawn_at is None


def test_notice_withdraw_keeps_the_reason_stops_objections_and_frees_its_applications():
    program, officer, applications = _world()
    notice = notice_publish(actor=officer, notice=_create(program, officer, applications))

    notice_withdraw(actor=officer, notice=notice, reason="名单有误，更正后重新公示。")

    notice = PublicNotice.objects.get(pk=notice.pk)
    assert notice.withdrawn_reason == "名单有误，更正后重新公示。"
    with pytest.raises(ValidationError):
        objection_file(notice=notice, item=None, name="李", contact="13900000000", text="异议")
    assert not Objection.objects.exists()
    assert _create(program, officer, applications).items.count() == 1


def test_public_notice_page_of_a_withdrawn_notice_shows_the_reason_and_no_form(client):
    program, officer, applications = _world()
    notice = notice_publish(actor=officer, notice=_create(program, officer, applications))
    notice_withdraw(actor=officer, notice=notice, reason="名单有误，更正后重新公示。")

    response = client.get(reverse("applications:public-notice", args=[notice.pk]))

    page = response.content.decode()
    assert "名单有误，更正后重新公示。" in page
    assert 'name="text"' not in page


def test_final_notice_finalize_while_the_shortlist_is_open_names_the_shortlist():
    program, officer, applications = _world()
    shortlist = notice_publish(actor=officer, notice=_create(program, officer, applications))
    final = notice_publish(actor=officer, notice=_create(program, officer, applications, kind=NoticeKind.FINAL))
    timeline.notice_ran(final, timezone.now() - 10 * DAY, timezone.now() - DAY)

    with pytest.raises(ValidationError) as refused:
        notice_finalize(actor=officer, notice=PublicNotice.objects.get(pk=final.pk))

    assert shortlist.title in refused.value.messages[0] and applications[0].number in refused.value.messages[0]
    assert Application.objects.get(pk=applications[0].pk).state.code == "public_notice"


# --- pages ----------------------------------------------------------------------------------------


def test_notice_create_page_offers_decided_applications_for_a_final_notice_only_on_that_tab(client):
    program, officer, decided = _world()
    _p, _o, eligible = _world()  # another program's: never offered
    client.force_login(officer)

    final = client.get(reverse("applications:notice-create", args=[program.pk]) + "?kind=final")

    offered = list(final.context["form"].fields["applications"].queryset)
    assert offered == decided
    assert final.context["form"].initial["closes_at"] == earliest_end(final.context["form"].initial["opens_at"], 5)


def test_notice_edit_page_posts_a_shorter_period_and_shows_the_minimum(client):
    program, officer, applications = _world()
    notice = _create(program, officer, applications)
    client.force_login(officer)
    opens = timezone.localtime() + DAY

    response = client.post(reverse("applications:notice-edit", args=[notice.pk]), {
        "title": "公示", "body": "", "applications": [applications[0].pk],
        "opens_at": opens.strftime("%Y-%m-%dT%H:%M"), "closes_at": (opens + DAY).strftime("%Y-%m-%dT%H:%M"),
    })

    minimum = local_minute(earliest_end(timezone.make_aware(datetime.datetime.strptime(opens.strftime("%Y-%m-%dT%H:%M"), "%Y-%m-%dT%H:%M")),
                                        program.notice_min_working_days))
    assert minimum in response.context["form"].errors["closes_at"][0]
    assert PublicNotice.objects.get(pk=notice.pk).closes_at == notice.closes_at


def test_notice_withdraw_view_without_reason_flashes_and_keeps_it(client):
    program, officer, applications = _world()
    notice = notice_publish(actor=officer, notice=_create(program, officer, applications))
    client.force_login(officer)

    response = client.post(reverse("applications:notice-withdraw", args=[notice.pk]), {"reason": ""}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["请说明撤回理由，理由将显示在公示页面上。"]
    assert PublicNotice.objects.get(pk=notice.pk).withdrawn_at is None


def test_notice_delete_view_by_officer_of_another_district_answers_404(client):
    program, officer, applications = _world()
    notice = _create(program, officer, applications)
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district("外区")))

    response = client.post(reverse("applications:notice-delete", args=[notice.pk]))

    assert response.status_code == 404
    assert PublicNotice.objects.filter(pk=notice.pk).exists()
