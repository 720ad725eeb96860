from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class VolunteersConfig(AppConfig):
    name = "yichuang.volunteers"
    verbose_name = pgettext_lazy("navigation", "Volunteers")
