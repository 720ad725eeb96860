import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.charity.test_funds import _fund, _gift
from tests.charity.test_views import _client
from tests.pdftext import pdf_text
from yichuang.charity import grants, reminders, services
from yichuang.charity.grants import GrantText
from yichuang.charity.models import Disclosure
from yichuang.kernel import charity as rules
from yichuang.kernel.money import Money
from yichuang.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _last_quarter():
    today = dt.date.today()
    year, quarter = (today.year, (today.month - 1) // 3 + 1)
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def _quarter_world():
    """A fund with two gifts and a paid emergency grant in the last finished quarter."""
    officer, fund = _fund()
    year, quarter = _last_quarter()
    day = dt.date(year, 3 * quarter - 1, 15)
    services.donation_record(actor=officer, fund=fund, text=_gift(amount=Money.from_yuan(800), received_on=day,
                                                                  donor_name="公开的捐赠人", publish_name=True))
    services.donation_record(actor=officer, fund=fund, text=_gift(amount=Money.from_yuan(200), received_on=day,
                                                                  bank_reference="TX-2", donor_name="匿名的捐赠人"))
    grant = grants.grant_propose(actor=officer, fund=fund, text=GrantText(
        kind="emergency", purpose="临时救助", amount=Money.from_yuan(300), recipient="社东3组张某"))
    for member in fund.committee.all()[:3]:
        grant = grants.grant_vote(actor=officer, grant=grant, member=member, approve=True)
    grants.grant_pay(actor=officer, grant=grant, paid_on=day + dt.timedelta(days=1))
    return officer, fund, year, quarter


def test_quarter_report_excel_sums_the_quarter_and_names_only_consenting_donors_and_no_aid_recipient():
    officer, fund, year, quarter = _quarter_world()

    response = _client(officer).get(reverse("charity:disclosure-xlsx", args=[fund.pk, year, quarter]))

    book = load_workbook(io.BytesIO(response.content))
    summary = dict(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    donors = [row[2] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    spent = list(book.worksheets[2].iter_rows(min_row=2, values_only=True))
    assert summary["Donations received"] == 1000 and summary["Spent"] == 300 and summary["Closing balance"] == 700
    assert "公开的捐赠人" in donors and "匿名的捐赠人" not in donors
    assert spent[0][3] == "A household in need (not published)"


def test_quarter_report_is_public_only_once_published_and_the_pdf_carries_the_totals():
    officer, fund, year, quarter = _quarter_world()
    url = reverse("charity:disclosure-pdf", args=[fund.pk, year, quarter])

    before = Client().get(url)
    _client(officer).post(reverse("charity:disclosure-publish", args=[fund.pk, year, quarter]))
    after = Client().get(url)
    page = Client().get(reverse("charity:fund", args=[fund.pk])).content.decode()

    assert before.status_code == 404 and after.status_code == 200
    text = pdf_text(after.content)
    assert "¥1,000.00" in text and "¥700.00" in text and "社东3组张某" not in text
    assert f"{year} Q{quarter}" in page


def test_publishing_twice_or_an_unfinished_quarter_is_refused():
    officer, fund, year, quarter = _quarter_world()
    services.disclosure_publish(actor=officer, fund=fund, year=year, quarter=quarter)
    today = dt.date.today()

    with pytest.raises(ValidationError, match="already published"):
        services.disclosure_publish(actor=officer, fund=fund, year=year, quarter=quarter)
    with pytest.raises(ValidationError, match="after the quarter has ended"):
        services.disclosure_publish(actor=officer, fund=fund, year=today.year, quarter=(today.month - 1) // 3 + 1)
    assert Disclosure.objects.count() == 1


def test_report_urls_for_a_quarter_that_has_not_ended_or_cannot_exist_answer_404():
    officer, fund, _year, _quarter = _quarter_world()
    client = _client(officer)

    assert client.get(reverse("charity:disclosure-pdf", args=[fund.pk, dt.date.today().year + 1, 1])).status_code == 404
    assert client.get(reverse("charity:disclosure-xlsx", args=[fund.pk, 2026, 5])).status_code == 404
    assert client.get(reverse("charity:disclosure-xlsx", args=[fund.pk, 99999, 1])).status_code == 404


def test_disclosure_reminders_go_to_the_managers_once_when_due_and_once_when_overdue(
        django_capture_on_commit_callbacks):
    officer, fund, year, quarter = _quarter_world()
    due = rules.disclosure_due(year, quarter)

    with django_capture_on_commit_callbacks(execute=True):
        first = reminders.disclosures_remind(today=due - dt.timedelta(days=3))
        again = reminders.disclosures_remind(today=due - dt.timedelta(days=2))
        late = reminders.disclosures_remind(today=due + dt.timedelta(days=1))

    assert (first, again, late) == (1, 0, 1)
    subjects = list(Notification.objects.filter(recipient=officer).values_list("subject", flat=True))
    assert len(subjects) == 2 and any(s.startswith("Overdue") for s in subjects)


def test_home_page_of_the_manager_lists_the_overdue_disclosure():
    officer, fund, year, quarter = _quarter_world()

    page = _client(officer).get(reverse("portal:home")).content.decode()

    assert f"the disclosure for {year} Q{quarter}" in page
