from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "yichuang.projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from yichuang.applications import effects

        def create_project(*, actor, application, **_kwargs) -> None:
            from yichuang.projects.services import project_create

            project_create(actor=actor, application=application)

        effects.register("create_project", create_project)

        from yichuang.ledger import checks as ledger_checks
        from yichuang.projects import checks

        ledger_checks.register(checks.problems)
