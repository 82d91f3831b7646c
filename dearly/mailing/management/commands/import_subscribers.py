from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dearly.mailing import imports


class Command(BaseCommand):
    help = (
        "Import subscribers who agreed elsewhere from a CSV file (columns: email, name, consent_source, "
        "consented_at; the first line names them), exactly as the desk's import does: suppressed, "
        "unsubscribed, duplicate and malformed rows are refused and reported by their line."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file.")
        parser.add_argument("--source", default="",
                            help='Where and how these people agreed, for rows with no consent_source '
                                 '(e.g. "Sign-up sheet at the March workshop").')
        parser.add_argument("--date-order", choices=sorted(imports.DATE_ORDERS), default="",
                            help="How to read dates like 03/04/2026: dmy (day first) or mdy (month first). "
                                 "Without it, only dates that cannot be read two ways are taken.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and report; import nothing.")

    def handle(self, *args, file, source, date_order, dry_run, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror or exc}.") from None
        try:
            batch = imports.store_upload(path.name, data, date_order=date_order, default_source=source)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if dry_run:
            report = imports.preview_batch(batch)
            batch.delete()  # nothing imported: keep no copy of the file
        else:
            report = imports.import_subscribers(batch)
        if report["error"]:
            raise CommandError(report["error"])
        for row in report["rejected"]:
            self.stdout.write(f"Line {row['line']}: {row['email'] or '(no email)'}: {row['reason']}. {row['message']}")
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(f"{verb} {len(report['good'])} subscribers; {len(report['rejected'])} rows rejected.")
