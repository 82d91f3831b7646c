from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Train the crisis screen's classifier head on dearly/safety/training/*.jsonl."

    def handle(self, *args, **options):
        from dearly.safety.train import train

        train(stdout=self.stdout.write)
