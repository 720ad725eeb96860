from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharityConfig(AppConfig):
    name = "yichuang.charity"
    verbose_name = _("Community charity funds")

    def ready(self):
        from yichuang.charity import checks
        from yichuang.ledger.checks import register

        register(checks.problems)
