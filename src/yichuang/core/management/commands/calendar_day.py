"""Add or correct a day of the working-day calendar (a holiday, or a weekend day worked instead)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from yichuang.core.models import CalendarDay


class Command(BaseCommand):
    help = "Mark a date as a public holiday or as a make-up working day, e.g. `calendar_day 2027-10-01 holiday 国庆节`."

    def add_arguments(self, parser):
        parser.add_argument("date", help="YYYY-MM-DD")
        parser.add_argument("kind", choices=["holiday", "workday", "normal"])
        parser.add_argument("name", nargs="?", default="")

    def handle(self, *args, date, kind, name, **options):
        try:
            day = dt.date.fromisoformat(date)
        except ValueError as error:
            raise CommandError(f"{date}: not a date (YYYY-MM-DD)") from error
        if kind == "normal":
            CalendarDay.objects.filter(date=day).delete()
        else:
            CalendarDay.objects.update_or_create(date=day, defaults={"is_workday": kind == "workday", "name": name})
        self.stdout.write(f"{day.isoformat()}: {kind}")
