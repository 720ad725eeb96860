from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.demo_world import demo_load  # the loader's rows, built once per run (see demo_world)
from yichuang.accounts.models import User
from yichuang.accounts.roles import Role
from yichuang.core.models import AuditEvent
from yichuang.demo import seed_data
from yichuang.demo.users import DEMO_PASSWORD, DEMO_USERS
from yichuang.kernel.identifiers import validate_uscc
from yichuang.places.models import Area, Organization

pytestmark = pytest.mark.django_db


def test_seed_data_is_consistent():
    seed_data.check()

    assert len(seed_data.WUJIN_PROJECTS) == 14
    assert {p["domain"] for p in seed_data.WUJIN_PROJECTS} == set(seed_data.WUJIN_PROGRAM["domains"])


def test_demo_load_builds_the_article_organizations_with_valid_codes():
    demo_load()

    names = set(Organization.objects.values_list("name", flat=True))
    assert {"武进区益能社会工作服务中心", "武进区蓝精灵儿童康复中心", "武进区同心助残驿站"} <= names
    assert any("阿甘之家" in name for name in names)
    for code in Organization.objects.exclude(uscc=None).values_list("uscc", flat=True):
        assert validate_uscc(code) == code


def test_demo_load_marks_invented_records_as_samples():
    demo_load()

    samples = Organization.objects.filter(is_sample=True)
    assert samples.exists()
    assert all(name.endswith("（示例）") for name in samples.values_list("name", flat=True))
    assert not Area.objects.filter(code_official=False, name="武进区").exists()
    assert all(user.is_sample for user in User.objects.all())


def test_demo_load_creates_every_demo_login_with_its_role():
    demo_load()

    for username, _display, role, _kind, _key in DEMO_USERS:
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        # An organization's administrator is its member too.
        expected = {role.value, Role.ORG_MEMBER.value} if role == Role.ORG_ADMIN else {role.value}
        assert set(user.grants.values_list("role", flat=True)) == expected


def test_demo_load_writes_history_for_everything_it_creates():
    demo_load()

    audited = set(AuditEvent.objects.filter(action="places.organization.created").values_list("object_id", flat=True))
    assert audited == {str(pk) for pk in Organization.objects.values_list("pk", flat=True)}


def test_demo_load_command_on_a_loaded_demo_keeps_one_copy(capsys):
    demo_load()  # the loader's first run, as `make demo` does it the first time (recorded once per test run)

    call_command("demo_load")

    assert User.objects.filter(username="admin").count() == 1
    assert "already loaded" in capsys.readouterr().out
