import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from tests import factories
from tests.participation import factories as pf
from yichuang.accounts.roles import Role
from yichuang.core.models import AuditEvent
from yichuang.kernel.money import Money
from yichuang.participation import wishes
from yichuang.participation.models import MicroWish

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%proof\n"


def test_wish_posted_waits_for_a_second_persons_check():
    wish, poster, _checker = pf.posted()
    assert wish.status == MicroWish.Status.CHECKING
    with pytest.raises(ValidationError, match="not the one who posted it"):
        wishes.wish_check(actor=poster, wish=wish, approve=True)
    assert MicroWish.objects.get().status == MicroWish.Status.CHECKING


@pytest.mark.parametrize(("field", "value", "found"), [
    ("story", "有事请联系妈妈13812345678。", "13812345678"),
    ("story", "身份证号34060319491231002X，孩子很懂事。", "34060319491231002X"),
    ("story", "小明住在3栋2单元501，想要一盏台灯。", "3栋2单元501"),
    ("title", "王小明想要一个书包", "王小明"),
    ("story", "小明每天走路上学，想要一双运动鞋。", "小明"),
])
def test_wish_with_personal_data_in_public_text_is_refused(field, value, found):
    where, poster, _checker = pf.keepers()
    with pytest.raises(ValidationError) as error:
        wishes.wish_post(actor=poster, text=pf.text(where, **{field: value}))
    assert found in str(error.value)
    assert not MicroWish.objects.exists()


def test_wish_value_and_deadline_are_checked():
    where, poster, _checker = pf.keepers()
    with pytest.raises(ValidationError) as error:
        wishes.wish_post(actor=poster, text=pf.text(where, value=Money.from_yuan(5000),
                                                       deadline=pf.timezone.localdate()))
    assert set(error.value.message_dict) == {"value", "deadline"}


def test_wish_outside_posters_communities_is_refused():
    where, _poster, _checker = pf.keepers()
    stranger = factories.user_with_role(Role.COMMUNITY_WORKER, area=factories.community(name="别的社区"))
    with pytest.raises(PermissionDenied):
        wishes.wish_post(actor=stranger, text=pf.text(where))


def test_wish_returned_then_edited_goes_back_to_check():
    wish, poster, checker = pf.posted()
    with pytest.raises(ValidationError):
        wishes.wish_check(actor=checker, wish=wish, approve=False)  # a return needs a note
    wishes.wish_check(actor=checker, wish=wish, approve=False, note="写清楚书包的颜色")
    edited = wishes.wish_edit(actor=poster, wish=wish, text=pf.text(wish.area, story="想要一个蓝色的新书包。"))
    assert edited.status == MicroWish.Status.CHECKING and edited.story == "想要一个蓝色的新书包。"


def test_wish_adopted_fulfilled_and_confirmed_closes():
    wish, poster, checker = pf.published()
    donor = pf.adopter()
    wishes.wish_adopt(actor=donor, wish=wish, show_name=True)
    proof = SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf")
    wishes.wish_fulfil(actor=donor, wish=wish, proof=proof, note="周六送到了孩子家")
    closed = wishes.wish_confirm(actor=checker, wish=wish, accept=True)
    assert closed.status == MicroWish.Status.CLOSED and closed.confirmed_by == checker
    actions = list(AuditEvent.objects.filter(action__startswith="participation.wish").order_by("pk").values_list("action", flat=True))
    assert actions[-3:] == ["participation.wish.adopted", "participation.wish.fulfilled", "participation.wish.confirmed"]


def test_adopting_an_adopted_wish_is_refused():
    wish, _poster, _checker = pf.published()
    wishes.wish_adopt(actor=pf.adopter(), wish=wish)
    second = pf.adopter(Role.VOLUNTEER)
    with pytest.raises(ValidationError, match="Someone else has just adopted"):
        wishes.wish_adopt(actor=second, wish=wish)
    assert MicroWish.objects.get().adopter != second


def test_adopting_needs_donor_volunteer_or_resident_role():
    wish, _poster, _checker = pf.published()
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.community())
    with pytest.raises(PermissionDenied):
        wishes.wish_adopt(actor=officer, wish=wish)


@pytest.mark.django_db(transaction=True)
def test_two_people_adopting_at_once_only_one_succeeds():
    wish, _poster, _checker = pf.published()
    people = [pf.adopter(), pf.adopter(Role.VOLUNTEER)]
    barrier = threading.Barrier(2)
    outcomes = []

    def adopt(person):
        try:
            barrier.wait()
            wishes.wish_adopt(actor=person, wish=MicroWish.objects.get(pk=wish.pk))
            outcomes.append("won")
        except ValidationError:
            outcomes.append("lost")
        finally:
            connection.close()

    threads = [threading.Thread(target=adopt, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["lost", "won"]
    assert MicroWish.objects.get().adopter in people


def test_fulfil_needs_a_real_proof_file():
    wish, _poster, _checker = pf.published()
    donor = pf.adopter()
    wishes.wish_adopt(actor=donor, wish=wish)
    fake = SimpleUploadedFile("photo.jpg", b"not a photo", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        wishes.wish_fulfil(actor=donor, wish=wish, proof=fake, note="送到了")
    assert MicroWish.objects.get().status == MicroWish.Status.ADOPTED


def test_keeper_releases_adoption_with_reason_and_it_can_be_adopted_again():
    wish, _poster, checker = pf.published()
    wishes.wish_adopt(actor=pf.adopter(), wish=wish)
    with pytest.raises(ValidationError):
        wishes.wish_release(actor=checker, wish=wish)
    wishes.wish_release(actor=checker, wish=wish, reason="认领人联系不上")
    again = wishes.wish_adopt(actor=pf.adopter(Role.VOLUNTEER), wish=wish)
    assert again.status == MicroWish.Status.ADOPTED


def test_confirming_sends_back_with_note_to_adopter():
    wish, _poster, checker = pf.published()
    donor = pf.adopter()
    wishes.wish_adopt(actor=donor, wish=wish)
    wishes.wish_fulfil(actor=donor, wish=wish, proof=SimpleUploadedFile("r.pdf", PDF), note="已购买")
    back = wishes.wish_confirm(actor=checker, wish=wish, accept=False, note="还没有送到孩子手里")
    assert back.status == MicroWish.Status.ADOPTED and back.confirmed_at is None


def test_checker_cannot_edit_a_wish_then_publish_their_own_text():
    wish, _poster, checker = pf.posted()
    with pytest.raises(PermissionDenied):
        wishes.wish_edit(actor=checker, wish=wish, text=pf.text(wish.area, title="改过的心愿"))
    assert MicroWish.objects.get().title == "一个新书包"
