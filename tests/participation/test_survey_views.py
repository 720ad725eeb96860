import pytest
from captcha.models import CaptchaStore
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.participation import factories as pf
from yichuang.accounts.roles import Role
from yichuang.participation import surveys
from yichuang.participation.models import SurveyResponse

pytestmark = pytest.mark.django_db


def _human(client, url) -> dict:
    """What a person types into the human check: the sum drawn on the page they were given."""
    client.get(url)
    store = CaptchaStore.objects.order_by("-pk").first()
    return {"captcha_0": store.hashkey, "captcha_1": store.response, "website": ""}


def test_anonymous_answer_through_the_link_then_a_second_from_the_same_browser_is_refused(client):
    row, _keeper = pf.survey()
    url = reverse("participation:survey-answer", args=[row.key])

    first = client.post(url, {**pf.answers(row), **_human(client, url), "age_group": "60_79"})
    second = client.post(url, {**pf.answers(row), **_human(client, url)})

    assert first.status_code == 302 and second.status_code == 400
    assert "already answered" in second.content.decode()
    assert SurveyResponse.objects.get().age_group == "60_79"


def test_wrong_sum_or_filled_honeypot_stores_nothing_and_keeps_the_answers(client):
    row, _keeper = pf.survey()
    url = reverse("participation:survey-answer", args=[row.key])
    wrong = {**_human(client, url), "captcha_1": "9999"}
    response = client.post(url, {**pf.answers(row, note="希望增加助餐点"), **wrong})
    bot = client.post(url, {**pf.answers(row), **_human(client, url), "website": "http://spam"})

    assert response.status_code == 400 and "希望增加助餐点" in response.content.decode()
    assert bot.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_skipped_required_question_is_shown_with_a_message_and_nothing_stored(client):
    row, _keeper = pf.survey()
    url = reverse("participation:survey-answer", args=[row.key])
    values = pf.answers(row)
    del values[str(row.questions.get(position=1).pk)]

    response = client.post(url, {**values, **_human(client, url)})

    assert response.status_code == 400 and "Answer this question." in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_identified_survey_sends_visitors_to_log_in_and_refuses_residents_elsewhere(client):
    row, _keeper = pf.survey(mode="identified")
    url = reverse("participation:survey-answer", args=[row.key])
    assert reverse("accounts:login") in client.get(url)["Location"]
    client.force_login(factories.user_with_role(Role.RESIDENT, area=factories.community(name="外区")))
    assert client.get(url).status_code == 403


def test_results_count_answers_and_filter_by_age_group(client):
    row, keeper = pf.survey()
    for key, age, lives in (("a", "60_79", 0), ("b", "60_79", 1), ("c", "18_34", 0)):
        surveys.response_submit(survey=row, who=surveys.Respondent(session_key=key, age_group=age),
                                values=pf.answers(row, lives=lives))
    client.force_login(keeper)
    url = reverse("participation:survey-results", args=[row.pk])

    everyone = client.get(url).context["results"][0]
    older = client.get(url, {"age_group": "60_79"}).context["results"][0]
    export = client.get(url, {"export": "xlsx"})

    assert everyone.table == [("独居", [2]), ("与家人同住", [1])]
    assert older.table == [("独居", [1]), ("与家人同住", [1])]
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_results_page_in_constant_queries(client):
    row, keeper = pf.survey()
    client.force_login(keeper)
    url = reverse("participation:survey-results", args=[row.pk])
    surveys.response_submit(survey=row, who=surveys.Respondent(session_key="a"), values=pf.answers(row))
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for key in ("b", "c", "d"):
        surveys.response_submit(survey=row, who=surveys.Respondent(session_key=key), values=pf.answers(row))
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four) == len(one)


def test_survey_list_in_constant_queries(client):
    row, keeper = pf.survey()
    client.force_login(keeper)
    url = reverse("participation:survey-list")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(2):
        surveys.survey_create(actor=keeper, text=surveys.SurveyText(row.area, "又一个调查", "", "anonymous",
                                                                    row.opens_on, row.closes_on))
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    assert len(three) == len(one)


def test_builder_adds_a_question_with_a_condition(client):
    row, keeper = pf.survey(open_it=False)
    client.force_login(keeper)
    lives = row.questions.get(position=1)

    client.post(reverse("participation:survey", args=[row.pk]), {
        "kind": "text", "text": "独居时最担心什么", "show_if": f"{lives.pk}:0"})

    added = row.questions.get(position=5)
    assert added.show_if_question == lives and added.show_if_option == 0


def test_survey_page_shows_each_questions_condition(client):
    row, keeper = pf.survey(open_it=False)
    client.force_login(keeper)
    page = client.get(reverse("participation:survey", args=[row.pk])).content.decode()
    assert "only if question 1 is answered “独居”" in page
