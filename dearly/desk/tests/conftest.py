# The letters' fixtures (letters made through the real services, the expert, a member, staff
# without the desk permission) serve the desk's tests too.
from dearly.letters.tests.conftest import (  # noqa: F401
    CRISIS,
    ORDINARY,
    _own_cache,
    crisis_services,
    desk_client,
    expert,
    letter_form_data,
    make_letter,
    member,
    staff_without_desk,
)
