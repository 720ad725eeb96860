"""Remind experts whose reviews are due within 48 hours. Schedule it hourly (cron or the worker host)."""

from django.core.management.base import BaseCommand

from yichuang.reviews.scores import reviewers_remind


class Command(BaseCommand):
    help = "Remind experts of unsubmitted reviews due within 48 hours (at most once a day per round)."

    def handle(self, *args, **options):
        count = reviewers_remind()
        self.stdout.write(f"{count} experts reminded")
