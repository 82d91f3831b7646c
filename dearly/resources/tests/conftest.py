import pytest

from dearly.resources.models import Resource
from dearly.resources.services import save_resource


@pytest.fixture
def make_resource(db):
    def make(name="An EFT-trained couples therapist", *, slug=None, kind=Resource.Kind.HELP,
             summary="Helps couples see the loop they are caught in.", keywords="Emotionally Focused Therapy\nEFT",
             **fields):
        slug = slug or name.lower().replace(" ", "-").replace("“", "").replace("”", "")[:60]
        return save_resource(Resource(name=name, slug=slug, kind=kind, summary=summary, keywords=keywords, **fields))

    return make


from dearly.column.tests.conftest import make_article  # noqa: E402, F401  (articles made as the column makes them)
