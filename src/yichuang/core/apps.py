from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_tasks_db.apps import TasksAppConfig


def _seed_calendar(sender, **kwargs):
    from yichuang.core.calendar import calendar_seed

    calendar_seed()


def _create_cache_table(sender, **kwargs):
    """The database cache (shared log-in counters) needs its table; a no-op when it exists."""
    from django.core.management import call_command

    call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)


class CoreConfig(AppConfig):
    # This module holds two app configs (the tasks app's is below); without ``default`` Django would
    # use a plain AppConfig for "yichuang.core" and ready() (calendar seed, cache table) never ran.
    default = True
    name = "yichuang.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # The published holiday schedule ships with the platform, like the default templates.
        post_migrate.connect(_seed_calendar, sender=self)
        post_migrate.connect(_create_cache_table, sender=self)


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks' database backend under a translated name: the admin index shows it to operators."""

    verbose_name = _("Background tasks")


# The backend's model names, for our catalogue (its own package ships no Chinese).
TASK_MODEL_NAMES = (gettext_noop("Task Result"), gettext_noop("Task Results"))
