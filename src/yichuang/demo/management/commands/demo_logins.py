from django.core.management.base import BaseCommand

from yichuang.demo.users import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print the demo log-ins."

    def handle(self, *args, **options):
        lines = [
            "",
            "Yichuang demo: http://127.0.0.1:8000   (password for every account: %s)" % DEMO_PASSWORD,
            "",
            f"  {'user name':<18} {'role':<18} name",
            f"  {'admin':<18} {'platform operator':<18} everything (also /admin/)",
        ]
        lines += [f"  {username:<18} {role.value:<18} {display}" for username, display, role, _kind, _key in DEMO_USERS]
        self.stdout.write("\n".join(lines) + "\n")
