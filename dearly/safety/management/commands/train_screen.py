from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Train the crisis screen's classifier head on dearly/safety/training/*.jsonl."

    def add_arguments(self, parser):
        parser.add_argument("--no-estimate", action="store_true",
                            help="skip the two-fold estimate on the tuning letters (the weights are the same)")

    def handle(self, *args, **options):
        from dearly.safety.train import train

        train(stdout=self.stdout.write, estimate=not options["no_estimate"])
