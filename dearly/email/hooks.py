"""How other apps plug into outgoing email without the email app importing them.

    register_sending_check(fn)   fn(email) -> a reason not to send it ("" to let it go); asked
                                 when an email is queued and again just before each send
    address_suppressed           signal(address, reason, detail): an address may not be mailed
                                 any more (a bounce, a complaint, repeated failures, the desk)
    unsubscribe_requested        signal(address, detail): the ESP reports that the person
                                 unsubscribed through it

The mailing list registers its check (has the subscriber left?) and receives both signals in
its AppConfig.ready().
"""

from django.dispatch import Signal

address_suppressed = Signal()
unsubscribe_requested = Signal()

_sending_checks: list = []


def register_sending_check(check) -> None:
    if check not in _sending_checks:
        _sending_checks.append(check)


def reason_not_to_send(email) -> str:
    for check in _sending_checks:
        if reason := check(email):
            return reason
    return ""
