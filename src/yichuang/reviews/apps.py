from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "yichuang.reviews"
    label = "reviews"
    verbose_name = _("Expert review")

    def ready(self) -> None:
        from yichuang.applications import effects

        def open_review_round(*, actor, application, **_kwargs) -> None:
            from yichuang.reviews.services import round_enter

            round_enter(actor=actor, application=application)

        effects.register("open_review_round", open_review_round)

        from yichuang.applications import permissions as application_permissions

        def assigned(user):
            from yichuang.reviews.permissions import my_assignments

            return my_assignments(user)

        application_permissions.register_reader(assigned)

        from yichuang.people.services import on_accept

        def expert_accepted(**kwargs) -> None:
            from yichuang.reviews.pool import expert_accepted as link

            link(**kwargs)

        on_accept("expert", expert_accepted)
