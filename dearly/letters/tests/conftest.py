"""The letters' own test material: sample letters and a valid letter form. Letters made through
the services (make_letter) and the people who use the desk are in the root conftest.py."""

import time

import pytest

from dearly.letters import antispam

ORDINARY = (
    "We keep having the same argument about the laundry and the dishes. My partner says I keep "
    "score and I say somebody has to. How do we stop fighting about chores?"
)
CRISIS = (
    "My husband hit me again last night and I am scared to go home. He took my phone so I could "
    "not call my sister."
)


@pytest.fixture
def letter_form_data(db):
    """A valid letter form, opened a minute ago."""

    def data(**overrides):
        values = {
            "pen_name": "Tired in Ohio",
            "letter": ORDINARY,
            "email": "",
            "consent_publication": "on",
            "consent_sensitive_data": "on",
            "website": "",
            "started": antispam.form_token(time.time() - 60),
            "send": "1",
        }
        values.update(overrides)
        return {k: v for k, v in values.items() if v is not None}

    return data
