"""Remind fund managers of quarterly disclosures coming due or overdue. Schedule it daily."""

from django.core.management.base import BaseCommand

from yichuang.charity.reminders import disclosures_remind


class Command(BaseCommand):
    help = "Remind community charity fund managers of disclosure reports due within 14 days or overdue (once each)."

    def handle(self, *args, **options):
        self.stdout.write(f"{disclosures_remind()} reminders sent")
