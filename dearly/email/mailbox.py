"""EMAIL_URL=mailbox:// (the default): emails are kept in the database instead of being sent.

For trying Dearly out: after `make run`, every email (sign-up confirmations, guides, letter
notices) is readable with clickable links at /desk/mailbox/, so nobody needs a mail server.
"""

from django.core.mail.backends.base import BaseEmailBackend


class MailboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from dearly.email.models import MailboxMessage

        count = 0
        for message in email_messages:
            mime = message.message()
            html = next(
                (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"),
                "",
            )
            MailboxMessage.objects.create(
                to=", ".join(message.recipients()),
                from_email=message.from_email,
                subject=str(message.subject),
                body_text=message.body,
                body_html=html,
                headers={name: str(value) for name, value in mime.items()},
                raw=mime.as_string(),
            )
            count += 1
        return count
