from django.core.management.base import BaseCommand

from dearly.mailing import outbox, services


class Command(BaseCommand):
    help = (
        "Send due emails from the outbox. The task worker (db_worker) does this by itself; this "
        "command is for cron, for task backends that cannot schedule, or to flush by hand."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send what is due now, then exit.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between runs when looping.")

    def handle(self, *args, once=False, interval=5.0, **options):
        import time

        while True:
            sent = outbox.deliver_due(limit=None)
            services.tidy_up_if_due()
            if once:
                self.stdout.write(f"Sent {sent} emails.")
                return
            time.sleep(interval)
