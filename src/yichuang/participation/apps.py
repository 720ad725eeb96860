from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "yichuang.participation"
    verbose_name = _("Residents' voice")
