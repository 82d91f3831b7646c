import logging

import pytest


@pytest.fixture(autouse=True)
def _quiet_smtp_server_log():
    # aiosmtpd logs every SMTP command at INFO; keep failures readable.
    logger = logging.getLogger("mail.log")
    level = logger.level
    logger.setLevel(logging.WARNING)
    yield
    logger.setLevel(level)
