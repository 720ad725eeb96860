from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_defaults(sender, **kwargs):
    from yichuang.programs.services import defaults_install

    defaults_install()


class ProgramsConfig(AppConfig):
    name = "yichuang.programs"
    label = "programs"
    verbose_name = _("Programs and calls")

    def ready(self):
        # The default form, rubric and workflow ship with the platform, like content types do.
        post_migrate.connect(_install_defaults, sender=self)
