"""The encoder remembers the vectors of texts it read lately, and only those."""

import numpy as np

from dearly.language.encoder import Encoder, get_encoder


class CountingEncoder(Encoder):
    """The real encoder, counting the texts that go through the model."""

    def __init__(self, memo_texts):
        super().__init__(memo_texts)
        self.through_the_model = []
        # Share the process's loaded model and tokenizer instead of loading another copy.
        shared = get_encoder()
        self.__dict__["_session"] = shared._session
        self.__dict__["_tokenizer"] = shared._tokenizer

    def _encode_batch(self, texts):
        self.through_the_model.extend(texts)
        return super()._encode_batch(texts)


def test_a_text_read_again_is_not_read_by_the_model_twice_and_gets_the_same_vector():
    encoder = CountingEncoder(memo_texts=8)
    first = encoder.encode(["He keeps my passport in his desk.", "We fight about the dishes."])
    again = encoder.encode(["We fight about the dishes.", "A new sentence, typed just now."])
    assert sorted(encoder.through_the_model) == ["A new sentence, typed just now.",
                                                 "He keeps my passport in his desk.", "We fight about the dishes."]
    np.testing.assert_array_equal(again[0], first[1])
    assert np.isclose(np.linalg.norm(again[1]), 1.0, atol=1e-5)


def test_the_vectors_from_memory_are_those_the_model_gives():
    remembering, fresh = CountingEncoder(memo_texts=8), CountingEncoder(memo_texts=0)
    texts = ["I am scared of him when he drinks.", "Our son is three."]
    remembering.encode(texts)
    np.testing.assert_allclose(remembering.encode(texts), fresh.encode(texts), atol=1e-5)
    assert fresh.encode(texts) is not None and len(fresh.through_the_model) == 4  # no memory: read each time


def test_the_memory_forgets_the_least_recently_used_text_beyond_its_size():
    encoder = CountingEncoder(memo_texts=2)
    encoder.encode(["one", "two"])
    encoder.encode(["one"])  # "one" is now the most recently used
    encoder.encode(["three"])  # "two" goes
    encoder.through_the_model.clear()
    encoder.encode(["one", "two", "three"])
    assert encoder.through_the_model == ["two"]


def test_a_vector_handed_out_cannot_change_what_is_remembered():
    encoder = CountingEncoder(memo_texts=4)
    first = encoder.encode(["The same words."])
    first[0][:] = 0.0
    assert np.isclose(np.linalg.norm(encoder.encode(["The same words."])[0]), 1.0, atol=1e-5)


def test_an_encoder_told_to_remember_nothing_forgets_what_it_held():
    encoder = CountingEncoder(memo_texts=4)
    encoder.encode(["held"])
    encoder.remember(0)
    encoder.through_the_model.clear()
    encoder.encode(["held"])
    encoder.encode(["held"])
    assert encoder.through_the_model == ["held", "held"]
