from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class VolunteersConfig(AppConfig):
    name = "yichuang.volunteers"
    verbose_name = pgettext_lazy("navigation", "Volunteers")

    def ready(self) -> None:
        from yichuang.ledger import checks as ledger_checks
        from yichuang.volunteers import totals

        ledger_checks.register(totals.problems)
