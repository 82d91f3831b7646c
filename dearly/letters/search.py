"""The letters' own full-text index, used only in the desk to find similar earlier letters.

It is a separate table from the column's: a letter is never in the column's index, and
nothing public ever searches this one.
"""

from dearly.lib.fulltext import FullTextIndex

index = FullTextIndex("letters_search")


def index_letter(letter) -> None:
    # No title: pen names would outrank the words of the letter.
    index.upsert(letter.pk, "", letter.body)


def unindex_letters(ids) -> None:
    for letter_id in ids:
        index.delete(letter_id)


def similar_letter_ids(text: str, *, limit: int = 5, exclude_id=None) -> list[int]:
    return index.similar(text, limit=limit, exclude_id=exclude_id)
