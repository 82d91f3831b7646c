from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Train the crisis screen's classifier head on dearly/safety/training/*.jsonl, then the "
            "letter model (letter_model.py) on the development letters read through it.")

    def add_arguments(self, parser):
        parser.add_argument("--no-estimate", action="store_true",
                            help="skip the two-fold estimate on the tuning letters (the weights are the same)")
        parser.add_argument("--letters-only", action="store_true",
                            help="keep the head; retrain only the letter model (after a change of rules or letters)")

    def handle(self, *args, **options):
        from dearly.safety import letter_model
        from dearly.safety.train import train

        if not options["letters_only"]:
            train(stdout=self.stdout.write, estimate=not options["no_estimate"])
            from dearly.safety import classifier

            classifier._head = None  # the letter model reads letters through the new head
        letter_model.train(stdout=self.stdout.write)
