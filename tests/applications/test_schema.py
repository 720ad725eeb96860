"""One schema for the application document: every key has its words, and no page shows a raw key."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.applications import schema
from yichuang.applications.engine import application_transition
from yichuang.applications.forms import ROWS, SCALARS
from yichuang.applications.models import Application
from yichuang.applications.services import application_autosave
from yichuang.kernel import applications as doc

pytestmark = pytest.mark.django_db

# Stored keys that must never reach a reader: they have labels.
RAW_KEYS = re.compile(r"\b(need_evidence|beneficiary_group|beneficiary_count|volunteer_hours|person_times|grant_fen|own_fen|matched_fen)\b|\b(activities|budget|indicators|team)\.\d")


def test_schema_labels_every_key_of_the_kernel_and_nothing_else():
    assert set(schema.SCALAR_LABELS) == set(doc.SCALAR_SPECS)
    assert set(schema.SECTION_LABELS) == set(doc.ROW_SECTIONS)
    for section, specs in doc.ROW_SPECS.items():
        assert set(schema.ROW_LABELS[section]) == set(specs), section
        for key, spec in specs.items():
            if spec.kind == "choice":
                assert set(schema.CHOICE_LABELS[(section, key)]) == set(spec.choices), (section, key)
    choice_fields = {(s, k) for s, specs in doc.ROW_SPECS.items() for k, spec in specs.items() if spec.kind == "choice"}
    assert set(schema.CHOICE_LABELS) == choice_fields


def test_schema_editor_names_are_derived_from_the_kernel_keys():
    assert SCALARS == list(doc.SCALAR_SPECS)
    assert ROWS["budget"] == ["category", "item", "grant", "own", "matched"]
    assert all(list(map(schema.input_key, doc.ROW_SPECS[s])) == ROWS[s] for s in doc.ROW_SECTIONS)


def _every_field_changed() -> tuple[dict, dict]:
    before = doc.normalise_document(factories.application_document())[0]
    after = doc.normalise_document(factories.application_document(
        title="新标题", summary="新摘要", domain="children", beneficiary_group="新人群", beneficiary_count="61",
        need_evidence="新的需求", goals="新的目标",
        activities=[{"name": "新活动", "start": "2025-04-01", "end": "2025-11-30", "sessions": "41", "participants": "61", "description": "新描述"}],
        indicators=[{"kind": "volunteer_hours", "name": "服务时长", "target": "61", "unit": "小时"}],
        team=[{"name": "李明", "role": "社工", "qualification": "助理社会工作师"}],
        budget=[
            {"category": "venue", "item": "场地", "grant": "15001", "own": "8001", "matched": "1"},
            {"category": "personnel", "item": "专业社工服务", "grant": "3000", "own": "4000", "matched": "2000"},
            {"category": "publicity", "item": "宣传", "grant": "10", "own": "0", "matched": "0"},
        ],
    ))[0]
    return before, after


def test_schema_labels_every_path_a_version_diff_can_name():
    before, after = _every_field_changed()
    changes = doc.diff_documents(before, after)
    changed_keys = {c.path.split(".")[-1] for c in changes if "." in c.path}

    with translation.override("en"):
        labels = [schema.label_for_path(c.path) for c in changes]
    assert changed_keys >= {"name", "start", "end", "sessions", "participants", "description", "kind", "target", "unit",
                            "role", "qualification", "category", "item", "grant_fen", "own_fen", "matched_fen"}
    assert "Budget, row 1: Grant (yuan)" in labels and "Budget, row 3" in labels
    assert not [label for label in labels if label == "other detail" or "_" in label]


def test_schema_value_text_words_codes_money_and_whole_rows():
    with translation.override("en"):
        assert schema.value_text("budget.0.grant_fen", 1_500_100) == "¥15,001.00"
        assert schema.value_text("indicators.0.kind", "volunteer_hours") == "Volunteer hours"
        row = schema.value_text("budget.2", {"category": "publicity", "item": "宣传", "grant_fen": 1000, "own_fen": 0})
    assert row == "Category: Publicity; Item: 宣传; Grant (yuan): ¥10.00; Own funds (yuan): ¥0.00"


def test_version_diff_page_shows_labels_and_yuan_never_raw_keys(client):
    program = factories.program()
    application = factories.submitted_application(program, factories.organization(program.area))
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)
    application_transition(actor=officer, application=application, code="start_screening")
    application_transition(actor=officer, application=application, code="request_info", reason="请补充预算。")
    member = factories.applicant(application.organization)
    application = Application.objects.get(pk=application.pk)
    budget = [*factories.application_document()["budget"], {"category": "publicity", "item": "宣传折页", "grant": "800", "own": "0", "matched": "0"}]
    application, _ = application_autosave(actor=member, application=application, raw=factories.application_document(
        budget=budget, indicators=[{"kind": "volunteer_hours", "name": "", "target": "200", "unit": "小时"}]),
        revision=application.draft_revision)
    application_transition(actor=member, application=application, code="resubmit", answer="已补充。")
    client.force_login(officer)

    response = client.get(reverse("applications:version-diff", args=[application.pk, 1, 2]), HTTP_ACCEPT_LANGUAGE="en")

    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    assert "Output indicators, row 1: Indicator" in text
    assert "Volunteer hours" in text
    assert "Category: Publicity; Item: 宣传折页; Grant (yuan): ¥800.00" in text
    assert not RAW_KEYS.search(text), RAW_KEYS.search(text)


def _with_volunteer_hours():
    program = factories.program()
    application = factories.submitted_application(program, factories.organization(program.area), factories.application_document(
        indicators=[{"kind": "volunteer_hours", "name": "", "target": "200", "unit": "小时"}]))
    return program, application


def _assert_every_label_and_no_raw_key(html: str) -> None:
    text = re.sub(r"<[^>]+>", " ", html)
    for label in [*schema.SCALAR_LABELS.values(), *schema.SECTION_LABELS.values()]:
        assert str(label) in text, label
    assert "Volunteer hours" in text
    assert not RAW_KEYS.search(text), RAW_KEYS.search(text)


def test_staff_reader_shows_every_field_and_section_by_its_label(client):
    program, application = _with_volunteer_hours()
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area))

    response = client.get(reverse("applications:staff-detail", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="en")

    _assert_every_label_and_no_raw_key(response.content.decode())


def test_application_pdf_shows_every_field_and_section_by_its_label():
    _program, application = _with_volunteer_hours()
    document = application.latest_version.document
    context = {"application": application, "document": document, "totals": doc.budget_totals(document),
               "version": application.latest_version}

    with translation.override("en"):
        html = render_to_string("applications/pdf.html", context)

    _assert_every_label_and_no_raw_key(html)
