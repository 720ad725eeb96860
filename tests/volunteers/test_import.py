import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from tests import factories
from tests.volunteers import factories as vf
from yichuang.volunteers import roster_import
from yichuang.volunteers.models import Consent, RosterImport, Volunteer

pytestmark = pytest.mark.django_db

HEADINGS = ["姓名", "性别", "出生日期", "证件类型", "证件号码", "居住社区", "手机号码", "专业技能", "服务类别", "其他特长"]


def _sheet(rows) -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(HEADINGS)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("花名册.xlsx", out.getvalue())


def _rows(where):
    good = vf.ric("19600308", male=False)
    wrong_check = vf.ric("19700101")[:-1] + "0"
    wrong_check = wrong_check if wrong_check[-1] != vf.ric("19700101")[-1] else wrong_check[:-1] + "1"
    return [
        ["王秀英", "女", "1960-03-08", "居民身份证", good, where.name, "13912345678", "为老照护、烹饪", "扶老助老", "退休教师"],
        ["李建国", "", "", "", vf.ric("19580101"), where.name, "13912345679", "", "社区服务", ""],  # gender, birth from ID
        ["张三", "男", "1970-01-01", "居民身份证", "110105197001010000", where.name, "13912345670", "", "社区服务", ""],
        ["赵六", "女", "1960-03-08", "居民身份证", good, where.name, "13912345671", "", "社区服务", ""],  # same as row 2
        ["孙七", "女", "1990-01-01", "护照", "E12345678", "不存在社区", "13912345672", "", "社区服务", ""],
        ["周八", "女", "1990-01-01", "护照", "E12345679", where.name, "13912345673", "会飞", "社区服务", ""],
    ]


def _start(member, org, upload, mode, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = roster_import.roster_import_start(actor=member, organization=org, upload=upload, mode=mode,
                                                paper_consent=True)
    job.refresh_from_db()
    return job


def test_import_all_or_nothing_writes_nothing_and_lists_every_bad_row(django_capture_on_commit_callbacks):
    where = factories.community()
    org, member = vf.organizer(where)

    job = _start(member, org, _sheet(_rows(where)), RosterImport.Mode.ALL_OR_NOTHING, django_capture_on_commit_callbacks)

    assert job.status == RosterImport.Status.DONE and job.created == 0 and job.rows == 6
    assert [row for row, _message in job.problems] == [4, 5, 6, 7]
    assert "same person as row 2" in job.problems[1][1]
    assert not Volunteer.objects.exists()


def test_import_skip_bad_rows_registers_the_good_ones_with_paper_consent(django_capture_on_commit_callbacks):
    where = factories.community()
    org, member = vf.organizer(where)

    job = _start(member, org, _sheet(_rows(where)), RosterImport.Mode.SKIP_BAD_ROWS, django_capture_on_commit_callbacks)

    assert job.created == 2 and len(job.problems) == 4
    second = Volunteer.objects.get(name="李建国")
    assert second.gender == "male" and second.birth_date.isoformat() == "1958-01-01"
    assert Volunteer.objects.get(name="王秀英").skills == ["cooking", "elder_care"]
    assert Consent.objects.filter(method="paper").count() == 4
    assert len({v.number for v in Volunteer.objects.all()}) == 2


def test_import_refuses_someone_already_on_the_roster(django_capture_on_commit_callbacks):
    where = factories.community()
    org, member = vf.organizer(where)
    rows = _rows(where)[:1]
    _start(member, org, _sheet(rows), RosterImport.Mode.SKIP_BAD_ROWS, django_capture_on_commit_callbacks)

    again = _start(member, org, _sheet(rows), RosterImport.Mode.SKIP_BAD_ROWS, django_capture_on_commit_callbacks)

    assert again.created == 0 and "already registered" in again.problems[0][1]
    assert Volunteer.objects.count() == 1


def test_import_of_a_file_that_is_not_excel_fails_clearly(django_capture_on_commit_callbacks):
    where = factories.community()
    org, member = vf.organizer(where)
    with pytest.raises(ValidationError):
        _start(member, org, SimpleUploadedFile("x.xlsx", b"not a zip"), "skip", django_capture_on_commit_callbacks)
    assert not RosterImport.objects.exists()


def test_import_needs_consent_forms(django_capture_on_commit_callbacks):
    where = factories.community()
    org, member = vf.organizer(where)
    with pytest.raises(ValidationError, match="consent"):
        roster_import.roster_import_start(actor=member, organization=org, upload=_sheet([]), mode="skip",
                                          paper_consent=False)


def test_import_page_shows_progress_then_problems(client, django_capture_on_commit_callbacks):
    where = factories.community()
    org, member = vf.organizer(where)
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("volunteers:import"), {
            "organization": org.pk, "file": _sheet(_rows(where)), "mode": "skip", "paper_consent": "on"})
    page = client.get(response["Location"]).content.decode()

    assert 'data-testid="import-problems"' in page and "6 rows read, 2 volunteers registered, 4 rows with problems." in page
    assert client.get(reverse("volunteers:import-template")).status_code == 200
