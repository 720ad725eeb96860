from django.core.management.base import BaseCommand

from yichuang.demo import loader


class Command(BaseCommand):
    help = "Load the demo data built from the seed articles (does nothing if it is already loaded)."

    def handle(self, *args, **options):
        if loader.is_loaded():
            self.stdout.write("Demo data is already loaded; `make demo-reset` rebuilds it from scratch.")
            return
        counts = loader.load()
        self.stdout.write(self.style.SUCCESS(
            "Demo data loaded: {areas} areas, {organizations} organizations, {users} users.".format(**counts)
        ))
