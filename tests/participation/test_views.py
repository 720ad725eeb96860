import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.participation import factories as pf
from yichuang.accounts.roles import Role
from yichuang.participation import wishes
from yichuang.participation.models import MicroWish

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    client.get(url)  # the first request of a client warms caches (content types, the session)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_public_list_shows_published_wishes_without_the_residents_name(client):
    published, _poster, _checker = pf.published()
    waiting, _p, _c = pf.posted(title="一盏台灯")

    page = client.get(reverse("participation:wish-list")).content.decode()
    detail = client.get(reverse("participation:wish", args=[published.pk])).content.decode()

    assert published.title in page and waiting.title not in page
    assert "王小明" not in page and "王小明" not in detail
    assert client.get(reverse("participation:wish", args=[waiting.pk])).status_code == 404


def test_keeper_sees_the_private_part_and_a_keeper_elsewhere_does_not(client):
    wish, poster, _checker = pf.posted()
    client.force_login(poster)
    assert "王小明" in client.get(reverse("participation:wish", args=[wish.pk])).content.decode()

    client.force_login(factories.user_with_role(Role.COMMUNITY_WORKER, area=factories.community(name="别处社区")))
    assert client.get(reverse("participation:wish", args=[wish.pk])).status_code == 404


def test_post_page_with_a_phone_number_keeps_what_was_typed_and_creates_nothing(client):
    where, poster, _checker = pf.keepers()
    client.force_login(poster)
    form = {"area": where.pk, "wish_for": "elderly_alone", "title": "一台收音机",
            "story": "老人想听戏，电话13812345678", "value": "80", "deadline": "2099-01-01", "beneficiary_name": "张奶奶"}

    response = client.post(reverse("participation:wish-new"), form)

    body = response.content.decode()
    assert response.status_code == 400 and "13812345678" in body and "一台收音机" in body
    assert not MicroWish.objects.exists()


def test_post_page_posts_a_wish_for_checking(client):
    where, poster, _checker = pf.keepers()
    client.force_login(poster)
    form = {"area": where.pk, "wish_for": "elderly_alone", "title": "一台收音机", "story": "老人想听戏。",
            "value": "80.50", "deadline": "2099-01-01", "beneficiary_name": "张奶奶"}

    response = client.post(reverse("participation:wish-new"), form)

    wish = MicroWish.objects.get()
    assert response.status_code == 302 and wish.status == MicroWish.Status.CHECKING and wish.value.fen == 8050


def test_donor_adopts_from_the_wish_page(client):
    wish, _poster, _checker = pf.published()
    donor = pf.adopter()
    client.force_login(donor)

    client.post(reverse("participation:wish-adopt", args=[wish.pk]), {"show_name": "1"})

    wish.refresh_from_db()
    assert wish.status == MicroWish.Status.ADOPTED and wish.adopter == donor and wish.adopter_public


def test_anonymous_adoption_goes_to_sign_in_and_changes_nothing(client):
    wish, _poster, _checker = pf.published()
    response = client.post(reverse("participation:wish-adopt", args=[wish.pk]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert MicroWish.objects.get().status == MicroWish.Status.PUBLISHED


def test_proof_is_downloaded_by_keeper_and_adopter_only(client):
    wish, _poster, checker = pf.published()
    donor = pf.adopter()
    wishes.wish_adopt(actor=donor, wish=wish)
    wishes.wish_fulfil(actor=donor, wish=wish, proof=SimpleUploadedFile("r.pdf", b"%PDF-1.4\n"), note="送到了")
    url = reverse("participation:wish-proof", args=[wish.pk])
    codes = []
    for user in (checker, donor, pf.adopter(Role.VOLUNTEER)):
        client.force_login(user)
        codes.append(client.get(url).status_code)
    assert codes == [200, 200, 404]


def test_public_list_in_constant_queries(client):
    where, poster, checker = pf.keepers()
    first = wishes.wish_post(actor=poster, text=pf.text(where))
    wishes.wish_check(actor=checker, wish=first, approve=True)
    one = _count(client, reverse("participation:wish-list"))
    for title in ("一盏台灯", "一双运动鞋"):
        wish = wishes.wish_post(actor=poster, text=pf.text(where, title=title))
        wishes.wish_check(actor=checker, wish=wish, approve=True)
    assert _count(client, reverse("participation:wish-list")) == one


def test_keepers_page_in_constant_queries(client):
    where, poster, checker = pf.keepers()
    client.force_login(checker)
    wishes.wish_post(actor=poster, text=pf.text(where))
    one = _count(client, reverse("participation:wish-work"))
    for title in ("一盏台灯", "一双运动鞋"):
        wishes.wish_post(actor=poster, text=pf.text(where, title=title))
    page = client.get(reverse("participation:wish-work")).content.decode()
    assert _count(client, reverse("participation:wish-work")) == one
    assert "一盏台灯" in page


def test_wish_work_page_is_404_for_someone_with_no_wishes(client):
    client.force_login(factories.UserFactory())
    assert client.get(reverse("participation:wish-work")).status_code == 404


def test_my_participation_lists_identified_answers_and_wishes_posted_for_me(client):
    from tests.participation.factories import answers, survey
    from yichuang.participation import surveys

    row, _keeper = survey(mode="identified")
    me = factories.user_with_role(Role.RESIDENT, area=row.area)
    open_one, _k = survey(row.area, mode="identified")
    surveys.response_submit(survey=row, who=surveys.Respondent(resident=me), values=answers(row))
    where, poster, _checker = pf.keepers(row.area)
    wishes.wish_post(actor=poster, text=pf.text(where, beneficiary_user=me))
    client.force_login(me)

    page = client.get(reverse("participation:me")).content.decode()

    assert "answered on" in page and reverse("participation:survey-answer", args=[open_one.key]) in page
    assert "一个新书包" in page and "posted for you" in page


def test_my_participation_in_constant_queries(client):
    from tests.participation.factories import survey

    row, _keeper = survey(mode="identified")
    me = factories.user_with_role(Role.RESIDENT, area=row.area)
    client.force_login(me)
    one = _count(client, reverse("participation:me"))
    where, poster, _checker = pf.keepers(row.area)
    for title in ("一盏台灯", "一双运动鞋"):
        wishes.wish_post(actor=poster, text=pf.text(where, title=title, beneficiary_user=me))
    assert _count(client, reverse("participation:me")) == one
