from django.core.management.base import BaseCommand

from dearly.letters import services


class Command(BaseCommand):
    help = "Delete unpublished letters and erase writers' emails past LETTER_RETENTION_DAYS."

    def handle(self, *args, **options):
        done = services.daily_upkeep()
        self.stdout.write(
            f"Deleted {done['letters_deleted']} letter(s) past retention (and "
            f"{done['drafts_deleted']} unpublished answer draft(s)), erased {done['emails_erased']} "
            f"email address(es), notified {done['writers_notified']} writer(s)."
        )
