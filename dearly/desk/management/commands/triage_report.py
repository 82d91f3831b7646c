from django.core.management.base import BaseCommand

from dearly.desk.services import screen_against_readings

LABELS = {"urgent": "urgent", "worth_a_look": "worth a look", "none": "nothing"}


class Command(BaseCommand):
    help = ("How the crisis screen did on this practice's own letters, against the expert's readings at "
            "the desk (counts only: no letter text is printed).")

    def handle(self, *args, **options):
        r = screen_against_readings()
        if not r["letters"]:
            self.stdout.write("No letter has been read for danger at the desk yet (a letter's page: Your reading).")
            return
        self.stdout.write(f"Letters read for danger at the desk: {r['letters']}")
        if r["in_danger"]:
            self.stdout.write(f"  in danger (your reading): {r['in_danger']}, the screen flagged {r['caught']} "
                              f"({r['caught'] / r['in_danger']:.0%}), missed {r['missed']}")
        if r["safe"]:
            self.stdout.write(f"  in no danger (your reading): {r['safe']}, the screen flagged {r['false_alarms']} "
                              f"({r['false_alarms'] / r['safe']:.0%})")
        self.stdout.write("\n  the screen said  →  you read it    letters")
        for (screen, reading), n in sorted(r["pairs"].items()):
            self.stdout.write(f"  {LABELS.get(screen, screen):<16} →  {LABELS.get(reading, reading):<14} {n:>7}")
