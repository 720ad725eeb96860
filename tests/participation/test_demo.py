"""The demo's micro-wishes are the children's wishes 桥头志愿服务队 collects (article 003): some came
true, one waits for confirmation, one is being fulfilled, some wait; nothing public names a child."""

import pytest
from django.urls import reverse

from tests.demo_world import demo_load
from yichuang.participation import queries
from yichuang.participation.models import MicroWish

pytestmark = pytest.mark.django_db


def test_demo_qiaotou_wishes_in_every_state_of_their_way():
    demo_load()
    qiaotou = MicroWish.objects.filter(area__code="340603100901")
    states = {status: qiaotou.filter(status=status).count() for status in MicroWish.Status.values}
    assert states["closed"] == 3 and states["fulfilled"] == 1 and states["adopted"] == 1 and states["published"] == 3
    assert all(w.is_sample and w.checked_by.username == "officer.xiangshan" for w in qiaotou)
    assert MicroWish.objects.get(area__code="340603003901").status == MicroWish.Status.CHECKING


def test_demo_public_page_counts_what_came_true_and_names_no_child(client):
    demo_load()
    totals = {t.community: t for t in queries.community_totals()}
    assert totals["桥头村"].came_true == 3 and totals["桥头村"].value.fen == (120 + 150 + 90) * 100

    page = client.get(reverse("participation:wish-list")).content.decode()
    names = MicroWish.objects.values_list("beneficiary_name", flat=True)
    assert "一个篮球" in page and not any(name in page or name.split("（")[0] in page for name in names)


def test_demo_ankang_needs_survey_has_answers_from_phones_and_paper():
    from yichuang.participation.models import Survey

    demo_load()
    survey = Survey.objects.get(area__code="340603003901")
    assert survey.status == "open" and survey.questions.count() == 6
    assert survey.responses.count() == 48 and survey.responses.exclude(entered_by=None).count() == 12
    charging = queries.survey_results(survey, survey.responses.all())[3]
    assert charging.table[0][0] == "电动车充电" and sum(charging.table[0][1]) == 48


def test_demo_shedong_four_small_public_matters_with_followers():
    from yichuang.participation.models import Topic

    demo_load()
    rows = Topic.objects.filter(area__code="320117004901", status="open")
    assert rows.count() == 4 and rows.first().title == "独居老人吃饭难" and rows.first().followers == 18
