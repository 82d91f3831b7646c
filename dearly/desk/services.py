"""The desk's own writes: the access log. Every desk view that shows or changes a letter
records it here, so the expert can always see who read what, and when."""

from dearly.desk.models import LetterAccess


def record_access(user, letter, action: str, detail: str = "") -> LetterAccess:
    return LetterAccess.objects.create(
        letter_id=letter.pk,
        user=user,
        username=user.get_username(),
        action=action,
        detail=detail[:200],
    )
