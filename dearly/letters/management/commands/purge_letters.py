from django.core.management.base import BaseCommand

from dearly.letters import services


class Command(BaseCommand):
    help = "Delete unpublished letters and erase writers' emails past LETTER_RETENTION_DAYS."

    def handle(self, *args, **options):
        report = services.purge_expired_letters()
        notified = services.notify_due_writers()
        self.stdout.write(
            f"Deleted {report.letters_deleted} letter(s) past retention, erased "
            f"{report.emails_erased} email address(es), notified {notified} writer(s)."
        )
