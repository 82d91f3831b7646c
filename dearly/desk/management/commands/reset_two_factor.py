from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dearly.lib import twofactor


class Command(BaseCommand):
    help = ("Remove a user's authenticator app and recovery codes (a lost phone): at their next "
            "sign-in they set up two-factor sign-in again.")

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        removed = twofactor.forget_devices(user)
        self.stdout.write(f"Removed {removed} two-factor device(s) of {username}: they set up again at next sign-in.")
