"""A member's session ends after MEMBER_IDLE_DAYS without a visit.

Each visit moves the session's expiry forward (at most once an hour, to spare the database a
write per page); a session found idle for longer is signed out here even if its cookie was kept.
Staff sessions (no members.seen) are left to Django's own settings.
"""

import time

from django.conf import settings
from django.contrib.auth import logout

from dearly.members.signin import SEEN_KEY

TOUCH_EVERY = 60 * 60


def member_sessions_expire_when_idle(get_response):
    def middleware(request):
        # Only sessions that exist: touching an absent one would add "Vary: Cookie" to every page.
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES and hasattr(request, "session")
        seen = request.session.get(SEEN_KEY) if has_session else None
        if seen is not None:
            now = int(time.time())
            idle = settings.MEMBER_IDLE_DAYS * 24 * 60 * 60
            if now - seen > idle:
                logout(request)
            elif now - seen > TOUCH_EVERY:
                request.session[SEEN_KEY] = now
                request.session.set_expiry(idle)
        return get_response(request)

    return middleware
