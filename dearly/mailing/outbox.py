"""The mailing list's door to the outbox, which lives in the email app (dearly.email.outbox).

queue_email here is the email app's, plus what a list email needs when `subscriber` is given:
the RFC 8058 List-Unsubscribe headers, the footer with the unsubscribe link and the postal
address. The other public names (is_suppressed, forget_recipient, cancel_waiting,
deliver_due …) are the email app's own, importable from here as before.
"""

from dearly.email import outbox as _outbox
from dearly.email.models import OutgoingEmail
from dearly.email.outbox import (  # noqa: F401  (the outbox's public names, as before)
    Permanent,
    Transient,
    backoff,
    cancel_waiting,
    classify,
    deliver_due,
    forget_recipient,
    is_suppressed,
    render_email,
)

FOOTER_TEMPLATE = "mailing/email/footer.txt"


def queue_email(*, to: str, purpose: str, template: str, context: dict, subscriber=None,
                forget_address: bool = False) -> OutgoingEmail:
    """Queue one email (dearly.email.outbox.queue_email); a list email when `subscriber`."""
    if subscriber is None:
        return _outbox.queue_email(to=to, purpose=purpose, template=template, context=context,
                                   forget_address=forget_address)
    from dearly.mailing import tokens

    unsubscribe_url = tokens.absolute(tokens.unsubscribe_path(subscriber))
    return _outbox.queue_email(
        to=to, purpose=purpose, template=template, context=context, subscriber=subscriber,
        forget_address=forget_address, unsubscribe_url=unsubscribe_url, footer_template=FOOTER_TEMPLATE,
        extra_context={"preferences_url": tokens.absolute(tokens.preferences_path(subscriber))},
    )
