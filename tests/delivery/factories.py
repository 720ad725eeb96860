"""Delivery for tests: a project under way today (its plan runs from 100 days ago to 100 days ahead)."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tests import factories
from tests.projects.factories import PLAN
from tests.reviews.factories import officer_of
from yichuang.delivery.services import ActivityData
from yichuang.projects import services as projects
from yichuang.projects.models import Project


def plan_document(days_before: int = 100, days_after: int = 100, indicators=None) -> dict:
    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=days_before), today + datetime.timedelta(days=days_after)
    return factories.application_document(
        activities=[
            {"name": "助餐配送", "start": start.isoformat(), "end": end.isoformat(), "sessions": "40",
             "participants": "60", "description": ""},
            {"name": "邻里探访", "start": start.isoformat(), "end": end.isoformat(), "sessions": "10",
             "participants": "20", "description": ""},
        ],
        indicators=indicators or [
            {"kind": "activities", "name": "", "target": "50", "unit": "场"},
            {"kind": "person_times", "name": "", "target": "1000", "unit": "人次"},
            {"kind": "beneficiaries", "name": "", "target": "60", "unit": "人"},
            {"kind": "volunteer_hours", "name": "", "target": "200", "unit": "小时"},
            {"kind": "custom", "name": "培育志愿者", "target": "20", "unit": "人"},
        ])


def project(document: dict | None = None) -> Project:
    program = factories.program(tranches=PLAN)
    organization = factories.organization(program.area)
    application = factories.submitted_application(program, organization, document or plan_document())
    created = projects.project_create(actor=officer_of(program), application=application)
    return Project.objects.get(pk=created.pk)


def member(project: Project):
    return factories.applicant(project.organization)


def data(**overrides) -> ActivityData:
    values = {"held_on": timezone.localdate() - datetime.timedelta(days=3), "place": "社区活动室",
              "content": "为独居老人送餐并陪伴聊天", "planned": 0, "beneficiary_group": "独居老人",
              "participants": 12, "person_times": 12, "volunteers": 3, "volunteer_minutes": 6 * 60}
    values.update(overrides)
    return ActivityData(**values)


def jpeg_with_location(size=(2400, 1800)) -> SimpleUploadedFile:
    """A JPEG carrying EXIF GPS data (latitude 31°N), as phones store it."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (31.0, 46.0, 0.0), 3: "E", 4: (119.0, 57.0, 0.0)}  # GPSInfo
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile("活动照片.jpg", out.getvalue(), content_type="image/jpeg")


SCORES = {"progress": 20, "quality": 20, "finance": 16, "management": 12, "impact": 12}


def evaluator(program):
    from yichuang.accounts.roles import Role

    return factories.user_with_role(Role.SUPERVISOR, area=program.area)


def open_round(project: Project, kind: str = "midterm", evaluators=None):
    from yichuang.delivery import evaluations
    from yichuang.delivery.models import EvaluationRound

    existing = EvaluationRound.objects.filter(program=project.program, kind=kind).first()
    if existing:
        return existing
    return evaluations.evaluation_round_open(actor=officer_of(project.program), program=project.program, kind=kind,
                                             due_on=timezone.localdate(), evaluators=evaluators or [evaluator(project.program)])


def decided_evaluation(project: Project, *, result: str = "pass", consequence: str = "", kind: str = "midterm",
                       amount=None):
    """The project's evaluation of ``kind`` with one filled sheet, decided ``result`` by the program's officer."""
    from yichuang.delivery import evaluations

    round_ = open_round(project, kind)
    evaluation = round_.evaluations.get(project=project)
    evaluations.evaluation_sheet_save(actor=round_.evaluators.first(), evaluation=evaluation, scores=SCORES,
                                      findings="按计划开展", documents="活动记录", recommendation=result)
    return evaluations.evaluation_decide(
        actor=officer_of(project.program), evaluation=evaluation, result=result, conclusion="评估结论",
        actions="补齐签到表" if result == "rectify" else "",
        rectify_by=timezone.localdate() + datetime.timedelta(days=30) if result == "rectify" else None,
        consequence=consequence, amount=amount)
