"""One-off background work for letters, run by `manage.py work` (dearly.work.loop) through
django-tasks' database backend. Tasks only call services, and every one is safe to run twice.
The periodic work on letters (retention purge, writers' notices catch-up) is registered as
chores in dearly/letters/apps.py.
"""

from django_tasks import task

from dearly.letters import services


@task
def prepare_letter_for_desk(letter_id: int) -> bool:
    return services.prepare_letter(letter_id)


@task
def notify_writer_when_published(letter_id: int) -> bool:
    from dearly.letters.models import Letter

    letter = Letter.objects.filter(pk=letter_id).first()
    return bool(letter and services.notify_writer(letter))
