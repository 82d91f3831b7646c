import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from dearly.column.models import Article

# Each app that has demo content adds its loader here, in the order they depend on each other.
DEMO_LOADERS = [
    "dearly.column.demo.load",
    "dearly.letters.demo.load",
    "dearly.mailing.demo.load",
    "dearly.members.demo.load",
    "dearly.welcome.demo.load",
    "dearly.tools.demo.load",
    "dearly.cyclemap.demo.load",
    "dearly.resources.demo.load",
]
STAFF_USERNAME = "expert"


class Command(BaseCommand):
    help = "Load Dearly's demo content into an empty database (use --force to load anyway)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even if the column has articles.")

    def handle(self, *args, force=False, **options):
        if Article.objects.exists() and not force:
            self.stdout.write("The database already has content: demo content not loaded.")
            return
        with transaction.atomic():
            for dotted in DEMO_LOADERS:
                import_string(dotted)(stdout=self.stdout)
            self._staff_account()

    def _staff_account(self):
        User = get_user_model()
        path = settings.VAR_DIR / "demo-credentials.txt"
        if User.objects.filter(username=STAFF_USERNAME).exists():
            return
        password = secrets.token_urlsafe(9)
        User.objects.create_superuser(STAFF_USERNAME, settings.EXPERT_EMAIL, password, first_name="Nora")
        path.write_text(f"{STAFF_USERNAME}\n{password}\n")
        path.chmod(0o600)
        self.stdout.write(f"Staff account: {STAFF_USERNAME} / {password} (also in {path}).")
