"""The exact words a writer agrees to. Change the wording, change the version: every letter
keeps the words it was sent under, so an old letter is never judged by new terms."""

from django.conf import settings

VERSION = "2026-11-1"


def publication_wording() -> str:
    return (
        "I agree that my letter may be published in the column, edited and anonymized: names, "
        "places and anything else that could identify me or others will be removed or changed. "
        "I understand that I will not get a private reply."
    )


def sensitive_data_wording() -> str:
    return (
        "I agree that Dearly may keep and read what my letter says about my relationship, my "
        "health and my sex life, in order to consider it for an answer. If it is not published, "
        f"it is deleted {settings.LETTER_RETENTION_DAYS} days after I send it."
    )


def full_wording() -> str:
    """What is stored with each letter: both consents, word for word."""
    return f"[publication] {publication_wording()}\n[sensitive data] {sensitive_data_wording()}"
