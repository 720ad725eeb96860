"""Projects for tests: a program paying in three tranches, an approved application, two officers."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from tests.reviews.factories import officer_of
from yichuang.accounts.roles import Role
from yichuang.projects import services
from yichuang.projects.models import Project

PLAN = [
    {"percent_bp": 5000, "amount": None, "trigger": "signing", "due_on": None},
    {"percent_bp": 3000, "amount": None, "trigger": "midterm_pass", "due_on": None},
    {"percent_bp": 2000, "amount": None, "trigger": "final_pass", "due_on": None},
]


def second_officer(program):
    return factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)


def project(program=None, *, signed: bool = False) -> Project:
    """A project of ¥18,000 (the default document's request) paid 50/30/20."""
    program = program or factories.program(tranches=PLAN)
    organization = factories.organization(program.area)
    application = factories.submitted_application(program, organization)
    created = services.project_create(actor=officer_of(program), application=application)
    if signed:
        services.agreement_confirm(actor=officer_of(program), agreement=created.agreement)
        services.agreement_confirm(actor=factories.applicant(organization), agreement=created.agreement)
    return Project.objects.get(pk=created.pk)


def voucher(name: str = "发票.pdf", size: int = 2_000) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size, content_type="application/pdf")
