"""The letters' own indexes, used only in the desk to find similar earlier letters.

Separate tables from the column's: a letter is never in the column's indexes, and nothing public
ever searches these. A letter's vector is deleted with its words when the letter is purged.
"""

from dearly.lib import retrieval
from dearly.lib.fulltext import FullTextIndex
from dearly.lib.vectors import VectorIndex

index = FullTextIndex("letters_search", titled=False)  # letters have no titles: index_letter
vectors = VectorIndex("letters_vectors")


def index_letter(letter) -> None:
    # No title: pen names would outrank the words of the letter.
    index.upsert(letter.pk, "", letter.body)


def embed_letter(letter) -> None:
    """Done by the worker after a letter arrives: the form does not wait for it."""
    retrieval.store_vector(vectors, letter.pk, letter.body)


def unindex_letters(ids) -> None:
    ids = list(ids)
    for letter_id in ids:
        index.delete(letter_id)
    vectors.delete(ids)


def _bodies(ids) -> dict[int, str]:
    from dearly.letters.models import Letter

    return dict(Letter.objects.filter(pk__in=ids).values_list("pk", "body"))


def stored_vector(letter_id: int):
    return vectors.vectors_for([letter_id], retrieval.model_name()).get(letter_id)


def similar_letter_ids(text: str, *, limit: int = 5, exclude_id=None, query_vector=None) -> list[int]:
    ranked = retrieval.hybrid(text, full_text=index, vectors=vectors, limit=limit, exclude_id=exclude_id,
                              text_for=_bodies, query_vector=query_vector)
    return [i for i, _ in ranked]
