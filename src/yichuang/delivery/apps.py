from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "yichuang.delivery"
    verbose_name = _("Delivery")

    def ready(self) -> None:
        from yichuang.delivery import evaluations, tally
        from yichuang.ledger import checks as ledger_checks
        from yichuang.projects import tranches

        ledger_checks.register(tally.problems)
        tranches.register_evaluation_gate(evaluations.passed)
