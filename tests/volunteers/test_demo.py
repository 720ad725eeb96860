"""The demo's volunteers are the articles' volunteers: Xiangshan's 78 registered into four teams, the
silver-haired team of ten, Shushan's employee volunteers; its certificate verifies."""

import pytest
from django.db.models import Sum
from django.utils import timezone

from tests.demo_world import demo_load
from yichuang.kernel.volunteers import age_on
from yichuang.volunteers import certificates
from yichuang.volunteers.models import Certificate, Team, TeamMember, Volunteer

pytestmark = pytest.mark.django_db


def test_demo_xiangshan_78_volunteers_of_the_three_groups_in_four_teams():
    demo_load()
    roster = Volunteer.objects.filter(area__code="340603003901", registered_via="organization")
    teams = Team.objects.filter(area__code="340603003901")

    assert roster.count() == 78
    assert {v.skills_note for v in roster} == {"低龄老人（示例）", "退休党员（示例）", "全职妈妈（示例）"}
    assert teams.count() == 4
    members = TeamMember.objects.filter(team__in=teams, status="active", volunteer__in=roster)
    assert members.count() == 78 and all(teams.filter(members__is_leader=True, pk=t.pk).exists() for t in teams)


def test_demo_silver_haired_team_has_ten_members_past_sixty():
    demo_load()
    team = Team.objects.get(name="“银龄关爱小家”志愿服务队")
    members = [m.volunteer for m in team.members.filter(status="active").select_related("volunteer")]

    assert len(members) == 10
    assert all(age_on(v.birth_date, timezone.localdate()) >= 60 for v in members)


def test_demo_shushan_employee_volunteers_have_a_team_and_a_shift():
    demo_load()
    team = Team.objects.get(name="企业员工志愿服务队", organization__name="蜀山经济技术开发区企业社工站")

    assert team.members.filter(status="active").count() == 24
    from yichuang.volunteers.models import Signup

    assert Signup.objects.filter(shift__opportunity__organization=team.organization, status="confirmed").count() == 16


def test_demo_certificate_verifies_and_its_total_matches_the_records():
    demo_load()
    certificate = Certificate.objects.get(status="issued")
    confirmed = certificate.volunteer.records.filter(status="confirmed", organization=certificate.organization)

    assert certificates.verify_number(certificate.number) == certificate
    assert certificate.payload["minutes"] == confirmed.aggregate(n=Sum("minutes"))["n"]
    with certificate.pdf.open("rb") as handle:
        assert certificates.verify_file(handle.read()) == certificate


def test_demo_kept_totals_equal_the_confirmed_records():
    from yichuang.volunteers import totals

    demo_load()
    by_hand = [v.number for v in Volunteer.objects.all()
               if v.minutes_confirmed != (v.records.filter(status="confirmed").aggregate(n=Sum("minutes"))["n"] or 0)]

    assert by_hand == [] and totals.problems() == []


def test_check_ledger_finds_a_kept_total_that_drifted():
    from yichuang.volunteers import totals

    demo_load()
    volunteer = Volunteer.objects.filter(minutes_confirmed__gt=0).first()
    Volunteer.objects.filter(pk=volunteer.pk).update(minutes_confirmed=volunteer.minutes_confirmed + 1)

    assert totals.problems() == [f"volunteer {volunteer.number}: kept service total differs from the confirmed records"]
