import os
import signal
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from dearly.work import loop


class Command(BaseCommand):
    help = ("Run Dearly's background work: send due email, run one-off tasks and the periodic chores. "
            "Run one or more, on one or more machines. SIGTERM or Ctrl-C stops it after the step in hand.")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One round of work, then exit (for cron).")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds to sleep when idle.")

    def handle(self, *args, once=False, interval=1.0, **options):
        if once:
            done = loop.tick()
            self.stdout.write(f"Sent {done['sent']} emails, ran {done['tasks']} tasks and "
                              f"{len(done['chores'])} chores ({', '.join(done['chores']) or 'none due'}).")
            return
        stopping = []

        def stop(signum, frame):
            if stopping:  # asked twice: stop now
                raise SystemExit(1)
            stopping.append(signum)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        preloading = settings.WORKER_PRELOAD_MODELS and os.environ.get("DEARLY_PRELOAD_MODELS", "1") != "0"
        if preloading:
            # Only when asked: a letter's preparation (vectors, anonymizer proposals) loads the
            # models it needs and waits a couple of seconds for them, which nobody sees (the crisis
            # screen runs in the web process); a worker that mostly sends email stays small.
            from dearly.language.preload import for_worker, in_background

            in_background(for_worker)
        # Started as `manage.py work` (not called from other code or tests), and not told to hold
        # its models: after letting them go, start afresh in place (see WORKER_RENEW_AFTER_MODELS).
        # A preloading worker would only load them again.
        renew = None
        if settings.WORKER_RENEW_AFTER_MODELS and not preloading and sys.argv[1:2] == ["work"]:
            renew = start_afresh
        loop.run(interval=interval, should_stop=lambda: bool(stopping), renew=renew)


def start_afresh() -> None:
    """Replace this process with a new `manage.py work` (same id, same arguments and
    environment): a supervisor (bin/serve, systemd) sees nothing happen."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, sys.orig_argv)
