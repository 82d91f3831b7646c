from django.core.management.base import BaseCommand

from dearly.column import search


class Command(BaseCommand):
    help = "Rebuild the column's search index from the articles (after loaddata or a restore)."

    def handle(self, *args, **options):
        self.stdout.write(f"Indexed {search.rebuild()} articles.")
