from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "yichuang.accounts"
    label = "accounts"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from yichuang.accounts.middleware import on_login

        user_logged_in.connect(on_login, dispatch_uid="yichuang-two-factor-on-login")
