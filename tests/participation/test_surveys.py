import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from tests.participation import factories as pf
from yichuang.accounts.roles import Role
from yichuang.participation import surveys
from yichuang.participation.models import Survey, SurveyResponse

pytestmark = pytest.mark.django_db


def test_anonymous_answer_is_stored_without_a_person_and_only_once_per_browser():
    row, _keeper = pf.survey()
    surveys.response_submit(survey=row, who=surveys.Respondent(session_key="session-xyz"), values=pf.answers(row))
    with pytest.raises(ValidationError, match="already answered"):
        surveys.response_submit(survey=row, who=surveys.Respondent(session_key="session-xyz"), values=pf.answers(row))
    stored = SurveyResponse.objects.get()
    assert stored.resident is None and stored.session_hash != "session-xyz" and "session-xyz" not in stored.session_hash
    surveys.response_submit(survey=row, who=surveys.Respondent(session_key="another"), values=pf.answers(row))
    assert SurveyResponse.objects.count() == 2


def test_required_question_skipped_is_refused_and_nothing_stored():
    row, _keeper = pf.survey()
    values = pf.answers(row)
    del values[str(row.questions.get(position=3).pk)]
    with pytest.raises(ValidationError) as error:
        surveys.response_submit(survey=row, who=surveys.Respondent(session_key="abc"), values=values)
    assert "Answer this question." in str(error.value)
    assert not SurveyResponse.objects.exists()


def test_answer_to_a_hidden_question_is_dropped():
    row, _keeper = pf.survey()
    response = surveys.response_submit(survey=row, who=surveys.Respondent(session_key="abc"),
                                       values=pf.answers(row, lives=1, needs=(2,)))
    assert str(row.questions.get(position=2).pk) not in response.answers


def test_closed_survey_takes_no_answers():
    row, keeper = pf.survey()
    surveys.survey_close(actor=keeper, survey=row)
    with pytest.raises(ValidationError, match="not taking answers"):
        surveys.response_submit(survey=row, who=surveys.Respondent(session_key="abc"), values=pf.answers(row))


def test_identified_survey_takes_one_answer_per_verified_resident_of_its_area():
    row, _keeper = pf.survey(mode="identified")
    resident = factories.user_with_role(Role.RESIDENT, area=row.area)
    stranger = factories.user_with_role(Role.RESIDENT, area=factories.community(name="外区社区"))
    surveys.response_submit(survey=row, who=surveys.Respondent(resident=resident), values=pf.answers(row))
    with pytest.raises(ValidationError, match="already answered"):
        surveys.response_submit(survey=row, who=surveys.Respondent(resident=resident), values=pf.answers(row))
    with pytest.raises(PermissionDenied):
        surveys.response_submit(survey=row, who=surveys.Respondent(resident=stranger), values=pf.answers(row))


def test_staff_enter_several_paper_questionnaires_marked_as_entered():
    row, keeper = pf.survey()
    for _ in range(2):
        surveys.response_submit(survey=row, who=surveys.Respondent(entered_by=keeper), values=pf.answers(row))
    assert SurveyResponse.objects.filter(entered_by=keeper, session_hash=None).count() == 2


def test_questions_cannot_change_once_the_survey_is_open():
    row, keeper = pf.survey()
    with pytest.raises(ValidationError, match="can no longer change"):
        surveys.question_add(actor=keeper, survey=row, question=surveys.QuestionText("text", "新问题"))


def test_question_with_one_choice_or_bad_dependency_is_refused():
    row, keeper = pf.survey(open_it=False)
    with pytest.raises(ValidationError, match="between 2"):
        surveys.question_add(actor=keeper, survey=row, question=surveys.QuestionText("single", "是否", options=("是",)))
    scale = row.questions.get(position=3)
    with pytest.raises(ValidationError, match="depend only on"):
        surveys.question_add(actor=keeper, survey=row, question=surveys.QuestionText(
            "text", "为什么", show_if_question=scale, show_if_option=0))
    assert row.questions.count() == 4


def test_removing_a_question_others_depend_on_is_refused_and_positions_close_up():
    row, keeper = pf.survey(open_it=False)
    first, second = row.questions.order_by("position")[:2]
    with pytest.raises(ValidationError, match="depends on this one"):
        surveys.question_remove(actor=keeper, question=first)
    surveys.question_remove(actor=keeper, question=second)
    assert list(row.questions.values_list("position", flat=True)) == [1, 2, 3]


def test_survey_outside_keepers_areas_is_refused():
    where = factories.community()
    outsider = factories.user_with_role(Role.COMMUNITY_WORKER, area=factories.community(name="别处"))
    with pytest.raises(PermissionDenied):
        surveys.survey_create(actor=outsider, text=surveys.SurveyText(where, "调查", "", "anonymous",
                                                                      pf.timezone.localdate(), pf.timezone.localdate()))
    assert not Survey.objects.exists()
