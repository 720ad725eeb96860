from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed_calendar(sender, **kwargs):
    from yichuang.core.calendar import calendar_seed

    calendar_seed()


class CoreConfig(AppConfig):
    name = "yichuang.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # The published holiday schedule ships with the platform, like the default templates.
        post_migrate.connect(_seed_calendar, sender=self)
