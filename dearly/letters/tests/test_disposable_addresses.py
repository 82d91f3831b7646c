"""The letter form's optional email refuses throwaway domains from the maintained
disposable-email-domains package (dearly.lib.disposable_email), not only Dearly's old list."""

import pytest

from dearly.letters.models import Letter
from dearly.letters.tests.test_letter_form import TYPED, page_text


@pytest.mark.django_db
def test_it_refuses_a_throwaway_domain_that_only_the_package_lists(client, letter_form_data):
    response = client.post("/ask/", letter_form_data(letter=TYPED, email="someone@emailfake.com"))
    assert response.status_code == 400
    assert "we cannot send to temporary inboxes" in page_text(response)
    assert not Letter.objects.exists()
