import re

import pytest

from dearly.mailing.models import OutgoingEmail


def last_signin_email(address: str) -> OutgoingEmail:
    return OutgoingEmail.objects.filter(to=address.strip().lower(), purpose__startswith="member-signin:").order_by("-id").first()


def code_and_link(address: str) -> tuple[str, str]:
    email = last_signin_email(address)
    code = re.search(r"\b(\d{6})\b", email.subject).group(1)
    link = re.search(r"(http\S+/signin/link/\S+)", email.body_text).group(1)
    return code, link


def path_of(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def ask(client, db):
    """Ask for a way in as `client`'s browser; returns (code, link path)."""
    def ask_for(address="reader@example.com", browser=None):
        response = (browser or client).post("/signin/", {"email": address})
        assert response.status_code == 302, response.status_code
        code, link = code_and_link(address)
        return code, path_of(link)

    return ask_for
