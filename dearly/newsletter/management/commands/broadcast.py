import sys
import time
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dearly.newsletter import selectors, sending, services
from dearly.newsletter.models import Broadcast

FINAL = (Broadcast.State.SENT, Broadcast.State.CANCELLED)
BAR = 30


def parse_segment(value: str) -> dict:
    """all | members | guide:<slug> | topic:<slug> | tier:<slug> → create_broadcast's arguments."""
    kind, _, slug = value.partition(":")
    if kind in ("all", "members") and not slug:
        return {"segment": kind}
    if kind in ("guide", "topic", "tier") and slug:
        if kind == "guide":
            from dearly.mailing.models import Guide as Model
        elif kind == "topic":
            from dearly.column.models import Topic as Model
        else:
            from dearly.members.models import Tier as Model
        found = Model.objects.filter(slug=slug).first()
        if found is None:
            raise CommandError(f"No {kind} with the slug {slug!r}.")
        return {"segment": kind, f"segment_{kind}": found}
    raise CommandError("--segment is all, members, guide:<slug>, topic:<slug> or tier:<slug>.")


def parse_time(value: str):
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--at is not an ISO time: {value!r} (e.g. 2026-12-01T09:00+01:00).") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)  # in TIME_ZONE
    return moment


def bar(progress: dict) -> str:
    done = progress["done"]
    filled = round(done * BAR)
    left = progress["time_left"]
    eta = f", {left // 60:.0f} min {left % 60:02.0f} s left" if left else ""
    rate = f", {progress['rate']:,.0f}/s" if progress["rate"] else ""
    return (f"[{'#' * filled}{'.' * (BAR - filled)}] {done:6.1%}  sent {progress['sent']:,}, "
            f"failed {progress['failed']:,}, waiting {progress['waiting']:,}{rate}{eta}")


class Command(BaseCommand):
    help = ("Send a newsletter issue written in Markdown to a segment of the list, now or at a time, and "
            "follow it with a progress bar until it is done. The background worker (make run, or "
            "manage.py work) sends it; --here sends from this command instead.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="The issue, in Markdown.")
        parser.add_argument("--subject", required=True)
        parser.add_argument("--segment", default="all",
                            help="all (default), members, guide:<slug>, topic:<slug> or tier:<slug>.")
        parser.add_argument("--at", default="", help="Send at this ISO time (e.g. 2026-12-01T09:00+01:00).")
        parser.add_argument("--yes", action="store_true", help="Do not ask; send.")
        parser.add_argument("--no-follow", action="store_true", help="Queue it and return at once.")
        parser.add_argument("--here", action="store_true", help="Send from this process, not the worker.")
        parser.add_argument("--interval", type=float, default=0.5, help="Seconds between progress updates.")

    def handle(self, *args, file, subject, segment, at, yes, no_follow, here, interval, **options):
        try:
            body = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {file}: {getattr(exc, 'strerror', None) or exc}.") from None
        chosen = parse_segment(segment)
        send_at = parse_time(at) if at else None
        if send_at is not None and send_at <= timezone.now():
            raise CommandError("--at is in the past.")
        try:
            count = selectors.recipients_count(chosen["segment"], guide=chosen.get("segment_guide"),
                                               topic=chosen.get("segment_topic"), tier=chosen.get("segment_tier"))
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        when = f"at {send_at.isoformat()}" if send_at else "now"
        if not yes:
            self.stdout.write(f"“{subject}” to {count:,} {'person' if count == 1 else 'people'} ({segment}), {when}.")
            try:
                answer = input("Send it? [y/N] ")
            except EOFError:
                answer = ""
            if answer.strip().lower() not in ("y", "yes"):
                self.stdout.write("Not sent. Nothing was queued.")
                return
        try:
            broadcast = services.create_broadcast(subject=subject, body=body, **chosen)
            if send_at:
                services.schedule(broadcast, send_at)
            else:
                services.start_sending(broadcast)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Broadcast {broadcast.pk} queued: {broadcast.recipients or count:,} recipients, {when}.")
        if no_follow:
            return
        self.follow(broadcast, here=here, interval=interval)

    def follow(self, broadcast: Broadcast, *, here: bool, interval: float) -> None:
        tty = sys.stdout.isatty()
        last_line, last_print, idle_since, warned = "", 0.0, time.monotonic(), False
        try:
            while True:
                if here:
                    sending.work_step()
                progress = selectors.progress(broadcast)
                if progress["state"] == Broadcast.State.SCHEDULED:
                    line = f"Scheduled for {broadcast.send_at.isoformat()}: waiting."
                elif progress["state"] == Broadcast.State.PAUSED:
                    line = "Paused. " + bar(progress)
                else:
                    line = bar(progress)
                now = time.monotonic()
                if line != last_line and (tty or now - last_print >= 5 or progress["state"] in FINAL):
                    self.stdout.write(("\r" + line.ljust(110)) if tty else line, ending="" if tty else "\n")
                    self.stdout.flush()
                    last_line, last_print = line, now
                if progress["state"] in FINAL:
                    break
                if progress["sent"] or progress["state"] != Broadcast.State.SENDING:
                    idle_since = now
                elif not warned and now - idle_since > 15:
                    self.stderr.write("\nNothing has gone out for 15 s: is the worker running (make run, or "
                                      "manage.py work)? Or follow with --here to send from this command.")
                    warned = True
                if not here:
                    time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("\nStopped following; the broadcast goes on (pause or cancel it in the desk).")
            return
        if tty:
            self.stdout.write("")
        progress = selectors.progress(broadcast)
        self.stdout.write(f"{progress['state'].capitalize()}: {progress['sent']:,} sent, {progress['failed']:,} failed, "
                          f"{progress['skipped']:,} left out (unsubscribed or suppressed meanwhile).")
        for reason, n in selectors.failures_by_reason(broadcast):
            self.stdout.write(f"  {n:,} × {reason}")
